package org.kap.core.spacing;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.kap.core.rule.RuleInfo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Interval and window rules hold for arbitrary session sequences. */
class SpacingProperties {

    private static final RuleInfo RULE = RuleInfo.absolute("SPACING", "spacing", "test");
    private static final Instant ORIGIN = Instant.parse("2026-01-05T08:00:00Z");
    private static final ZoneId ZONE = ZoneId.of("Europe/Zurich");

    /** Session starts from gaps in hours, in order. */
    private static List<Instant> starts(List<Integer> gapsInHours) {
        List<Instant> starts = new ArrayList<>();
        Instant t = ORIGIN;
        for (int gap : gapsInHours) {
            t = t.plus(Duration.ofHours(gap));
            starts.add(t);
        }
        return starts;
    }

    @Property
    void the_minimum_interval_refuses_exactly_when_the_last_gap_is_shorter(
            @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 1, max = 400) Integer> gaps,
            @ForAll @IntRange(min = 1, max = 400) int nextGap,
            @ForAll @IntRange(min = 1, max = 240) int minimumHours) {
        List<Instant> previous = starts(gaps);
        Instant at = previous.get(previous.size() - 1).plus(Duration.ofHours(nextGap));
        var rule = new SpacingRule.MinimumInterval(RULE, Duration.ofHours(minimumHours));
        boolean refused = rule.violation(new SpacingContext(at, previous, ZONE)).isPresent();
        assertThat(refused).isEqualTo(nextGap < minimumHours);
    }

    @Property
    void a_rolling_window_counts_the_sessions_inside_it_and_refuses_above_the_maximum(
            @ForAll @Size(min = 0, max = 15) List<@IntRange(min = 1, max = 200) Integer> gaps,
            @ForAll @IntRange(min = 1, max = 200) int nextGap,
            @ForAll @IntRange(min = 1, max = 30) int windowDays,
            @ForAll @IntRange(min = 1, max = 8) int maximum) {
        List<Instant> previous = starts(gaps);
        Instant at = (previous.isEmpty() ? ORIGIN : previous.get(previous.size() - 1)).plus(Duration.ofHours(nextGap));
        Duration window = Duration.ofDays(windowDays);
        long expected = previous.stream().filter(s -> Duration.between(s, at).compareTo(window) < 0).count() + 1;
        var rule = new SpacingRule.SessionFrequency(RULE, maximum, new Window.Rolling(window));
        boolean refused = rule.violation(new SpacingContext(at, previous, ZONE)).isPresent();
        assertThat(refused).isEqualTo(expected > maximum);
    }

    /** ISO weeks start on Monday, as {@link Window.CalendarWeek} does. */
    @Property
    void a_calendar_week_counts_sessions_of_the_same_iso_week_in_the_clinic_zone(
            @ForAll @Size(min = 0, max = 15) List<@IntRange(min = 1, max = 100) Integer> gaps,
            @ForAll @IntRange(min = 1, max = 100) int nextGap,
            @ForAll @IntRange(min = 1, max = 4) int maximum) {
        List<Instant> previous = starts(gaps);
        Instant at = (previous.isEmpty() ? ORIGIN : previous.get(previous.size() - 1)).plus(Duration.ofHours(nextGap));
        var week = at.atZone(ZONE).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        var year = at.atZone(ZONE).get(IsoFields.WEEK_BASED_YEAR);
        long expected = previous.stream().map(s -> s.atZone(ZONE))
                .filter(z -> z.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) == week && z.get(IsoFields.WEEK_BASED_YEAR) == year)
                .count() + 1;
        var rule = new SpacingRule.SessionFrequency(RULE, maximum, new Window.CalendarWeek());
        boolean refused = rule.violation(new SpacingContext(at, previous, ZONE)).isPresent();
        assertThat(refused).isEqualTo(expected > maximum);
    }

    @Property
    void phases_apply_only_in_their_weeks_since_the_first_dose(
            @ForAll @IntRange(min = 0, max = 120) int daysSinceFirstDose,
            @ForAll @IntRange(min = 1, max = 10) int fromWeek,
            @ForAll @IntRange(min = 0, max = 6) int length) {
        int toWeek = fromWeek + length;
        var phase = new SpacingRule.PhaseFrequency(RULE, fromWeek, toWeek, 1, new Window.Rolling(Duration.ofDays(7)));
        Instant first = ORIGIN;
        Instant at = first.plus(Duration.ofDays(daysSinceFirstDose));
        int week = daysSinceFirstDose / 7 + 1;
        SpacingContext context = new SpacingContext(at, daysSinceFirstDose == 0 ? List.of() : List.of(first), ZONE);
        assertThat(context.weekOfCourse()).isEqualTo(daysSinceFirstDose == 0 ? 1 : week);
        assertThat(phase.covers(context.weekOfCourse())).isEqualTo(context.weekOfCourse() >= fromWeek && context.weekOfCourse() <= toWeek);
    }
}
