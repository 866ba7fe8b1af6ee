package org.kap.core.course;

import org.kap.core.facts.ClientFact;
import org.kap.core.facts.ClinicalFinding;
import org.kap.core.facts.MedicationChange;
import org.kap.core.facts.WeightMeasurement;
import org.kap.core.protocol.Protocol;
import org.kap.core.rule.Evidence;
import org.kap.core.rule.Finding;
import org.kap.core.screening.ClientCondition;
import org.kap.core.screening.ClientProfile;
import org.kap.core.screening.CodeCategory;
import org.kap.core.terminology.Coding;
import org.kap.core.terminology.Terms;
import org.kap.core.terminology.ValueSet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Nothing the client's record holds passes unchecked in silence. Each value is checked against what the protocol's
 * rules read <em>for its field</em> (a diagnosis against the lists of the rules over diagnoses, a medication against
 * those over medications), and against the sets no rule names (the conditions the protocol treats, declared known):
 * <ul>
 *   <li>a code in none of the protocol's value sets: a warning, {@code ENGINE-UNKNOWN-CODE}, naming it;</li>
 *   <li>a code, or a known word, that no rule reads for its field: a warning, {@code ENGINE-UNCHECKED};</li>
 *   <li>a word outside the protocol's vocabulary, under a protocol that declares value sets (and so its vocabulary):
 *       malformed input, refused naming it, nothing recorded; under a protocol written before value sets, the word
 *       is read as it always was;</li>
 *   <li>substance use in a code: malformed input (substance use is recorded in the protocol's words); a substance
 *       word no rule reads: a warning.</li>
 * </ul>
 * The lenient reading ({@link Mode#REDERIVE}) turns every refusal into a warning: it re-derives decisions on a
 * record already kept (what-if under another protocol version), where there is no command to refuse.
 */
final class VocabularyCheck {

    enum Mode { COMMAND, REDERIVE }

    /** What one field of the record is: how it is named in an error, in a finding, and which rules read it. */
    private enum Field {
        DIAGNOSIS("profile.diagnoses", "diagnosis"), HISTORY("profile.history", "history"),
        FAMILY_HISTORY("profile.familyHistory", "family history"), MEDICATION("profile.medications", "medication"),
        SUBSTANCE("profile.substanceUse", "substance");

        final String path;
        final String label;

        Field(String path, String label) {
            this.path = path;
            this.label = label;
        }

        static Field of(CodeCategory category) {
            return switch (category) {
                case DIAGNOSIS -> DIAGNOSIS;
                case HISTORY -> HISTORY;
                case FAMILY_HISTORY -> FAMILY_HISTORY;
                case MEDICATION -> MEDICATION;
            };
        }
    }

    /** What the protocol's rules read per field: their words and value sets; and the sets no rule names. */
    private record Readers(Map<Field, Set<String>> words, Map<Field, Set<ValueSet>> sets, Set<ValueSet> unnamed,
                           Set<String> vocabulary) {

        static Readers of(Protocol protocol) {
            Map<Field, Set<String>> words = new EnumMap<>(Field.class);
            Map<Field, Set<ValueSet>> sets = new EnumMap<>(Field.class);
            for (Field f : Field.values()) {
                words.put(f, new HashSet<>());
                sets.put(f, new LinkedHashSet<>());
            }
            protocol.clientConditions().forEach(c -> collect(c, words, sets));
            Set<ValueSet> named = new HashSet<>();
            sets.values().forEach(named::addAll);
            Set<ValueSet> unnamed = new LinkedHashSet<>(protocol.valueSets());
            unnamed.removeAll(named);
            return new Readers(words, sets, unnamed, protocol.vocabulary());
        }

        private static void collect(ClientCondition c, Map<Field, Set<String>> words, Map<Field, Set<ValueSet>> sets) {
            if (c instanceof ClientCondition.CodeIn in) {
                add(Field.of(in.category()), in.terms(), words, sets);
            } else if (c instanceof ClientCondition.MedicationTakenWithin taken) {
                // a dose taken and the standing list name the same drugs
                add(Field.MEDICATION, taken.drugs(), words, sets);
            } else if (c instanceof ClientCondition.SubstanceUseWithin use) {
                words.get(Field.SUBSTANCE).addAll(use.substances());
            } else if (c instanceof ClientCondition.AnyOf any) {
                any.parts().forEach(p -> collect(p, words, sets));
            } else if (c instanceof ClientCondition.AllOf all) {
                all.parts().forEach(p -> collect(p, words, sets));
            } else if (!(c instanceof ClientCondition.OverMeasures)) {
                throw new IllegalStateException("no vocabulary for the condition " + c.getClass().getSimpleName());
            }
        }

        private static void add(Field field, Terms terms, Map<Field, Set<String>> words, Map<Field, Set<ValueSet>> sets) {
            words.get(field).addAll(terms.vocabulary());
            sets.get(field).addAll(terms.sets());
        }
    }

    private VocabularyCheck() {
    }

    /** The screening profile's diagnoses, history, family history, medications, substances and doses taken. */
    static List<Finding> findings(Protocol protocol, ClientProfile client, Mode mode) {
        Readers readers = Readers.of(protocol);
        List<Finding> findings = new ArrayList<>();
        check(protocol, readers, Field.DIAGNOSIS, client.diagnoses(), mode, findings);
        check(protocol, readers, Field.HISTORY, client.history(), mode, findings);
        check(protocol, readers, Field.FAMILY_HISTORY, client.familyHistory(), mode, findings);
        check(protocol, readers, Field.MEDICATION, client.medications(), mode, findings);
        check(protocol, readers, Field.MEDICATION, client.medicationsTaken().stream().map(ClientProfile.MedicationDose::drug).toList(),
                mode, findings);
        check(protocol, readers, Field.SUBSTANCE, client.substanceUse().stream().map(ClientProfile.SubstanceUse::substance).toList(),
                mode, findings);
        return findings;
    }

    /** A fact recorded during the course, or a corrected one: the diagnosis, history item, substance or drug it names. */
    static List<Finding> findings(Protocol protocol, ClientFact fact) {
        Readers readers = Readers.of(protocol);
        List<Finding> findings = new ArrayList<>();
        if (fact instanceof ClinicalFinding finding) {
            // a finding ruling something out (positive false) names it too: an unknown word there is as wrong
            switch (finding.type()) {
                case DIAGNOSIS -> check(protocol, readers, Field.DIAGNOSIS, List.of(finding.code()), Mode.COMMAND, findings, "code");
                case HISTORY -> check(protocol, readers, Field.HISTORY, List.of(finding.code()), Mode.COMMAND, findings, "code");
                case FAMILY_HISTORY -> check(protocol, readers, Field.FAMILY_HISTORY, List.of(finding.code()), Mode.COMMAND, findings,
                        "code");
                case DRUG_SCREEN -> check(protocol, readers, Field.SUBSTANCE, List.of(finding.code()), Mode.COMMAND, findings, "code");
                case PREGNANCY_TEST, BREASTFEEDING, AGE, RESTING_VITALS, LAB -> {
                    // measures and flags: nothing coded
                }
            }
        } else if (fact instanceof MedicationChange medication) {
            check(protocol, readers, Field.MEDICATION, List.of(medication.drug()), Mode.COMMAND, findings, "drug");
        } else if (!(fact instanceof WeightMeasurement)) {
            throw new IllegalStateException("no vocabulary check for " + fact.getClass().getSimpleName());
        }
        return findings;
    }

    private static void check(Protocol protocol, Readers readers, Field field, Collection<String> values, Mode mode,
                              List<Finding> findings) {
        check(protocol, readers, field, values, mode, findings, field.path);
    }

    private static void check(Protocol protocol, Readers readers, Field field, Collection<String> values, Mode mode,
                              List<Finding> findings, String path) {
        Set<String> vocabulary = readers.vocabulary();
        boolean declared = !protocol.valueSets().isEmpty();
        for (String value : new TreeSet<>(values)) {
            if (Coding.isToken(value)) {
                Coding coding = Coding.fromToken(value).orElseThrow(() -> new InvalidCommandException(path,
                        "'" + value + "' is not a code of a system the engine knows"));
                if (field == Field.SUBSTANCE) {
                    refuse(mode, path, "substance use is recorded in the protocol's words, not in codes: "
                            + coding + " is not checked", protocol, field, coding.toString(), findings);
                } else if (protocol.valueSetsOf(coding).isEmpty()) {
                    findings.add(EngineRules.UNKNOWN_CODE.fired(protocol.ref(),
                            Evidence.of(field.label + " " + coding, "is in no value set of", protocol.ref())));
                } else if (!read(readers, field, set -> set.contains(coding))) {
                    findings.add(unchecked(protocol, field, coding.toString()));
                }
            } else if (!vocabulary.contains(value)) {
                if (declared && field != Field.SUBSTANCE) {
                    refuse(mode, path, "'" + value + "' is not a word of " + protocol.ref()
                            + closest(value, vocabulary).map(w -> " (did you mean '" + w + "'?)").orElse("")
                            + ": send a code with its system, or one of the protocol's words", protocol, field, value, findings);
                } else if (declared) {
                    // substances have no codes to send instead: one the protocol does not name is reported, not refused
                    findings.add(unchecked(protocol, field, value));
                }
            } else if (declared && !readers.words().get(field).contains(value)
                    && !read(readers, field, set -> set.words().contains(value))) {
                findings.add(unchecked(protocol, field, value));
            }
        }
    }

    /** Whether a rule reading the field, or a set no rule names, holds it. */
    private static boolean read(Readers readers, Field field, java.util.function.Predicate<ValueSet> holds) {
        return readers.sets().get(field).stream().anyMatch(holds) || readers.unnamed().stream().anyMatch(holds);
    }

    private static Finding unchecked(Protocol protocol, Field field, String what) {
        return EngineRules.UNCHECKED.fired(protocol.ref(),
                Evidence.of(field.label + " " + what, "is read by no rule of", protocol.ref() + " for " + field.label));
    }

    /** A command is refused; a re-derivation over a record already kept reports the same as a warning. */
    private static void refuse(Mode mode, String path, String reason, Protocol protocol, Field field, String what,
                               List<Finding> findings) {
        if (mode == Mode.COMMAND) {
            throw new InvalidCommandException(path, reason);
        }
        findings.add(unchecked(protocol, field, what));
    }

    /** The protocol's word a misspelt one was probably meant as: same first letter, a few edits away. */
    private static Optional<String> closest(String written, Set<String> vocabulary) {
        return vocabulary.stream().filter(w -> !w.isEmpty() && !written.isEmpty() && w.charAt(0) == written.charAt(0))
                .min(java.util.Comparator.comparingInt(w -> distance(written, w)))
                .filter(w -> distance(written, w) <= Math.max(2, written.length() / 4));
    }

    private static int distance(String a, String b) {
        return org.kap.core.terminology.Spelling.distance(a, b);
    }
}
