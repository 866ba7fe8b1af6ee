package org.kap.core.course;

import org.kap.core.facts.ClinicalFinding;
import org.kap.core.units.Kilograms;
import org.kap.core.units.Milligrams;
import org.kap.core.vitals.VitalSigns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a structured correction says the entry should have held. Only the values given are corrected;
 * the original entry stays in the record as it was.
 *
 * <ul>
 *   <li>{@code reading}: an in-session reading, the pre-dose vitals of a session start, or the screening vitals;</li>
 *   <li>{@code weight}: a recorded weight, or the screening weight;</li>
 *   <li>{@code clinicalTime}: when a reading was measured or a fact was found (an act's own time is not corrected);</li>
 *   <li>{@code finding}: a clinical finding recorded during the course (of the same type);</li>
 *   <li>{@code dose}: the amount actually given at a session start or booster;</li>
 *   <li>{@code score}: the score of an assessment in a session.</li>
 * </ul>
 */
public record CorrectedValues(VitalSigns reading, Kilograms weight, Instant clinicalTime, ClinicalFinding finding,
                              Milligrams dose, Integer score) {

    public CorrectedValues {
        if (reading == null && weight == null && clinicalTime == null && finding == null && dose == null && score == null) {
            throw new InvalidCommandException("corrected", "give at least one corrected value: reading, weight, clinicalTime, "
                    + "finding, dose or score");
        }
        if (weight != null && weight.value().signum() <= 0) {
            throw new InvalidCommandException("corrected.weight", "must be above 0 kg");
        }
        if (dose != null && dose.value().signum() <= 0) {
            throw new InvalidCommandException("corrected.dose", "must be above 0 mg");
        }
    }

    /** Values without a score: every correction recorded before scores assessed in a session could be corrected. */
    public CorrectedValues(VitalSigns reading, Kilograms weight, Instant clinicalTime, ClinicalFinding finding, Milligrams dose) {
        this(reading, weight, clinicalTime, finding, dose, null);
    }

    /** {@code reading BP 192/114 mmHg, weight 60 kg}: what was corrected, for people. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (reading != null) {
            parts.add("reading " + reading.summary());
        }
        if (weight != null) {
            parts.add("weight " + weight);
        }
        if (clinicalTime != null) {
            parts.add("time " + clinicalTime);
        }
        if (finding != null) {
            parts.add(finding.describe());
        }
        if (dose != null) {
            parts.add("dose given " + dose);
        }
        if (score != null) {
            parts.add("score " + score);
        }
        return String.join(", ", parts);
    }
}
