package org.kap.core.course;

import org.kap.core.vitals.VitalSigns;

/**
 * What an entry recorded that a structured correction can change, kept by the course per entry number.
 *
 * @param session      the session the entry belongs to (readings, starts, boosters)
 * @param reading      the reading the entry holds now (for a reading or a session start), as last corrected
 * @param doseIndex    which dose of its session the entry gave (0 the start, 1.. boosters); -1 otherwise
 */
public record CorrectableEntry(Kind kind, Integer session, VitalSigns reading, int doseIndex) {

    public enum Kind {
        /** the screening: its weight and vitals */
        SCREENING,
        /** a reading in a session */
        READING,
        /** a session start: its pre-dose vitals and the dose given */
        SESSION_START,
        /** a booster given */
        BOOSTER,
        /** a fact recorded during the course: a finding, a medication, a weight */
        FACT,
        /** a score assessed in a session */
        SCORE
    }

    CorrectableEntry withReading(VitalSigns corrected) {
        return new CorrectableEntry(kind, session, corrected, doseIndex);
    }
}
