package org.kap.core.course;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kap.core.course.CourseEvent.DoseApprovalRefused;
import org.kap.core.course.CourseEvent.DoseApproved;
import org.kap.core.course.CourseEvent.SessionStartRefused;
import org.kap.core.course.CourseEvent.SessionStarted;
import org.kap.core.outcome.Instrument;
import org.kap.core.testing.CourseFixture;
import org.kap.core.testing.Journey;
import org.kap.core.testing.TestProtocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kap.core.testing.CourseMatchers.*;
import static org.kap.core.units.Units.*;

/**
 * Spacing under the test protocol: at least 2 days between session starts, 2 sessions per calendar
 * week in weeks 1-4, 1 per calendar week from week 5, and 6 per rolling 28 days. The first dose is
 * given on Monday 2 March 2026 at 09:05 UTC (the fixture's clinic zone); every session here starts at 09:05.
 */
class SpacingTest {

    private AggregateTestFixture<TreatmentCourse> fixture;
    private Journey journey;
    private List<Object> given;

    @BeforeEach
    void setUp() {
        fixture = CourseFixture.with(TestProtocol.v1());
        journey = Journey.underTestProtocol();
        given = new ArrayList<>(journey.readyForFirstDose());   // 09:00 to 09:03 on Monday 2 March
        given.addAll(journey.imSession(mgPerKg("0.5")));         // approved 09:04, started 09:05
    }

    /** A complete session approved at 09:04 and started at 09:05 on the given day. */
    private void sessionOn(String date) {
        journey.at(Instant.parse(date + "T09:04:00Z"));
        given.addAll(journey.imSession(mgPerKg("0.5")));
    }

    // ---- minimum interval: checked when the session starts -----------------------------------------

    @Test
    void a_session_the_next_day_is_refused_by_the_minimum_interval() {
        given.add(journey.approve(mgPerKg("0.5")));                // Tuesday 3 March, after integration
        fixture.givenCommands(given)
                .when(journey.start())
                .expectResultMessagePayloadMatching(refused("SPACING-INTERVAL"))
                .expectEventsMatching(refusal(SessionStartRefused.class, "SPACING-INTERVAL"));
    }

    @Test
    void a_session_one_minute_short_of_2_days_is_refused() {
        journey.at(Instant.parse("2026-03-04T09:03:00Z"));
        given.add(journey.approve(mgPerKg("0.5")));
        fixture.givenCommands(given)
                .when(journey.start())                            // 09:04, 1 day 23 h 59 min after session 1
                .expectResultMessagePayloadMatching(refused("SPACING-INTERVAL"))
                .expectEventsMatching(onlyEvent(SessionStartRefused.class, "with the time since",
                        e -> e.findings().get(0).toString().equals("SPACING-INTERVAL: 1 day 23 h 59 min since the last session < 2 days")));
    }

    @Test
    void a_session_exactly_2_days_after_the_previous_one_is_allowed() {
        journey.at(Instant.parse("2026-03-04T09:04:00Z"));
        given.add(journey.approve(mgPerKg("0.5")));
        fixture.givenCommands(given)
                .when(journey.start())                            // 09:05
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(onlyEvent(SessionStarted.class, "as session 2", e -> e.sessionNumber() == 2));
    }

    // ---- phase frequency by calendar week: checked when the dose is approved ------------------------

    @Test
    void a_third_approval_in_the_same_calendar_week_of_induction_is_refused() {
        sessionOn("2026-03-04");                                  // Wednesday: the week's second session
        journey.at(Instant.parse("2026-03-06T09:00:00Z"));        // Friday
        fixture.givenCommands(given)
                .when(journey.approve(mgPerKg("0.5")))
                .expectResultMessagePayloadMatching(refused("PHASE-INDUCTION"))
                .expectEventsMatching(refusal(DoseApprovalRefused.class, "PHASE-INDUCTION"))
                .expectEventsMatching(onlyEvent(DoseApprovalRefused.class, "counting the calendar week",
                        e -> e.findings().get(0).toString()
                                .equals("PHASE-INDUCTION: 3 sessions per calendar week in week 1 > 2 sessions")));
    }

    @Test
    void the_calendar_week_still_holds_on_sunday_at_23_59() {
        sessionOn("2026-03-04");
        journey.at(Instant.parse("2026-03-08T23:59:00Z"));
        fixture.givenCommands(given)
                .when(journey.approve(mgPerKg("0.5")))
                .expectResultMessagePayloadMatching(refused("PHASE-INDUCTION"));
    }

    @Test
    void a_new_calendar_week_starts_on_monday_at_00_00_and_allows_the_approval() {
        sessionOn("2026-03-04");
        journey.at(Instant.parse("2026-03-09T00:00:00Z"));
        fixture.givenCommands(given)
                .when(journey.approve(mgPerKg("0.5")))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(recorded(DoseApproved.class));
    }

    @Test
    void from_week_5_the_maintenance_phase_allows_one_session_per_calendar_week() {
        sessionOn("2026-03-30");                                  // Monday, 28 days after the first dose: week 5
        journey.at(Instant.parse("2026-04-02T09:00:00Z"));        // Thursday of the same calendar week
        fixture.givenCommands(given)
                .when(journey.approve(mgPerKg("0.5")))
                .expectResultMessagePayloadMatching(refused("PHASE-MAINTENANCE"))
                .expectEventsMatching(onlyEvent(DoseApprovalRefused.class, "in week 5",
                        e -> e.findings().get(0).toString()
                                .equals("PHASE-MAINTENANCE: 2 sessions per calendar week in week 5 > 1 session")));
    }

    @Test
    void in_the_maintenance_phase_the_next_calendar_week_allows_the_next_session() {
        sessionOn("2026-03-30");
        journey.at(Instant.parse("2026-04-06T09:00:00Z"));        // Monday of the next week
        fixture.givenCommands(given)
                .when(journey.approve(mgPerKg("0.5")))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(recorded(DoseApproved.class));
    }

    @Test
    void in_week_4_the_induction_phase_still_allows_a_second_session_in_the_week() {
        sessionOn("2026-03-23");                                  // Monday, week 4
        journey.at(Instant.parse("2026-03-26T09:00:00Z"));        // Thursday, 24 days after the first dose
        fixture.givenCommands(given)
                .when(journey.approve(mgPerKg("0.5")))
                .expectResultMessagePayloadMatching(allowed());
    }

    // ---- rolling 28-day frequency: checked when the session starts ----------------------------------

    /** Six sessions, twice a week for three weeks, with PHQ-9 falling from 20 to 8 so that the review point is met. */
    private void sixSessionsInThreeWeeks() {
        given.add(journey.outcome(Instrument.PHQ9, 20));
        sessionOn("2026-03-05");
        sessionOn("2026-03-09");
        given.add(journey.outcome(Instrument.PHQ9, 8));
        sessionOn("2026-03-12");
        sessionOn("2026-03-16");
        sessionOn("2026-03-19");
    }

    @Test
    void a_seventh_session_within_28_days_of_the_first_is_refused() {
        sixSessionsInThreeWeeks();
        journey.at(Instant.parse("2026-03-27T09:04:00Z"));        // Friday of week 4: no session yet that week
        given.add(journey.approve(mgPerKg("0.5")));
        fixture.givenCommands(given)
                .when(journey.start())
                .expectResultMessagePayloadMatching(refused("SPACING-28D"))
                .expectEventsMatching(onlyEvent(SessionStartRefused.class, "counting the rolling window",
                        e -> e.findings().size() == 1 && e.findings().get(0).toString()
                                .equals("SPACING-28D: 7 sessions per 28 days (rolling) > 6 sessions")));
    }

    @Test
    void the_seventh_session_is_allowed_once_the_first_leaves_the_28_day_window() {
        sixSessionsInThreeWeeks();
        journey.at(Instant.parse("2026-03-30T09:04:00Z"));
        given.add(journey.approve(mgPerKg("0.5")));
        fixture.givenCommands(given)
                .when(journey.start())                            // 09:05, exactly 28 days after the first
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(onlyEvent(SessionStarted.class, "as session 7", e -> e.sessionNumber() == 7))
                .expectState(course -> assertThat(course.state().sessions()).hasSize(7));
    }
}
