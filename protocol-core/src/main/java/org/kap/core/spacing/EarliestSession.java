package org.kap.core.spacing;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The earliest time from which a next session breaks none of a protocol's spacing rules, for the course page's "next
 * session from". It asks the rules themselves: whether a time breaks a rule can only change where a window or an
 * interval ends (an earlier start plus a rolling window or the minimum interval, a Monday in the clinic's zone, a week of
 * the course), so those times, and the time asked from, are the only ones to try. The rules still decide at the act.
 */
public final class EarliestSession {

    /** How far ahead it looks: past this, the rules allow no session soon, which the page says as such. */
    public static final Duration HORIZON = Duration.ofDays(366);

    private EarliestSession() {
    }

    /** The first time at or after {@code from}, within {@link #HORIZON}, at which a session would break no rule. */
    public static Optional<Instant> from(Instant from, List<SpacingRule> rules, List<Instant> previousStarts, ZoneId zone) {
        for (Instant candidate : candidates(from, rules, previousStarts, zone)) {
            SpacingContext context = new SpacingContext(candidate, previousStarts, zone);
            if (rules.stream().allMatch(rule -> rule.violation(context).isEmpty())) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static TreeSet<Instant> candidates(Instant from, List<SpacingRule> rules, List<Instant> starts, ZoneId zone) {
        Instant until = from.plus(HORIZON);
        TreeSet<Instant> times = new TreeSet<>();
        times.add(from);
        for (SpacingRule rule : rules) {
            ends(rule).forEach(length -> starts.forEach(start -> times.add(start.plus(length))));
        }
        // every Monday's start in the clinic's zone (calendar weeks) and every week of the course from the first dose
        var monday = from.atZone(zone).toLocalDate().with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        for (var day = monday; !day.atStartOfDay(zone).toInstant().isAfter(until); day = day.plusWeeks(1)) {
            times.add(day.atStartOfDay(zone).toInstant());
        }
        starts.stream().min(Instant::compareTo).ifPresent(first -> {
            for (Instant week = first; !week.isAfter(until); week = week.plus(Duration.ofDays(7))) {
                times.add(week);
            }
        });
        return new TreeSet<>(times.subSet(from, true, until, true));
    }

    /** The lengths after an earlier start at which this rule may stop counting it. */
    private static List<Duration> ends(SpacingRule rule) {
        if (rule instanceof SpacingRule.MinimumInterval interval) {
            return List.of(interval.minimum());
        }
        if (rule instanceof SpacingRule.SessionFrequency frequency) {
            return windowLength(frequency.window());
        }
        if (rule instanceof SpacingRule.PhaseFrequency phase) {
            return windowLength(phase.window());
        }
        throw new IllegalStateException("a spacing rule this search does not know: " + rule.getClass().getName());
    }

    private static List<Duration> windowLength(Window window) {
        if (window instanceof Window.Rolling rolling) {
            return List.of(rolling.length());
        }
        if (window instanceof Window.CalendarWeek) {
            return List.of();
        }
        throw new IllegalStateException("a window this search does not know: " + window.getClass().getName());
    }
}
