package org.kap.core.spacing;

import org.junit.jupiter.api.Test;
import org.kap.core.rule.RuleInfo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The earliest next session the course page shows, against each kind of spacing rule and at its edges. */
class EarliestSessionTest {

    private static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final RuleInfo RULE = RuleInfo.absolute("SPACING", "Spacing", "test");
    private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");

    private static Instant days(double d) {
        return T.plus(Duration.ofMinutes((long) (d * 24 * 60)));
    }

    @Test
    void with_no_session_yet_it_is_the_time_asked_from() {
        var interval = new SpacingRule.MinimumInterval(RULE, Duration.ofDays(7));
        assertThat(EarliestSession.from(T, List.of(interval), List.of(), UTC)).contains(T);
    }

    @Test
    void a_minimum_interval_ends_its_length_after_the_last_start() {
        var interval = new SpacingRule.MinimumInterval(RULE, Duration.ofDays(7));
        assertThat(EarliestSession.from(days(1), List.of(interval), List.of(T), UTC)).contains(days(7));
        assertThat(EarliestSession.from(days(8), List.of(interval), List.of(T), UTC)).contains(days(8));
    }

    @Test
    void a_rolling_frequency_frees_a_place_when_its_oldest_session_leaves_the_window() {
        var fourPer28Days = new SpacingRule.SessionFrequency(RULE, 4, new Window.Rolling(Duration.ofDays(28)));
        List<Instant> starts = List.of(T, days(7), days(14), days(21));
        assertThat(EarliestSession.from(days(22), List.of(fourPer28Days), starts, UTC)).contains(days(28));
    }

    @Test
    void a_calendar_week_frequency_opens_at_the_next_monday_in_the_clinic_zone() {
        var twicePerWeek = new SpacingRule.SessionFrequency(RULE, 2, new Window.CalendarWeek());
        Instant monday = LocalDateTime.parse("2026-03-02T10:00").atZone(ZURICH).toInstant();
        List<Instant> starts = List.of(monday, monday.plus(Duration.ofDays(1)));
        Instant nextMonday = LocalDateTime.parse("2026-03-09T00:00").atZone(ZURICH).toInstant();
        assertThat(EarliestSession.from(monday.plus(Duration.ofDays(2)), List.of(twicePerWeek), starts, ZURICH))
                .contains(nextMonday);
    }

    @Test
    void all_rules_hold_at_once() {
        var interval = new SpacingRule.MinimumInterval(RULE, Duration.ofDays(3));
        var oncePerWeek = new SpacingRule.PhaseFrequency(RULE, 1, 4, 1, new Window.Rolling(Duration.ofDays(7)));
        // the interval alone allows day 3; the weekly phase keeps the next session to day 7
        assertThat(EarliestSession.from(days(1), List.of(interval, oncePerWeek), List.of(T), UTC)).contains(days(7));
    }

    @Test
    void rules_that_never_allow_another_session_give_none_within_the_horizon() {
        var oncePerYear = new SpacingRule.SessionFrequency(RULE, 1, new Window.Rolling(Duration.ofDays(400)));
        assertThat(EarliestSession.from(days(1), List.of(oncePerYear), List.of(T), UTC)).isEmpty();
    }

    @Test
    void every_kind_of_spacing_rule_and_window_is_known_to_the_search() {
        // a new kind added to either sealed family must be taught to the search: this fails until it is
        assertThat(SpacingRule.class.getPermittedSubclasses()).extracting(Class::getSimpleName)
                .containsExactlyInAnyOrder("MinimumInterval", "SessionFrequency", "PhaseFrequency");
        assertThat(Window.class.getPermittedSubclasses()).extracting(Class::getSimpleName)
                .containsExactlyInAnyOrder("Rolling", "CalendarWeek");
    }
}
