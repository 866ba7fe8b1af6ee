package org.kap.core.course;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The engine's notion of time. Acts carry their clinical time; the clock, never read
 * statically, supplies the default and the recording time.
 *
 * @param allowedFutureSkew how far ahead of the server clock a clinical time may be (device clocks drift)
 * @param lateEntryAfter    an entry recorded this long after its clinical time is flagged as late
 * @param clinicZone        the zone calendar weeks are counted in
 * @param maxBackEntry      how far before the server clock a clinical time may lie: an older one is a mistyped
 *                          year or a date from another record, never entered as given
 */
public record ClinicalTimePolicy(Clock clock, Duration allowedFutureSkew, Duration lateEntryAfter, ZoneId clinicZone,
                                 Duration maxBackEntry) {

    /** Ten years: far beyond any course, near enough that a mistyped century or millennium is refused. */
    public static final Duration DEFAULT_MAX_BACK_ENTRY = Duration.ofDays(3650);

    public ClinicalTimePolicy {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(allowedFutureSkew, "allowed future skew");
        Objects.requireNonNull(lateEntryAfter, "late-entry threshold");
        Objects.requireNonNull(clinicZone, "clinic zone");
        Objects.requireNonNull(maxBackEntry, "back-entry limit");
    }

    public ClinicalTimePolicy(Clock clock, Duration allowedFutureSkew, Duration lateEntryAfter, ZoneId clinicZone) {
        this(clock, allowedFutureSkew, lateEntryAfter, clinicZone, DEFAULT_MAX_BACK_ENTRY);
    }

    /** Two minutes of skew, late after one hour, calendar weeks in UTC, ten years of back entry. */
    public static ClinicalTimePolicy withDefaults(Clock clock) {
        return new ClinicalTimePolicy(clock, Duration.ofMinutes(2), Duration.ofHours(1), ZoneId.of("UTC"));
    }

    public Instant now() {
        return clock.instant();
    }

    /**
     * The clinical time of an act: as given, or now. Refused when ahead of the clock beyond the skew,
     * further back than the back-entry limit, or earlier than the course's latest recorded act.
     */
    public Instant clinicalTime(Instant given, Instant latestAct) {
        Instant now = now();
        Instant at = given == null ? now : given;
        if (at.isAfter(now.plus(allowedFutureSkew))) {
            throw new ClinicalTimeException(ClinicalTimeException.Kind.IN_THE_FUTURE, "clinical time " + at + " is in the future (server time " + now
                    + ", allowed skew " + allowedFutureSkew.toSeconds() + " s)");
        }
        if (at.isBefore(now.minus(maxBackEntry))) {
            throw new ClinicalTimeException(ClinicalTimeException.Kind.TOO_FAR_BACK, "clinical time " + at
                    + " is more than " + maxBackEntry.toDays() + " days before the server time " + now
                    + "; an entry this old is refused (is the year right?)");
        }
        if (latestAct != null && at.isBefore(latestAct)) {
            throw new ClinicalTimeException(ClinicalTimeException.Kind.OUT_OF_ORDER, "clinical time " + at + " is before the course's latest recorded act at "
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
            throw new ClinicalTimeException(ClinicalTimeException.Kind.OUT_OF_ORDER, "clinical time " + at + " is before " + reference + " at " + notBefore);
        }
        return at;
    }

    public boolean isLate(Instant clinicalTime, Instant recordedTime) {
        return Duration.between(clinicalTime, recordedTime).compareTo(lateEntryAfter) > 0;
    }
}
