package org.kap.core.screening;

import org.kap.core.outcome.Instrument;
import org.kap.core.rule.Comparison;
import org.kap.core.rule.Evidence;
import org.kap.core.vitals.VitalBound;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A condition over a client's screening profile. When it matches it says what it saw, so a
 * finding can name the diagnosis, medication or value that fired the rule.
 */
public sealed interface ClientCondition {

    /** The evidence if the condition holds for this client at this clinical time. */
    Optional<Evidence> match(ClientProfile client, Instant at);

    /** {@code diagnosis in [schizophrenia, psychotic_disorder]} */
    record CodeIn(CodeCategory category, Set<String> codes) implements ClientCondition {
        public CodeIn {
            Objects.requireNonNull(category, "category");
            codes = Set.copyOf(codes);
            if (codes.isEmpty()) {
                throw new IllegalArgumentException("a " + category.label() + " rule needs at least one code");
            }
        }

        @Override
        public Optional<Evidence> match(ClientProfile client, Instant at) {
            Set<String> hits = new TreeSet<>(client.codes(category));
            hits.retainAll(codes);
            return hits.isEmpty() ? Optional.empty()
                    : Optional.of(Evidence.of(category.label() + " " + String.join(", ", hits), "in", sorted(codes)));
        }

        @Override
        public String toString() {
            return category.label() + " in " + sorted(codes);
        }
    }

    /** {@code substance in [alcohol] within 7 days}: use more recent than the abstinence window. */
    record SubstanceUseWithin(Set<String> substances, Duration abstinence) implements ClientCondition {
        public SubstanceUseWithin {
            substances = Set.copyOf(substances);
            Objects.requireNonNull(abstinence, "abstinence window");
        }

        @Override
        public Optional<Evidence> match(ClientProfile client, Instant at) {
            return client.substanceUse().stream()
                    .filter(u -> substances.contains(u.substance()))
                    .filter(u -> Duration.between(u.lastUse(), at).compareTo(abstinence) < 0)
                    .findFirst()
                    .map(u -> Evidence.of(u.substance() + " last used " + org.kap.core.units.Units.format(
                            Duration.between(u.lastUse(), at).truncatedTo(java.time.temporal.ChronoUnit.MINUTES)) + " ago",
                            "<", "abstinence " + org.kap.core.units.Units.format(abstinence)));
        }

        @Override
        public String toString() {
            return "substance use of " + sorted(substances) + " within " + org.kap.core.units.Units.format(abstinence);
        }
    }

    record Pregnant() implements ClientCondition {
        @Override
        public Optional<Evidence> match(ClientProfile client, Instant at) {
            return client.pregnant() ? Optional.of(Evidence.of("pregnant", "=", "excluded")) : Optional.empty();
        }

        @Override
        public String toString() {
            return "pregnant";
        }
    }

    record Breastfeeding() implements ClientCondition {
        @Override
        public Optional<Evidence> match(ClientProfile client, Instant at) {
            return client.breastfeeding() ? Optional.of(Evidence.of("breastfeeding", "=", "excluded")) : Optional.empty();
        }

        @Override
        public String toString() {
            return "breastfeeding";
        }
    }

    /** {@code age < 18 years} */
    record Age(Comparison comparison, int years) implements ClientCondition {
        @Override
        public Optional<Evidence> match(ClientProfile client, Instant at) {
            return comparison.holds(Integer.compare(client.ageYears(), years))
                    ? Optional.of(Evidence.of("age " + client.ageYears() + " years", comparison.symbol(), years + " years"))
                    : Optional.empty();
        }

        @Override
        public String toString() {
            return "age " + comparison.symbol() + " " + years + " years";
        }
    }

    /** {@code systolic >= 160 mmHg} on the screening vitals. */
    record Vital(VitalBound bound) implements ClientCondition {
        @Override
        public Optional<Evidence> match(ClientProfile client, Instant at) {
            if (client.vitals() == null) {
                return Optional.empty();
            }
            return bound.holdsFor(client.vitals()).filter(Boolean::booleanValue)
                    .map(yes -> bound.evidenceHolding(client.vitals()));
        }

        @Override
        public String toString() {
            return bound.toString();
        }
    }

    /** {@code score phq9 < 10} */
    record Score(Instrument instrument, Comparison comparison, int value) implements ClientCondition {
        @Override
        public Optional<Evidence> match(ClientProfile client, Instant at) {
            Integer score = client.scores().get(instrument);
            if (score == null || !comparison.holds(Integer.compare(score, value))) {
                return Optional.empty();
            }
            return Optional.of(Evidence.of(instrument.label() + " " + score, comparison.symbol(), value));
        }

        @Override
        public String toString() {
            return instrument.label() + " " + comparison.symbol() + " " + value;
        }
    }

    /** Holds when any part holds; the evidence is the first part's. */
    record AnyOf(List<ClientCondition> parts) implements ClientCondition {
        public AnyOf {
            parts = List.copyOf(parts);
        }

        @Override
        public Optional<Evidence> match(ClientProfile client, Instant at) {
            return parts.stream().map(p -> p.match(client, at)).flatMap(Optional::stream).findFirst();
        }

        @Override
        public String toString() {
            return parts.stream().map(ClientCondition::grouped).collect(Collectors.joining(" or "));
        }
    }

    /** Holds when every part holds; the evidence joins them. */
    record AllOf(List<ClientCondition> parts) implements ClientCondition {
        public AllOf {
            parts = List.copyOf(parts);
        }

        @Override
        public Optional<Evidence> match(ClientProfile client, Instant at) {
            List<Evidence> all = parts.stream().map(p -> p.match(client, at)).flatMap(Optional::stream).toList();
            if (all.size() < parts.size()) {
                return Optional.empty();
            }
            return Optional.of(new Evidence(all.stream().map(Evidence::toString).collect(Collectors.joining(" and ")),
                    "matches", toString()));
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
