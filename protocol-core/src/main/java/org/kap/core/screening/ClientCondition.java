package org.kap.core.screening;

import org.kap.core.facts.FactNames;
import org.kap.core.facts.LabTest;
import org.kap.core.outcome.Instrument;
import org.kap.core.rule.Comparison;
import org.kap.core.rule.Evidence;
import org.kap.core.terminology.Terms;
import org.kap.core.units.Units;
import org.kap.core.units.UnitsPerLitre;
import org.kap.core.vitals.VitalBound;
import org.kap.core.vitals.VitalSign;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A condition over what is known of the client. It says whether it holds, and what it saw, so a
 * finding can name the diagnosis, medication or value that fired the rule; or that it cannot tell,
 * naming the fact that is not recorded (see {@link Match}).
 */
public sealed interface ClientCondition {

    /** Whether the condition holds for this client at this clinical time. */
    Match evaluate(ClientProfile client, Instant at);

    /** The facts ({@link FactNames}) the condition reads: what an integrator must send, and what triggers a re-check. */
    Set<String> reads();

    /**
     * The protocol's own words the condition looks for (diagnoses, history, medications, substances): a word a
     * clinical system sends that no condition of the protocol knows is checked against nothing.
     */
    Set<String> vocabulary();

    /** Whether it looks at the time of the act itself (a dose taken within hours of it), so it is checked at every dosing act. */
    default boolean actRelative() {
        return false;
    }

    /** A condition over measures, flags and recorded facts: it names no word and no value set. */
    sealed interface OverMeasures extends ClientCondition {
        @Override
        default Set<String> vocabulary() {
            return Set.of();
        }
    }

    /**
     * {@code diagnosis in [schizophrenia, psychotic_disorders]}: one of the client's values of the category is one of
     * the words, or in one of the value sets (a word of the set or a code it contains). A list is never unknown: an
     * empty one reports none.
     */
    record CodeIn(CodeCategory category, Terms terms) implements ClientCondition {
        public CodeIn {
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(terms, "a " + category.label() + " rule needs at least one code");
        }

        /** A list of the protocol's own words. */
        public CodeIn(CodeCategory category, Set<String> codes) {
            this(category, Terms.of(codes));
        }

        @Override
        public Match evaluate(ClientProfile client, Instant at) {
            List<String> hits = client.codes(category).stream().map(terms::evidence).flatMap(java.util.Optional::stream)
                    .sorted().toList();
            return hits.isEmpty() ? Match.NO
                    : Match.holds(Evidence.of(category.label() + " " + String.join(", ", hits), "in", terms.limit()));
        }

        @Override
        public Set<String> reads() {
            return Set.of(switch (category) {
                case DIAGNOSIS -> FactNames.DIAGNOSES;
                case HISTORY -> FactNames.HISTORY;
                case FAMILY_HISTORY -> FactNames.FAMILY_HISTORY;
                case MEDICATION -> FactNames.MEDICATIONS;
            });
        }

        @Override
        public Set<String> vocabulary() {
            return terms.vocabulary();
        }


        @Override
        public String toString() {
            return category.label() + " in " + terms;
        }
    }

    /** {@code substance in [alcohol] within 7 days}: use more recent than the abstinence window. */
    record SubstanceUseWithin(Set<String> substances, Duration abstinence) implements ClientCondition {
        public SubstanceUseWithin {
            substances = Set.copyOf(substances);
            Objects.requireNonNull(abstinence, "abstinence window");
        }

        @Override
        public Match evaluate(ClientProfile client, Instant at) {
            // every use inside the window, in a stable order; what it saw does not change as time passes, so an override
            // given for it holds until a new use is recorded, and a new use of another substance is never mistaken for it
            List<String> uses = client.substanceUse().stream()
                    .filter(u -> substances.contains(u.substance()))
                    .filter(u -> Duration.between(u.lastUse(), at).compareTo(abstinence) < 0)
                    .map(u -> u.substance() + " last used " + u.lastUse())
                    .sorted().toList();
            return uses.isEmpty() ? Match.NO
                    : Match.holds(Evidence.of(String.join(", ", uses), "within", Units.format(abstinence) + " of abstinence"));
        }

        @Override
        public Set<String> reads() {
            return Set.of(FactNames.SUBSTANCE_USE);
        }

        @Override
        public Set<String> vocabulary() {
            return substances;
        }


        @Override
        public String toString() {
            return "substance use of " + sorted(substances) + " within " + Units.format(abstinence);
        }
    }

    /**
     * {@code medication in [adhd_stimulant] taken within 24 h before dose}: a dose of one of these taken
     * in the window before the act. Checked at dosing acts only: at screening there is no dose yet.
     */
    record MedicationTakenWithin(Terms drugs, Duration window) implements ClientCondition {
        public MedicationTakenWithin {
            Objects.requireNonNull(drugs, "a medication rule needs at least one drug");
            Objects.requireNonNull(window, "window");
        }

        /** A list of the protocol's own words. */
        public MedicationTakenWithin(Set<String> drugs, Duration window) {
            this(Terms.of(drugs), window);
        }

        @Override
        public Match evaluate(ClientProfile client, Instant at) {
            // every dose inside the window, oldest first: a further dose is new evidence, never covered by an earlier override
            List<String> doses = client.medicationsTaken().stream()
                    .filter(d -> drugs.contains(d.drug()))
                    .filter(d -> !d.takenAt().isAfter(at) && Duration.between(d.takenAt(), at).compareTo(window) < 0)
                    .sorted(java.util.Comparator.comparing(ClientProfile.MedicationDose::takenAt))
                    .map(Object::toString).toList();
            return doses.isEmpty() ? Match.NO
                    : Match.holds(Evidence.of(String.join(", ", doses), "within", Units.format(window) + " before the dose"));
        }

        @Override
        public Set<String> reads() {
            return Set.of(FactNames.MEDICATIONS_TAKEN);
        }

        @Override
        public Set<String> vocabulary() {
            return drugs.vocabulary();
        }


        @Override
        public boolean actRelative() {
            return true;
        }

        @Override
        public String toString() {
            return "medication in " + drugs + " taken within " + Units.format(window) + " before dose";
        }
    }

    record Pregnant() implements OverMeasures {
        @Override
        public Match evaluate(ClientProfile client, Instant at) {
            if (client.pregnant() == null) {
                return Match.unknown("pregnancy status");
            }
            return client.pregnant() ? Match.holds(Evidence.of("pregnant", "=", "excluded")) : Match.NO;
        }

        @Override
        public Set<String> reads() {
            return Set.of(FactNames.PREGNANCY);
        }

        @Override
        public String toString() {
            return "pregnant";
        }
    }

    record Breastfeeding() implements OverMeasures {
        @Override
        public Match evaluate(ClientProfile client, Instant at) {
            if (client.breastfeeding() == null) {
                return Match.unknown("breastfeeding status");
            }
            return client.breastfeeding() ? Match.holds(Evidence.of("breastfeeding", "=", "excluded")) : Match.NO;
        }

        @Override
        public Set<String> reads() {
            return Set.of(FactNames.BREASTFEEDING);
        }

        @Override
        public String toString() {
            return "breastfeeding";
        }
    }

    /** {@code age < 18 years} */
    record Age(Comparison comparison, int years) implements OverMeasures {
        @Override
        public Match evaluate(ClientProfile client, Instant at) {
            Integer age = client.ageYears();
            if (age == null) {
                return Match.unknown("age");
            }
            return comparison.holds(Integer.compare(age, years))
                    ? Match.holds(Evidence.of("age " + age + " years", comparison.symbol(), years + " years"))
                    : Match.NO;
        }

        @Override
        public Set<String> reads() {
            return Set.of(FactNames.AGE);
        }

        @Override
        public String toString() {
            return "age " + comparison.symbol() + " " + years + " years";
        }
    }

    /** {@code systolic >= 160 mmHg} on the resting vitals (taken at screening, or recorded since). */
    record Vital(VitalBound bound) implements OverMeasures {
        @Override
        public Match evaluate(ClientProfile client, Instant at) {
            if (client.vitals() == null || client.vitals().get(bound.sign()).isEmpty()) {
                return Match.unknown("screening " + bound.sign().label());
            }
            return bound.holdsFor(client.vitals()).orElseThrow()
                    ? Match.holds(bound.evidenceHolding(client.vitals()))
                    : Match.NO;
        }

        @Override
        public Set<String> reads() {
            return Set.of(bound.sign().label());
        }

        @Override
        public String toString() {
            return bound.toString();
        }
    }

    /** {@code score phq9 < 10} */
    record Score(Instrument instrument, Comparison comparison, int value) implements OverMeasures {
        @Override
        public Match evaluate(ClientProfile client, Instant at) {
            Integer score = client.scores().get(instrument);
            if (score == null) {
                return Match.unknown(instrument.label() + " score");
            }
            if (!comparison.holds(Integer.compare(score, value))) {
                return Match.NO;
            }
            return Match.holds(Evidence.of(instrument.label() + " " + score, comparison.symbol(), value));
        }

        @Override
        public Set<String> reads() {
            return Set.of(instrument.code());
        }

        @Override
        public String toString() {
            return instrument.label() + " " + comparison.symbol() + " " + value;
        }
    }

    /** {@code alt > 120 U/L}: the latest result of a laboratory test; not known while none is recorded. */
    record Lab(LabTest test, Comparison comparison, UnitsPerLitre limit) implements OverMeasures {
        public Lab {
            Objects.requireNonNull(test, "test");
            Objects.requireNonNull(comparison, "comparison");
            Objects.requireNonNull(limit, "limit");
        }

        @Override
        public Match evaluate(ClientProfile client, Instant at) {
            UnitsPerLitre result = client.labs().get(test);
            if (result == null) {
                return Match.unknown(test.label());
            }
            return comparison.holds(result.compareTo(limit))
                    ? Match.holds(Evidence.of(test.label() + " " + result, comparison.symbol(), limit))
                    : Match.NO;
        }

        @Override
        public Set<String> reads() {
            return Set.of(test.code());
        }

        @Override
        public String toString() {
            return test.code() + " " + comparison.symbol() + " " + limit;
        }
    }

    /**
     * {@code require age, pregnancy, systolic}: the facts a protocol needs at screening. It never holds; it is
     * "not known" while any of them is not recorded, naming those.
     */
    record Recorded(Set<String> facts) implements OverMeasures {
        public Recorded {
            facts = Set.copyOf(new LinkedHashSet<>(facts));
            if (facts.isEmpty()) {
                throw new IllegalArgumentException("a required-facts rule names at least one fact");
            }
            List<String> unknown = facts.stream().filter(f -> !FactNames.requirable().contains(f)).sorted().toList();
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("cannot require " + unknown + "; facts that can be required: "
                        + FactNames.requirable());
            }
        }

        @Override
        public Match evaluate(ClientProfile client, Instant at) {
            List<String> missing = new ArrayList<>();
            for (String fact : FactNames.requirable()) {
                if (facts.contains(fact) && !recorded(client, fact)) {
                    missing.add(fact);
                }
            }
            return missing.isEmpty() ? Match.NO : new Match.Unknown(missing);
        }

        private static boolean recorded(ClientProfile client, String fact) {
            switch (fact) {
                case FactNames.AGE:
                    return client.ageYears() != null;
                case FactNames.WEIGHT:
                    return client.weight() != null;
                case FactNames.PREGNANCY:
                    return client.pregnant() != null;
                case FactNames.BREASTFEEDING:
                    return client.breastfeeding() != null;
                default:
                    for (VitalSign sign : VitalSign.values()) {
                        if (sign.label().equals(fact)) {
                            return client.vitals() != null && client.vitals().get(sign).isPresent();
                        }
                    }
                    return client.scores().keySet().stream().anyMatch(i -> i.code().equals(fact))
                            || client.labs().keySet().stream().anyMatch(t -> t.code().equals(fact));
            }
        }

        @Override
        public Set<String> reads() {
            return facts;
        }

        @Override
        public String toString() {
            return "require " + String.join(", ", FactNames.requirable().stream().filter(facts::contains).toList());
        }
    }

    /** Holds when any part holds (naming every part that does); not known when none holds and some part is not known. */
    record AnyOf(List<ClientCondition> parts) implements ClientCondition {
        public AnyOf {
            parts = List.copyOf(parts);
        }

        @Override
        public Match evaluate(ClientProfile client, Instant at) {
            List<String> missing = new ArrayList<>();
            List<Evidence> holding = new ArrayList<>();
            for (ClientCondition part : parts) {
                Match m = part.evaluate(client, at);
                if (m instanceof Match.Holds h) {
                    holding.add(h.evidence());
                } else if (m instanceof Match.Unknown u) {
                    missing.addAll(u.missing());
                }
            }
            if (holding.size() == 1) {
                return Match.holds(holding.get(0));
            }
            if (holding.size() > 1) {
                // every part that holds is named, so that evidence an override was given for is not mistaken for more
                return Match.holds(new Evidence(holding.stream().map(Evidence::toString).collect(Collectors.joining(" and ")),
                        "matches", toString()));
            }
            return missing.isEmpty() ? Match.NO : new Match.Unknown(missing);
        }

        @Override
        public Set<String> reads() {
            return parts.stream().flatMap(p -> p.reads().stream()).collect(Collectors.toUnmodifiableSet());
        }

        @Override
        public Set<String> vocabulary() {
            return parts.stream().flatMap(p -> p.vocabulary().stream()).collect(Collectors.toUnmodifiableSet());
        }


        @Override
        public boolean actRelative() {
            return parts.stream().anyMatch(ClientCondition::actRelative);
        }

        @Override
        public String toString() {
            return parts.stream().map(ClientCondition::grouped).collect(Collectors.joining(" or "));
        }
    }

    /** Holds when every part holds; does not hold when some part does not; not known otherwise. */
    record AllOf(List<ClientCondition> parts) implements ClientCondition {
        public AllOf {
            parts = List.copyOf(parts);
        }

        @Override
        public Match evaluate(ClientProfile client, Instant at) {
            List<Evidence> seen = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (ClientCondition part : parts) {
                Match m = part.evaluate(client, at);
                if (m instanceof Match.NotHolds) {
                    return m;
                }
                if (m instanceof Match.Unknown u) {
                    missing.addAll(u.missing());
                } else {
                    seen.add(((Match.Holds) m).evidence());
                }
            }
            if (!missing.isEmpty()) {
                return new Match.Unknown(missing);
            }
            return Match.holds(new Evidence(seen.stream().map(Evidence::toString).collect(Collectors.joining(" and ")),
                    "matches", toString()));
        }

        @Override
        public Set<String> reads() {
            return parts.stream().flatMap(p -> p.reads().stream()).collect(Collectors.toUnmodifiableSet());
        }

        @Override
        public Set<String> vocabulary() {
            return parts.stream().flatMap(p -> p.vocabulary().stream()).collect(Collectors.toUnmodifiableSet());
        }


        @Override
        public boolean actRelative() {
            return parts.stream().anyMatch(ClientCondition::actRelative);
        }

        @Override
        public String toString() {
            return parts.stream().map(ClientCondition::grouped).collect(Collectors.joining(" and "));
        }
    }

    /** A combination inside another is written in parentheses, so that the text reads as the rule works. */
    private static String grouped(ClientCondition part) {
        return part instanceof AnyOf || part instanceof AllOf ? "(" + part + ")" : part.toString();
    }

    private static String sorted(Set<String> codes) {
        return "[" + String.join(", ", new TreeSet<>(codes)) + "]";
    }
}
