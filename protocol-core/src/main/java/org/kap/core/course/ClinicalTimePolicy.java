package org.kap.core.course;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The engine's notion of time (DESIGN 3.4). Acts carry their clinical time; the clock, never read
 * statically, supplies the default and the recording time.
 *
 * @param allowedFutureSkew how far ahead of the server clock a clinical time may be (device clocks drift)
 * @param lateEntryAfter    an entry recorded this long after its clinical time is flagged as late
 * @param clinicZone        the zone calendar weeks are counted in
 */
public record ClinicalTimePolicy(Clock clock, Duration allowedFutureSkew, Duration lateEntryAfter, ZoneId clinicZone) {

    public ClinicalTimePolicy {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(allowedFutureSkew, "allowed future skew");
        Objects.requireNonNull(lateEntryAfter, "late-entry threshold");
        Objects.requireNonNull(clinicZone, "clinic zone");
    }

    /** Two minutes of skew, late after one hour, calendar weeks in UTC. */
    public static ClinicalTimePolicy withDefaults(Clock clock) {
        return new ClinicalTimePolicy(clock, Duration.ofMinutes(2), Duration.ofHours(1), ZoneId.of("UTC"));
    }

    public Instant now() {
        return clock.instant();
    }

    /**
     * The clinical time of an act: as given, or now. Refused when ahead of the clock beyond the skew,
     * or earlier than the course's latest recorded act.
     */
    public Instant clinicalTime(Instant given, Instant latestAct) {
        Instant now = now();
        Instant at = given == null ? now : given;
        if (at.isAfter(now.plus(allowedFutureSkew))) {
            throw new ClinicalTimeException("clinical time " + at + " is in the future (server time " + now
                    + ", allowed skew " + allowedFutureSkew.toSeconds() + " s)");
        }
        if (latestAct != null && at.isBefore(latestAct)) {
            throw new ClinicalTimeException("clinical time " + at + " is before the course's latest recorded act at "
                    + latestAct + "; acts are recorded in the order they happened");
        }
        return at;
    }

    /**
     * The clinical time of an observation charted after later acts, e.g. a reading taken from the paper
     * chart or a weight from last week: as given (now when absent), not in the future beyond the skew, and
     * not before {@code notBefore} (the start of the session a reading belongs to, the screening for a fact). Unlike an act, an observation does not change what was decided before
     * it was recorded; recorded more than the late-entry threshold after it was made, it is flagged late.
     */
    public Instant observationTime(Instant measured, Instant notBefore, String reference) {
        Instant at = clinicalTime(measured, null);
        if (at.isBefore(notBefore)) {
            throw new ClinicalTimeException("clinical time " + at + " is before " + reference + " at " + notBefore);
        }
        return at;
    }

    public boolean isLate(Instant clinicalTime, Instant recordedTime) {
        return Duration.between(clinicalTime, recordedTime).compareTo(lateEntryAfter) > 0;
    }
}
