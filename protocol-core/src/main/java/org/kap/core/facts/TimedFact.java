package org.kap.core.facts;

import java.time.Instant;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One fact on the client's timeline: the entry that recorded it and its clinical time. Exactly one of
 * the three kinds is set (kept as plain fields, so that the course's snapshots need no type names).
 */
public record TimedFact(long entry, Instant at, ClinicalFinding finding, MedicationChange medication,
                        WeightMeasurement weight) {

    public TimedFact {
        Objects.requireNonNull(at, "clinical time");
        if (Stream.of(finding, medication, weight).filter(Objects::nonNull).count() != 1) {
            throw new IllegalArgumentException("a timed fact holds exactly one fact");
        }
    }

    public static TimedFact of(long entry, Instant at, ClientFact fact) {
        if (fact instanceof ClinicalFinding f) {
            return new TimedFact(entry, at, f, null, null);
        }
        if (fact instanceof MedicationChange m) {
            return new TimedFact(entry, at, null, m, null);
        }
        return new TimedFact(entry, at, null, null, (WeightMeasurement) fact);
    }

    public ClientFact fact() {
        return finding != null ? finding : medication != null ? medication : weight;
    }

    /** The same entry with a corrected fact or time: the correction replaces what the course uses, not the record. */
    public TimedFact corrected(Instant newAt, ClientFact newFact) {
        return of(entry, newAt == null ? at : newAt, newFact == null ? fact() : newFact);
    }
}
