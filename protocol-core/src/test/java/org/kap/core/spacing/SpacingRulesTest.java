package org.kap.core.spacing;

import org.junit.jupiter.api.Test;
import org.kap.core.rule.ProtocolRef;
import org.kap.core.rule.RuleInfo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The windows sessions are counted over, at their edges, and the week of the course. */
class SpacingRulesTest {

    private static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");   // UTC+1 in January
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ProtocolRef PROTOCOL = new ProtocolRef("kap-test", 1);
    private static final RuleInfo RULE = RuleInfo.absolute("SPACING-28D", "Sessions per 28 days", "test");

    private static Instant zurich(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZURICH).toInstant();
    }

    // ---- rolling window ----------------------------------------------------------------------------

    private final Window.Rolling fourWeeks = new Window.Rolling(Duration.ofDays(28));
    private final Instant at = Instant.parse("2026-03-30T09:05:00Z");

    @Test
    void a_rolling_window_excludes_a_session_exactly_its_length_before() {
        assertThat(fourWeeks.contains(at.minus(Duration.ofDays(28)), at, UTC)).isFalse();
    }

    @Test
    void a_rolling_window_includes_a_session_just_inside_its_length() {
        assertThat(fourWeeks.contains(at.minus(Duration.ofDays(28)).plusSeconds(1), at, UTC)).isTrue();
    }

    @Test
    void a_rolling_window_includes_a_session_at_its_end_and_none_after_it() {
        assertThat(fourWeeks.contains(at, at, UTC)).isTrue();
        assertThat(fourWeeks.contains(at.plusSeconds(1), at, UTC)).isFalse();
    }

    @Test
    void a_rolling_window_ignores_the_clinic_zone() {
        Instant earlier = at.minus(Duration.ofDays(27));
        assertThat(fourWeeks.contains(earlier, at, UTC)).isEqualTo(fourWeeks.contains(earlier, at, ZURICH)).isTrue();
    }

    @Test
    void a_rolling_window_must_be_longer_than_zero() {
        assertThatThrownBy(() -> new Window.Rolling(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Window.Rolling(Duration.ofDays(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- calendar week -----------------------------------------------------------------------------

    private final Window.CalendarWeek week = new Window.CalendarWeek();

    @Test
    void a_calendar_week_starts_on_monday_at_00_00_in_the_clinic_zone() {
        Instant sunday2359 = zurich("2026-01-11T23:59:59");
        assertThat(week.contains(zurich("2026-01-05T00:00"), sunday2359, ZURICH)).isTrue();
        assertThat(week.contains(zurich("2026-01-04T23:59:59"), sunday2359, ZURICH)).isFalse();
    }

    @Test
    void sunday_at_23_59_belongs_to_the_week_before_the_monday_that_follows() {
        Instant monday0000 = zurich("2026-01-12T00:00");
        assertThat(week.contains(zurich("2026-01-11T23:59"), monday0000, ZURICH)).isFalse();
        assertThat(week.contains(monday0000, monday0000, ZURICH)).isTrue();
    }

    @Test
    void the_week_is_taken_in_the_clinic_zone_not_in_utc() {
        Instant monday0030Zurich = zurich("2026-01-12T00:30");                // Sunday 23:30 UTC
        Instant sundayEveningUtc = Instant.parse("2026-01-11T23:10:00Z");    // Monday 00:10 in Zurich
        assertThat(week.contains(sundayEveningUtc, monday0030Zurich, ZURICH)).isTrue();
        assertThat(week.contains(Instant.parse("2026-01-11T22:50:00Z"), monday0030Zurich, ZURICH)).isFalse();
        assertThat(week.contains(Instant.parse("2026-01-11T22:50:00Z"), monday0030Zurich, UTC)).isTrue();
    }

    @Test
    void a_calendar_week_does_not_count_sessions_after_the_new_one() {
        Instant wednesday = zurich("2026-01-07T10:00");
        assertThat(week.contains(zurich("2026-01-08T10:00"), wednesday, ZURICH)).isFalse();
    }

    // ---- the context -------------------------------------------------------------------------------

    private final Instant firstDose = Instant.parse("2026-03-02T09:05:00Z");

    @Test
    void before_any_dose_the_course_is_in_week_1() {
        assertThat(new SpacingContext(firstDose, List.of(), UTC).weekOfCourse()).isEqualTo(1);
    }

    @Test
    void weeks_of_the_course_count_whole_weeks_from_the_first_dose() {
        List<Instant> previous = List.of(firstDose);
        assertThat(new SpacingContext(firstDose.plus(Duration.ofDays(7)).minusSeconds(1), previous, UTC).weekOfCourse())
                .isEqualTo(1);
        assertThat(new SpacingContext(firstDose.plus(Duration.ofDays(7)), previous, UTC).weekOfCourse()).isEqualTo(2);
        assertThat(new SpacingContext(firstDose.plus(Duration.ofDays(28)).minusSeconds(1), previous, UTC).weekOfCourse())
                .isEqualTo(4);
        assertThat(new SpacingContext(firstDose.plus(Duration.ofDays(28)), previous, UTC).weekOfCourse()).isEqualTo(5);
    }

    @Test
    void the_week_of_the_course_counts_from_the_earliest_session_whatever_the_order_given() {
        List<Instant> unordered = List.of(firstDose.plus(Duration.ofDays(3)), firstDose);
        assertThat(new SpacingContext(firstDose.plus(Duration.ofDays(8)), unordered, UTC).weekOfCourse()).isEqualTo(2);
    }

    @Test
    void sessions_in_a_window_count_the_new_session() {
        var context = new SpacingContext(firstDose.plus(Duration.ofDays(3)), List.of(firstDose), UTC);
        assertThat(context.sessionsIn(new Window.Rolling(Duration.ofDays(7)))).isEqualTo(2);
        assertThat(context.sessionsIn(new Window.Rolling(Duration.ofDays(3)))).isEqualTo(1);
    }

    // ---- the frequency rule over a rolling window ---------------------------------------------------

    @Test
    void six_sessions_per_rolling_28_days_refuse_a_seventh_inside_the_window_and_allow_it_once_the_first_leaves() {
        var rule = new SpacingRule.SessionFrequency(RULE, 6, new Window.Rolling(Duration.ofDays(28)));
        List<Instant> six = List.of(0, 3, 7, 10, 14, 17).stream()
                .map(d -> firstDose.plus(Duration.ofDays(d))).toList();

        var inside = rule.check(PROTOCOL, new SpacingContext(firstDose.plus(Duration.ofDays(25)), six, UTC));
        assertThat(inside).hasValueSatisfying(f -> {
            assertThat(f.refuses()).isTrue();
            assertThat(f).hasToString("SPACING-28D: 7 sessions per 28 days (rolling) > 6 sessions");
        });
        assertThat(rule.check(PROTOCOL, new SpacingContext(firstDose.plus(Duration.ofDays(28)), six, UTC))).isEmpty();
        assertThat(rule.checkedAtApproval()).isFalse();
    }
}
