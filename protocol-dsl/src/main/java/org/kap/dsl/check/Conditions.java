package org.kap.dsl.check;

import org.kap.core.facts.LabTest;
import org.kap.core.outcome.Instrument;
import org.kap.core.units.UnitsPerLitre;
import org.kap.core.rule.Comparison;
import org.kap.core.screening.ClientCondition;
import org.kap.core.screening.CodeCategory;
import org.kap.core.terminology.Terms;
import org.kap.core.terminology.ValueSet;
import org.kap.core.vitals.VitalBound;
import org.kap.core.vitals.VitalSign;
import org.kap.dsl.ast.Ast;
import org.kap.dsl.ast.Ast.Word;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Conditions over the client's screening profile, and the vital-sign and score bounds shared by several sections. */
final class Conditions {

    private static final List<String> CODE_FIELDS = List.of("diagnosis", "history", "family_history", "medication", "substance");
    private static final List<String> FLAGS = List.of("pregnant", "breastfeeding");

    private final Diagnostics diagnostics;
    private final Vocabulary vocabulary;
    private final Quantities quantities;
    private final ValueSets valueSets;

    Conditions(Diagnostics diagnostics, Vocabulary vocabulary, Quantities quantities, ValueSets valueSets) {
        this.diagnostics = diagnostics;
        this.vocabulary = vocabulary;
        this.quantities = quantities;
        this.valueSets = valueSets;
    }

    /**
     * A list's words and the value sets it names ({@code [bipolar_mania, psychotic_disorders]}, or a set alone); empty
     * when it names a set that is not declared (reported here) or one reported wrong at its declaration.
     */
    private Optional<Terms> terms(List<Word> values, boolean setAlone) {
        Set<String> words = new java.util.TreeSet<>();
        List<ValueSet> sets = new ArrayList<>();
        boolean ok = true;
        for (Word w : values) {
            String text = w.text().toLowerCase(Locale.ROOT);
            Optional<ValueSet> set = valueSets.named(text);
            if (set.isPresent()) {
                sets.add(set.get());
            } else if (valueSets.declaredName(text)) {
                ok = false;
            } else if (setAlone) {
                diagnostics.error(w.pos(), Vocabulary.unknown("value set", w.text(), List.copyOf(valueSets.names()))
                        + " (declare it under 'value sets:', or write a list of words: [" + text + "])");
                ok = false;
            } else {
                words.add(text);
            }
        }
        return ok ? Optional.of(new Terms(words, sets)) : Optional.empty();
    }

    Optional<ClientCondition> client(Ast.Condition condition) {
        if (condition instanceof Ast.AnyOf any) {
            return all(any.parts()).map(ClientCondition.AnyOf::new);
        }
        if (condition instanceof Ast.AllOf all) {
            return all(all.parts()).map(ClientCondition.AllOf::new);
        }
        if (condition instanceof Ast.MedicationTaken t) {
            return medicationTaken(t);
        }
        if (condition instanceof Ast.Membership m) {
            return membership(m);
        }
        if (condition instanceof Ast.Comparison c) {
            return comparison(c);
        }
        Word flag = ((Ast.Flag) condition).field();
        return switch (flag.text()) {
            case "pregnant" -> Optional.of(new ClientCondition.Pregnant());
            case "breastfeeding" -> Optional.of(new ClientCondition.Breastfeeding());
            default -> {
                diagnostics.error(flag.pos(), Vocabulary.unknown("condition", flag.text(), allFields())
                        + " (a list field takes 'in [...]', a measure a comparison such as '>= 160 mmHg')");
                yield Optional.empty();
            }
        };
    }

    /** Every part, or nothing when any part is wrong (each wrong part reports itself). */
    private Optional<List<ClientCondition>> all(List<Ast.Condition> parts) {
        List<ClientCondition> bound = new ArrayList<>();
        boolean complete = true;
        for (Ast.Condition part : parts) {
            Optional<ClientCondition> c = client(part);
            c.ifPresent(bound::add);
            complete &= c.isPresent();
        }
        return complete ? Optional.of(bound) : Optional.empty();
    }

    /** {@code medication in [adhd_stimulant] taken within 24 h before dose} */
    private Optional<ClientCondition> medicationTaken(Ast.MedicationTaken t) {
        if (!t.field().text().equals("medication")) {
            diagnostics.error(t.field().pos(), "'taken within ... before dose' belongs to medication; write: medication in [...] taken within 24 h before dose");
            return Optional.empty();
        }
        Optional<Terms> drugs = terms(t.values(), t.valueSet());
        Optional<java.time.Duration> window = quantities.duration(t.within(), "the window before the dose");
        return drugs.isEmpty() || window.isEmpty() ? Optional.empty()
                : Optional.of(new ClientCondition.MedicationTakenWithin(drugs.get(), window.get()));
    }

    /** {@code require age, pregnancy, systolic}: each a fact that can be missing from a profile. */
    Optional<ClientCondition> required(Ast.RequiredFacts required) {
        Set<String> facts = new java.util.LinkedHashSet<>();
        boolean ok = true;
        for (Word fact : required.facts()) {
            String name = fact.text().toLowerCase(Locale.ROOT);
            if (!org.kap.core.facts.FactNames.requirable().contains(name)) {
                diagnostics.error(fact.pos(), Vocabulary.unknown("fact", fact.text(), org.kap.core.facts.FactNames.requirable())
                        + " (lists such as diagnoses are never missing: an empty list reports none)");
                ok = false;
            } else if (!facts.add(name)) {
                diagnostics.error(fact.pos(), "'" + name + "' is required twice");
                ok = false;
            }
        }
        return ok ? Optional.of(new ClientCondition.Recorded(facts)) : Optional.empty();
    }

    private Optional<ClientCondition> membership(Ast.Membership m) {
        Set<String> codes = m.values().stream().map(w -> w.text().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        String field = m.field().text();
        if (field.equals("substance")) {
            // a list of substances is the protocol's words: substance use is recorded in words, never in codes
            if (m.valueSet()) {
                diagnostics.error(m.values().get(0).pos(), "substance use is recorded in the protocol's words, not codes: "
                        + "write substance in [alcohol, cannabis] within 7 days");
                return Optional.empty();
            }
            if (m.within() == null) {
                diagnostics.error(m.field().pos(), "say the abstinence window: substance in [...] within 7 days");
                return Optional.empty();
            }
            return quantities.duration(m.within(), "the abstinence window")
                    .map(window -> new ClientCondition.SubstanceUseWithin(codes, window));
        }
        Optional<CodeCategory> category = Arrays.stream(CodeCategory.values())
                .filter(c -> c.label().equals(field)).findFirst();
        if (category.isEmpty()) {
            diagnostics.error(m.field().pos(), Vocabulary.unknown("list field", field, CODE_FIELDS));
            return Optional.empty();
        }
        if (m.within() != null) {
            diagnostics.error(m.within().pos(), "'within' belongs to substance use only; remove it from " + field);
            return Optional.empty();
        }
        return terms(m.values(), m.valueSet()).map(terms -> new ClientCondition.CodeIn(category.get(), terms));
    }

    private Optional<ClientCondition> comparison(Ast.Comparison c) {
        Comparison relation = Comparison.fromSymbol(c.comparator().text());
        String field = c.field().text();
        if (field.equals("age")) {
            if (c.value().unit() == null || !List.of("year", "years").contains(c.value().unit().text())) {
                diagnostics.error(c.value().pos(), "age is in years: write " + c.value().number().value().toPlainString() + " years");
                return Optional.empty();
            }
            return quantities.whole(c.value().number(), 0, "age").map(years -> new ClientCondition.Age(relation, years));
        }
        Optional<VitalSign> sign = vitalSign(field);
        if (sign.isPresent()) {
            return bound(sign.get(), relation, c.value(), field).map(ClientCondition.Vital::new);
        }
        Optional<Instrument> instrument = instrument(field);
        if (instrument.isPresent()) {
            return score(instrument.get(), c.value()).map(v -> new ClientCondition.Score(instrument.get(), relation, v));
        }
        Optional<LabTest> lab = Arrays.stream(LabTest.values()).filter(t -> t.code().equalsIgnoreCase(field)).findFirst();
        if (lab.isPresent()) {
            return quantities.in(lab.get().unit(), c.value(), lab.get().label())
                    .map(v -> new ClientCondition.Lab(lab.get(), relation, (UnitsPerLitre) v));
        }
        diagnostics.error(c.field().pos(), Vocabulary.unknown("measure", field, measures()));
        return Optional.empty();
    }

    /** {@code systolic >= 160 mmHg}: the limit in the sign's own unit. */
    Optional<VitalBound> bound(VitalSign sign, Comparison relation, Ast.Quantity limit, String place) {
        return quantities.in(sign.unit(), limit, place).map(q -> new VitalBound(sign, relation, q));
    }

    /** A score within the instrument's range. */
    Optional<Integer> score(Instrument instrument, Ast.Quantity value) {
        Optional<Integer> score = quantities.score(value, instrument.label());
        if (score.isPresent() && !instrument.inRange(score.get())) {
            diagnostics.error(value.pos(), instrument.label() + " scores range " + instrument.min() + "-" + instrument.max()
                    + "; " + score.get() + " is outside it");
            return Optional.empty();
        }
        return score;
    }

    static Optional<VitalSign> vitalSign(String word) {
        return Arrays.stream(VitalSign.values()).filter(s -> s.label().equalsIgnoreCase(word)).findFirst();
    }

    static Optional<Instrument> instrument(String word) {
        return Arrays.stream(Instrument.values()).filter(i -> i.code().equalsIgnoreCase(word)).findFirst();
    }

    static List<String> vitalSigns() {
        return Arrays.stream(VitalSign.values()).map(VitalSign::label).toList();
    }

    static List<String> instruments() {
        return Arrays.stream(Instrument.values()).map(Instrument::code).toList();
    }

    private static List<String> measures() {
        return Stream.of(List.of("age"), vitalSigns(), instruments(),
                Arrays.stream(LabTest.values()).map(LabTest::code).toList()).flatMap(List::stream).toList();
    }

    private static List<String> allFields() {
        return Stream.of(CODE_FIELDS, FLAGS, measures()).flatMap(List::stream).toList();
    }
}
