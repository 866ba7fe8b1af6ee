package org.kap.core.screening;

import org.kap.core.facts.LabTest;
import org.kap.core.outcome.Instrument;
import org.kap.core.units.Kilograms;
import org.kap.core.units.Milligrams;
import org.kap.core.units.UnitsPerLitre;
import org.kap.core.vitals.VitalSigns;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What is known of the client at one instant: at screening, what the clinician established then;
 * later, that profile with every fact recorded since folded in (see {@link org.kap.core.facts.ClientFacts}).
 * Codes (diagnoses, history, medications) are lower snake case, e.g. {@code schizophrenia},
 * {@code benzodiazepine}. The client is pseudonymous: no name or contact data belong here.
 *
 * <p>A fact that was not recorded is null ({@code ageYears}, {@code pregnant}, {@code breastfeeding},
 * {@code vitals}, a score), never a default: a rule that reads it says so ("age not recorded").
 * Lists are what was reported; an empty list means none were.
 *
 * @param medicationsTaken doses of a medication taken, with their time, for rules such as "stimulants
 *                         taken within 24 h before the dose"
 * @param labs             the latest result of each laboratory test recorded (ALT, AST, ...)
 */
public record ClientProfile(Integer ageYears, Kilograms weight, Set<String> diagnoses, Set<String> history,
                            Set<String> familyHistory, Set<String> medications, List<SubstanceUse> substanceUse,
                            Boolean pregnant, Boolean breastfeeding, VitalSigns vitals,
                            Map<Instrument, Integer> scores, List<MedicationDose> medicationsTaken,
                            Map<LabTest, UnitsPerLitre> labs) {

    /** The last use of a substance, for abstinence windows. */
    public record SubstanceUse(String substance, Instant lastUse) {
        public SubstanceUse {
            Objects.requireNonNull(substance, "substance");
            Objects.requireNonNull(lastUse, "last use");
        }
    }

    /** One dose of a medication the client took: what, how much (when known), by which route (when known), and when. */
    public record MedicationDose(String drug, Milligrams amount, String route, Instant takenAt) {
        public MedicationDose {
            Objects.requireNonNull(drug, "drug");
            Objects.requireNonNull(takenAt, "time taken");
        }

        @Override
        public String toString() {
            // a coded drug reads as its code and system (N06BA04 (ATC)), not as its token
            String name = org.kap.core.terminology.Coding.readable(drug);
            return name + (amount == null ? "" : " " + amount) + (route == null ? "" : " " + route) + " taken " + takenAt;
        }
    }

    public ClientProfile {
        if (ageYears != null && (ageYears < 0 || ageYears > 130)) {
            throw new IllegalArgumentException("age must be between 0 and 130 years; got " + ageYears);
        }
        Objects.requireNonNull(weight, "weight is needed for weight-based dose limits");
        if (weight.value().signum() == 0) {
            throw new IllegalArgumentException("weight must be above 0 kg");
        }
        diagnoses = Set.copyOf(diagnoses == null ? Set.of() : diagnoses);
        history = Set.copyOf(history == null ? Set.of() : history);
        familyHistory = Set.copyOf(familyHistory == null ? Set.of() : familyHistory);
        medications = Set.copyOf(medications == null ? Set.of() : medications);
        substanceUse = List.copyOf(substanceUse == null ? List.of() : substanceUse);
        scores = Map.copyOf(scores == null ? Map.of() : scores);
        scores.forEach((instrument, score) -> {
            if (!instrument.inRange(score)) {
                throw new IllegalArgumentException(instrument.label() + " scores range " + instrument.min()
                        + "-" + instrument.max() + "; got " + score);
            }
        });
        medicationsTaken = List.copyOf(medicationsTaken == null ? List.of() : medicationsTaken);
        labs = Map.copyOf(labs == null ? Map.of() : labs);
    }

    /** A screening profile without doses taken: the shape recorded before facts over time existed. */
    public ClientProfile(Integer ageYears, Kilograms weight, Set<String> diagnoses, Set<String> history,
                         Set<String> familyHistory, Set<String> medications, List<SubstanceUse> substanceUse,
                         Boolean pregnant, Boolean breastfeeding, VitalSigns vitals, Map<Instrument, Integer> scores) {
        this(ageYears, weight, diagnoses, history, familyHistory, medications, substanceUse, pregnant, breastfeeding,
                vitals, scores, List.of(), Map.of());
    }

    /** The codes of one category, for rules over diagnoses, history, family history or medications. */
    public Set<String> codes(CodeCategory category) {
        return switch (category) {
            case DIAGNOSIS -> diagnoses;
            case HISTORY -> history;
            case FAMILY_HISTORY -> familyHistory;
            case MEDICATION -> medications;
        };
    }
}
