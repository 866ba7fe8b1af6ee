package org.kap.scenarios;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The engine's clock during the journeys. A course of eight weeks runs in seconds because each act
 * moves this clock to the moment the journey says the act was recorded; nothing else in the engine
 * is touched. The clock never goes back, within a journey or from one journey to the next, as a
 * real clinic's clock would not.
 */
public final class ScenarioClock extends Clock {

    private volatile Instant now;

    public ScenarioClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock forward to {@code instant}; an earlier instant leaves it where it is. */
    public synchronized void advanceTo(Instant instant) {
        if (instant.isAfter(now)) {
            now = instant;
        }
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The same moving time, seen in another zone. */
    @Override
    public Clock withZone(ZoneId zone) {
        ScenarioClock moving = this;
        return new Clock() {
            @Override
            public Instant instant() {
                return moving.instant();
            }

            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return moving.withZone(other);
            }
        };
    }
}
