package org.kap.core.course;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kap.core.course.CourseEvent.ConsentWithdrawn;
import org.kap.core.course.CourseEvent.CourseEnded;
import org.kap.core.course.CourseEvent.EntryCorrected;
import org.kap.core.course.CourseEvent.ObligationFulfilled;
import org.kap.core.course.CourseEvent.OutcomeMeasureRecorded;
import org.kap.core.course.CourseEvent.PreparationSessionRecorded;
import org.kap.core.obligation.ObligationKind;
import org.kap.core.outcome.Instrument;
import org.kap.core.rule.RuleId;
import org.kap.core.course.CourseEvent.DoseApprovalRefused;
import org.kap.core.testing.CourseFixture;
import org.kap.core.testing.Journey;
import org.kap.core.testing.TestProtocol;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kap.core.testing.CourseMatchers.*;
import static org.kap.core.units.Units.*;

class LifecycleTest {

    private AggregateTestFixture<TreatmentCourse> fixture;
    private Journey journey;

    @BeforeEach
    void setUp() {
        fixture = CourseFixture.with(TestProtocol.v1());
        journey = Journey.underTestProtocol();
    }

    /** Ready for the first dose, then session 1 started: the course is in session. */
    private List<Object> inSession() {
        List<Object> given = new ArrayList<>(journey.readyForFirstDose());
        given.add(journey.approve(mgPerKg("0.5")));
        given.add(journey.start());
        return given;
    }

    /** Session 1 discharged 130 minutes after the dose; the discharge created the monitoring form OBLIGATION-1. */
    private List<Object> discharged() {
        List<Object> given = inSession();
        journey.after(minutes(38));
        given.add(journey.vitals(128, 84, 97));
        journey.after(minutes(90));
        given.add(journey.discharge());
        return given;
    }

    // ---- preparation ---------------------------------------------------------------------------------

    @Test
    void a_preparation_session_before_consent_is_a_state_conflict_and_records_nothing() {
        fixture.givenCommands(journey.screen())
                .when(journey.preparation())
                .expectException(CourseStateConflict.class)
                .expectNoEvents();
    }

    @Test
    void preparation_sessions_after_consent_are_counted() {
        fixture.givenCommands(journey.screen(), journey.consent(), journey.preparation())
                .when(journey.preparation())
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(onlyEvent(PreparationSessionRecorded.class, "as number 2", e -> e.number() == 2))
                .expectState(course -> assertThat(course.state().preparationSessions()).isEqualTo(2));
    }

    // ---- withdrawal and end ----------------------------------------------------------------------------

    @Test
    void withdrawing_consent_ends_the_course() {
        fixture.givenCommands(journey.screen(), journey.consent())
                .when(journey.withdraw())
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(onlyEvent(ConsentWithdrawn.class, "with the reason",
                        e -> e.reason().equals("client withdrew")))
                .expectState(course -> {
                    assertThat(course.state().status()).isEqualTo(CourseStatus.ENDED);
                    assertThat(course.state().consentWithdrawn()).isTrue();
                    assertThat(course.state().consented()).isFalse();
                });
    }

    @Test
    void after_withdrawal_no_further_act_is_accepted() {
        fixture.givenCommands(journey.screen(), journey.consent(), journey.withdraw())
                .when(journey.preparation())
                .expectException(CourseStateConflict.class)
                .expectNoEvents();
        Journey later = Journey.underTestProtocol();
        fixture.givenCommands(later.screen(), later.consent(), later.preparation(), later.preparation(), later.withdraw())
                .when(later.approve(mgPerKg("0.5")))
                .expectResultMessagePayloadMatching(refused("ENGINE-COURSE-ENDED"))
                .expectEventsMatching(refusal(DoseApprovalRefused.class, "ENGINE-COURSE-ENDED"));
        Journey again = Journey.underTestProtocol();
        fixture.givenCommands(again.screen(), again.consent(), again.withdraw())
                .when(again.consent())
                .expectException(CourseStateConflict.class)
                .expectNoEvents();
    }

    @Test
    void consent_cannot_be_withdrawn_while_a_session_is_open() {
        fixture.givenCommands(inSession())
                .when(journey.withdraw())
                .expectException(CourseStateConflict.class)
                .expectNoEvents();
    }

    @Test
    void an_active_course_can_be_ended() {
        fixture.givenCommands(journey.screen(), journey.consent())
                .when(journey.end())
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(onlyEvent(CourseEnded.class, "with the reason",
                        e -> e.reason().equals("course completed")))
                .expectState(course -> {
                    assertThat(course.state().status()).isEqualTo(CourseStatus.ENDED);
                    assertThat(course.state().pendingApproval()).isEmpty();
                });
    }

    @Test
    void a_course_cannot_be_ended_while_a_session_is_open() {
        fixture.givenCommands(inSession())
                .when(journey.end())
                .expectException(CourseStateConflict.class)
                .expectNoEvents();
    }

    @Test
    void an_ended_course_cannot_be_ended_again() {
        fixture.givenCommands(journey.screen(), journey.consent(), journey.end())
                .when(journey.end())
                .expectException(CourseStateConflict.class)
                .expectNoEvents();
    }

    // ---- outcome measures ----------------------------------------------------------------------------

    @Test
    void an_outcome_measure_is_recorded_with_the_sessions_completed_so_far() {
        List<Object> given = new ArrayList<>(journey.readyForFirstDose());
        given.addAll(journey.imSession(mgPerKg("0.5")));
        fixture.givenCommands(given)
                .when(journey.outcome(Instrument.PHQ9, 12))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(onlyEvent(OutcomeMeasureRecorded.class, "PHQ-9 12 after one session",
                        e -> e.instrument() == Instrument.PHQ9 && e.score() == 12 && e.sessionsCompleted() == 1))
                .expectState(course -> assertThat(course.state().outcomes()).singleElement()
                        .satisfies(o -> {
                            assertThat(o.score()).isEqualTo(12);
                            assertThat(o.sessionsCompleted()).isEqualTo(1);
                        }));
    }

    @Test
    void a_score_outside_the_instruments_range_is_malformed_before_it_reaches_the_course() {
        assertThatThrownBy(() -> journey.outcome(Instrument.PHQ9, 28))
                .isInstanceOf(InvalidCommandException.class)
                .satisfies(e -> assertThat(((InvalidCommandException) e).field()).isEqualTo("score"));
        assertThatThrownBy(() -> journey.outcome(Instrument.MOAAS, -1)).isInstanceOf(InvalidCommandException.class);
    }

    // ---- obligations ---------------------------------------------------------------------------------

    @Test
    void the_monitoring_form_created_at_discharge_is_fulfilled_on_time() {
        List<Object> given = discharged();
        journey.after(days(1));
        fixture.givenCommands(given)
                .when(journey.fulfil("OBLIGATION-1"))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(onlyEvent(ObligationFulfilled.class, "on time",
                        e -> e.obligationId().equals("OBLIGATION-1") && !e.late()))
                .expectState(course -> assertThat(course.state().obligation("OBLIGATION-1")).hasValueSatisfying(o -> {
                    assertThat(o.kind()).isEqualTo(ObligationKind.MONITORING_FORM);
                    assertThat(o.ruleId()).isEqualTo(RuleId.of("OBL-FORM"));
                    assertThat(o.sessionNumber()).isEqualTo(1);
                    assertThat(o.open()).isFalse();
                }));
    }

    @Test
    void a_monitoring_form_filed_after_its_7_days_is_recorded_as_late() {
        List<Object> given = discharged();
        journey.after(days(8));
        fixture.givenCommands(given)
                .when(journey.fulfil("OBLIGATION-1"))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(onlyEvent(ObligationFulfilled.class, "late", ObligationFulfilled::late));
    }

    @Test
    void an_obligation_cannot_be_fulfilled_twice() {
        List<Object> given = discharged();
        given.add(journey.fulfil("OBLIGATION-1"));
        fixture.givenCommands(given)
                .when(journey.fulfil("OBLIGATION-1"))
                .expectException(CourseStateConflict.class)
                .expectNoEvents();
    }

    @Test
    void fulfilling_an_obligation_the_course_does_not_have_is_an_unknown_reference() {
        fixture.givenCommands(discharged())
                .when(journey.fulfil("OBLIGATION-9"))
                .expectException(UnknownReferenceException.class)
                .expectNoEvents();
    }

    // ---- corrections ---------------------------------------------------------------------------------

    /** Entries 1 and 2 by the clinician (screening, consent), entry 3 by the therapist (preparation). */
    private List<Object> threeEntries() {
        return List.of(journey.screen(), journey.consent(), journey.preparation());
    }

    @Test
    void the_author_may_correct_their_own_entry_and_the_original_stays() {
        fixture.givenCommands(threeEntries())
                .when(journey.correct(3, Journey.THERAPIST))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(onlyEvent(EntryCorrected.class, "of entry 3 as entry 4",
                        e -> e.correctedEntry() == 3 && e.entry().number() == 4 && !e.reason().isBlank()))
                .expectState(course -> {
                    assertThat(course.state().correctionOf(3)).contains(4L);
                    assertThat(course.state().authorOf(3)).contains(Journey.THERAPIST.id());
                    assertThat(course.state().preparationSessions()).isEqualTo(1);
                    assertThat(course.state().correctionOf(2)).isEmpty();
                });
    }

    @Test
    void a_clinician_may_correct_anyones_entry() {
        fixture.givenCommands(threeEntries())
                .when(journey.correct(3, Journey.CLINICIAN))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(onlyEvent(EntryCorrected.class, "of the therapist's entry",
                        e -> e.correctedEntry() == 3 && e.entry().actor().equals(Journey.CLINICIAN)))
                .expectState(course -> assertThat(course.state().correctionOf(3)).contains(4L));
    }

    @Test
    void a_therapist_may_not_correct_a_clinicians_entry() {
        fixture.givenCommands(threeEntries())
                .when(journey.correct(2, Journey.THERAPIST))
                .expectException(NotPermittedException.class)
                .expectNoEvents();
    }

    @Test
    void a_correction_of_an_entry_the_course_does_not_have_is_an_unknown_reference() {
        fixture.givenCommands(threeEntries())
                .when(journey.correct(99, Journey.CLINICIAN))
                .expectException(UnknownReferenceException.class)
                .expectNoEvents();
    }

    @Test
    void entries_are_numbered_from_1_so_entry_0_is_malformed() {
        assertThatThrownBy(() -> journey.correct(0, Journey.CLINICIAN)).isInstanceOf(InvalidCommandException.class);
    }
}
