package org.kap.core.course;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kap.core.adverse.AdverseEventType;
import org.kap.core.course.CourseCommand.ReviewDecision;
import org.kap.core.course.CourseEvent.CourseEnded;
import org.kap.core.course.CourseEvent.CourseReviewed;
import org.kap.core.course.CourseEvent.DoseApprovalRefused;
import org.kap.core.course.CourseEvent.DoseApproved;
import org.kap.core.course.CourseEvent.ObligationFulfilled;
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
 * What blocks dosing between sessions and how it is lifted: an overdue monitoring form (OBL-FORM),
 * the review point after three sessions (REVIEW-3), and a halt until a prescriber's review.
 */
class ReviewAndObligationTest {

    // induction: at most 2 sessions per calendar week, 2 days apart; 35 mg each keeps the week under 150 mg
    private static final Instant THURSDAY_WEEK_1 = Instant.parse("2026-03-05T09:00:00Z");
    private static final Instant MONDAY_WEEK_2 = Instant.parse("2026-03-09T09:00:00Z");
    private static final Instant THURSDAY_WEEK_2 = Instant.parse("2026-03-12T09:00:00Z");

    private AggregateTestFixture<TreatmentCourse> fixture;
    private Journey journey;
    private Instant dischargedAt;

    @BeforeEach
    void setUp() {
        fixture = CourseFixture.with(TestProtocol.v1());
        journey = Journey.underTestProtocol();
    }

    /** One IM session, integrated the next day, whose monitoring form (OBLIGATION-1) is never filed. */
    private List<Object> sessionWithoutTheForm() {
        List<Object> given = new ArrayList<>(journey.readyForFirstDose());
        given.add(journey.approve(mgPerKg("0.5")));
        Instant dosedAt = journey.now();
        given.add(journey.start());
        given.add(journey.at(dosedAt.plus(minutes(39))).vitals(128, 84, 97));
        dischargedAt = dosedAt.plus(minutes(130));
        given.add(journey.at(dischargedAt).discharge());
        given.add(journey.after(days(1)).integrate());
        return given;
    }

    /** PHQ-9 scored before the first dose and again after three complete sessions. */
    private List<Object> threeSessionsScored(int before, int after) {
        List<Object> given = new ArrayList<>(journey.readyForFirstDose());
        given.add(journey.outcome(Instrument.PHQ9, before));
        given.addAll(journey.imSession(mgPerKg("0.5")));
        given.addAll(journey.at(THURSDAY_WEEK_1).imSession(mgPerKg("0.5")));
        given.addAll(journey.at(MONDAY_WEEK_2).imSession(mgPerKg("0.5")));
        given.add(journey.outcome(Instrument.PHQ9, after));
        journey.at(THURSDAY_WEEK_2);
        return given;
    }

    /** A grade 3 adverse event before any session halts the course by AE-SEVERE. */
    private List<Object> halted() {
        List<Object> given = new ArrayList<>(journey.readyForFirstDose());
        given.add(journey.adverseEvent(AdverseEventType.SEDATION, 3));
        return given;
    }

    @Test
    void a_monitoring_form_due_exactly_now_is_not_yet_overdue_and_does_not_block_the_next_dose() {
        fixture.givenCommands(sessionWithoutTheForm())
                .when(journey.at(dischargedAt.plus(days(7))).approve(mgPerKg("0.5")))
                .expectResultMessagePayloadMatching(allowed());
    }

    @Test
    void a_monitoring_form_overdue_after_7_days_blocks_the_next_dose() {
        fixture.givenCommands(sessionWithoutTheForm())
                .when(journey.at(dischargedAt.plus(days(7)).plus(hours(1))).approve(mgPerKg("0.5")))
                .expectResultMessagePayloadMatching(refused("OBL-FORM"))
                .expectEventsMatching(refusal(DoseApprovalRefused.class, "OBL-FORM"));
    }

    @Test
    void filing_the_overdue_form_records_it_as_late_and_unblocks_dosing() {
        List<Object> given = sessionWithoutTheForm();
        fixture.givenCommands(given)
                .when(journey.at(dischargedAt.plus(days(7)).plus(hours(1))).fulfil("OBLIGATION-1"))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(onlyEvent(ObligationFulfilled.class, "late",
                        e -> e.obligationId().equals("OBLIGATION-1") && e.late()));

        given.add(journey.at(dischargedAt.plus(days(7)).plus(hours(1))).fulfil("OBLIGATION-1"));
        fixture.givenCommands(given)
                .when(journey.approve(mgPerKg("0.5")))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(recorded(DoseApproved.class));
    }

    @Test
    void after_three_sessions_a_phq9_improved_by_less_than_50_percent_refuses_the_next_dose_until_review() {
        fixture.givenCommands(threeSessionsScored(20, 15))       // improved 25 %
                .when(journey.approve(mgPerKg("0.5")))
                .expectResultMessagePayloadMatching(refused("REVIEW-3"))
                .expectEventsMatching(refusal(DoseApprovalRefused.class, "REVIEW-3"))
                .expectState(course -> assertThat(course.state().sessionsCompleted()).isEqualTo(3));
    }

    @Test
    void after_three_sessions_a_phq9_improved_by_50_percent_or_more_allows_the_next_dose() {
        fixture.givenCommands(threeSessionsScored(20, 8))        // improved 60 %
                .when(journey.approve(mgPerKg("0.5")))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(recorded(DoseApproved.class));
    }

    @Test
    void a_review_at_the_review_point_lets_dosing_go_on() {
        List<Object> given = threeSessionsScored(20, 15);
        fixture.givenCommands(given)
                .when(journey.review(ReviewDecision.RESUME))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(onlyEvent(CourseReviewed.class, "after 3 sessions",
                        e -> e.decision() == ReviewDecision.RESUME && e.sessionsCompleted() == 3));

        given.add(journey.review(ReviewDecision.RESUME));
        fixture.givenCommands(given)
                .when(journey.approve(mgPerKg("0.5")))
                .expectResultMessagePayloadMatching(allowed());
    }

    @Test
    void resuming_a_halted_course_makes_it_active_and_dosing_is_no_longer_refused_by_the_halt() {
        List<Object> given = halted();
        fixture.givenCommands(given)
                .when(journey.review(ReviewDecision.RESUME))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(recorded(CourseReviewed.class))
                .expectState(course -> {
                    assertThat(course.state().status()).isEqualTo(CourseStatus.ACTIVE);
                    assertThat(course.state().haltedBy()).isEmpty();
                });

        given.add(journey.review(ReviewDecision.RESUME));
        fixture.givenCommands(given)
                .when(journey.approve(mgPerKg("0.5")))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(recorded(DoseApproved.class));
    }

    @Test
    void resuming_a_course_halted_in_a_session_leaves_it_awaiting_that_sessions_integration() {
        List<Object> given = new ArrayList<>(journey.readyForFirstDose());
        given.add(journey.approve(mgPerKg("0.5")));
        Instant dosedAt = journey.now();
        given.add(journey.start());
        given.add(journey.at(dosedAt.plus(minutes(39))).vitals(128, 84, 97));
        given.add(journey.at(dosedAt.plus(minutes(45))).adverseEvent(AdverseEventType.SEDATION, 3));
        given.add(journey.at(dosedAt.plus(minutes(90))).resolve("AE-1"));
        given.add(journey.at(dosedAt.plus(minutes(185))).discharge());
        fixture.givenCommands(given)
                .when(journey.review(ReviewDecision.RESUME))
                .expectEventsMatching(recorded(CourseReviewed.class))
                .expectState(course -> assertThat(course.state().status()).isEqualTo(CourseStatus.AWAITING_INTEGRATION));
    }

    @Test
    void ending_a_halted_course_on_review_records_the_review_then_the_end() {
        fixture.givenCommands(halted())
                .when(journey.review(ReviewDecision.END))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(recorded(CourseReviewed.class, CourseEnded.class))
                .expectState(course -> assertThat(course.state().status()).isEqualTo(CourseStatus.ENDED));
    }

    @Test
    void a_review_of_a_course_neither_halted_nor_due_is_a_state_conflict_and_records_nothing() {
        fixture.givenCommands(journey.readyForFirstDose())
                .when(journey.review(ReviewDecision.RESUME))
                .expectException(CourseStateConflict.class)
                .expectNoEvents();
    }
}
