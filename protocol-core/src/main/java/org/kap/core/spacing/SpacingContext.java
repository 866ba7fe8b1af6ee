package org.kap.core.spacing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The facts spacing rules look at: when the new session would be, and when earlier ones started. */
public record SpacingContext(Instant at, List<Instant> previousSessionStarts, ZoneId zone) {

    public SpacingContext {
        Objects.requireNonNull(at, "time");
        Objects.requireNonNull(zone, "clinic time zone");
        previousSessionStarts = previousSessionStarts.stream().sorted().toList();
    }

    public Optional<Instant> firstDose() {
        return previousSessionStarts.stream().findFirst();
    }

    public Optional<Instant> lastSession() {
        return previousSessionStarts.stream().max(Comparator.naturalOrder());
    }

    /** Week 1 starts with the first dose; a course with no dose yet is in week 1. */
    public int weekOfCourse() {
        return firstDose().map(first -> (int) (Duration.between(first, at).toDays() / 7) + 1).orElse(1);
    }

    /** Sessions in the window holding {@code at}, counting the new one. */
    public int sessionsIn(Window window) {
        return (int) previousSessionStarts.stream().filter(s -> window.contains(s, at, zone)).count() + 1;
    }
}
