package org.kap.core.course;

import java.time.Instant;
import java.util.Objects;

/**
 * What every recorded fact of a course carries: its number in the course (1, 2, ...), who recorded
 * it, the clinical time the act happened, the server's time of recording, and whether it was
 * entered late (recorded long after it happened).
 */
public record Entry(long number, Actor actor, Instant clinicalTime, Instant recordedTime, boolean late) {
    public Entry {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(clinicalTime, "clinical time");
        Objects.requireNonNull(recordedTime, "recording time");
        if (number < 1) {
            throw new IllegalArgumentException("entries are numbered from 1");
        }
    }
}
