package org.kap.api.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts attempts per key (a client address, a user name) in fixed windows of one length. Held in
 * memory per engine instance; bounded, so that many keys (many addresses) cannot grow it without limit:
 * past {@link #MAX_KEYS} the finished windows are dropped, and if every window is still running, a new
 * key is counted for this attempt only, not kept. Running windows, and the lockouts they hold, are never
 * dropped to make room.
 */
final class AttemptWindows {

    static final int MAX_KEYS = 100_000;

    private record Window(Instant start, int count) {
    }

    private final Duration length;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    AttemptWindows(Duration length, Clock clock) {
        this.length = length;
        this.clock = clock;
    }

    /** Counts one more attempt and answers the count in the current window, this one included. */
    int add(String key) {
        Instant now = clock.instant();
        if (windows.size() >= MAX_KEYS && !windows.containsKey(key)) {
            windows.values().removeIf(w -> !isCurrent(w, now));
            if (windows.size() >= MAX_KEYS) {
                return 1;
            }
        }
        return windows.compute(key, (k, w) -> w == null || !isCurrent(w, now) ? new Window(now, 1)
                : new Window(w.start(), w.count() + 1)).count();
    }

    /** The attempts in the current window. */
    int count(String key) {
        Window w = windows.get(key);
        return w == null || !isCurrent(w, clock.instant()) ? 0 : w.count();
    }

    /** Seconds until the key's current window ends (at least 1). */
    long secondsLeft(String key) {
        Window w = windows.get(key);
        Instant now = clock.instant();
        return w == null ? 1 : Math.max(1, Duration.between(now, w.start().plus(length)).toSeconds());
    }

    void clear(String key) {
        windows.remove(key);
    }

    private boolean isCurrent(Window w, Instant now) {
        return now.isBefore(w.start().plus(length));
    }
}
