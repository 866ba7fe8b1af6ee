package org.kap.core.spacing;

import org.kap.core.units.Units;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * The period a session count is taken over. "Twice per week" is ambiguous in the label, so a
 * protocol says which: a rolling window ending at the new session, or the calendar week
 * (Monday to Sunday, in the clinic's time zone) that holds it.
 */
public sealed interface Window {

    /** Whether an earlier session at {@code earlier} falls in the window that holds {@code at}. */
    boolean contains(Instant earlier, Instant at, ZoneId zone);

    record Rolling(Duration length) implements Window {
        public Rolling {
            Objects.requireNonNull(length, "window length");
            if (length.isNegative() || length.isZero()) {
                throw new IllegalArgumentException("a rolling window must be longer than zero");
            }
        }

        @Override
        public boolean contains(Instant earlier, Instant at, ZoneId zone) {
            return earlier.isAfter(at.minus(length)) && !earlier.isAfter(at);
        }

        @Override
        public String toString() {
            return "per " + Units.format(length) + " (rolling)";
        }
    }

    record CalendarWeek() implements Window {
        @Override
        public boolean contains(Instant earlier, Instant at, ZoneId zone) {
            var weekStart = at.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            var earlierDay = earlier.atZone(zone).toLocalDate();
            return !earlierDay.isBefore(weekStart) && !earlier.isAfter(at);
        }

        @Override
        public String toString() {
            return "per calendar week";
        }
    }
}
