package org.kap.core.screening;

import org.kap.core.outcome.Instrument;
import org.kap.core.units.Kilograms;
import org.kap.core.vitals.VitalSigns;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the clinician established at screening. Codes (diagnoses, history, medications) are lower
 * snake case, e.g. {@code schizophrenia}, {@code benzodiazepine}. The client is pseudonymous:
 * no name or contact data belong here.
 */
public record ClientProfile(int ageYears, Kilograms weight, Set<String> diagnoses, Set<String> history,
                            Set<String> familyHistory, Set<String> medications, List<SubstanceUse> substanceUse,
                            boolean pregnant, boolean breastfeeding, VitalSigns vitals,
                            Map<Instrument, Integer> scores) {

    /** The last use of a substance, for abstinence windows. */
    public record SubstanceUse(String substance, Instant lastUse) {
        public SubstanceUse {
            Objects.requireNonNull(substance, "substance");
            Objects.requireNonNull(lastUse, "last use");
        }
    }

    public ClientProfile {
        if (ageYears < 0 || ageYears > 130) {
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
