package org.kap.core.course;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kap.core.adverse.AdverseEventType;
import org.kap.core.adverse.Seriousness;
import org.kap.core.course.CourseEvent.AdverseEventRecorded;
import org.kap.core.course.CourseEvent.AdverseEventResolved;
import org.kap.core.course.CourseEvent.CourseHalted;
import org.kap.core.course.CourseEvent.DoseApprovalRefused;
import org.kap.core.course.CourseEvent.ObligationCreated;
import org.kap.core.course.CourseEvent.ObservationExtended;
import org.kap.core.course.CourseEvent.SessionStopped;
import org.kap.core.obligation.ObligationKind;
import org.kap.core.rule.RuleId;
import org.kap.core.testing.CourseFixture;
import org.kap.core.testing.Journey;
import org.kap.core.testing.TestProtocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kap.core.testing.CourseMatchers.*;
import static org.kap.core.units.Units.*;

/** Adverse events recorded by a clinician, the protocol's rules that act on them, and their resolution. */
class AdverseEventTest {

    private AggregateTestFixture<TreatmentCourse> fixture;
    private Journey journey;
    private Instant dosedAt;

    @BeforeEach
    void setUp() {
        fixture = CourseFixture.with(TestProtocol.v1());
        journey = Journey.underTestProtocol();
    }

    private List<Object> inSession() {
        List<Object> given = new ArrayList<>(journey.readyForFirstDose());
        given.add(journey.approve(mgPerKg("0.5")));
        dosedAt = journey.now();
        given.add(journey.start());
        return given;
    }

    private Journey minutesAfterDose(long m) {
        return journey.at(dosedAt.plus(minutes(m)));
    }

    @Test
    void a_grade_1_event_outside_a_session_is_only_recorded() {
        fixture.givenCommands(journey.readyForFirstDose())
                .when(journey.adverseEvent(AdverseEventType.NAUSEA_VOMITING, 1))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(onlyEvent(AdverseEventRecorded.class, "AE-1 outside any session",
                        e -> e.adverseEventId().equals("AE-1") && e.sessionNumber() == null && e.grade() == 1
                                && e.triggeredBy() == null && !e.serious()))
                .expectState(course -> assertThat(course.state().adverseEvent("AE-1").orElseThrow().open()).isTrue());
    }

    @Test
    void a_grade_1_event_in_a_session_is_only_recorded_against_the_session() {
        fixture.givenCommands(inSession())
                .when(minutesAfterDose(10).adverseEvent(AdverseEventType.DISSOCIATION, 1))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(onlyEvent(AdverseEventRecorded.class, "AE-1 in session 1",
                        e -> e.adverseEventId().equals("AE-1") && Integer.valueOf(1).equals(e.sessionNumber())));
    }

    @Test
    void a_grade_2_event_in_a_session_extends_observation_by_the_moderate_rule() {
        fixture.givenCommands(inSession())
                .when(minutesAfterDose(10).adverseEvent(AdverseEventType.NAUSEA_VOMITING, 2))
                .expectResultMessagePayloadMatching(warned("AE-MODERATE"))
                .expectEventsMatching(recorded(AdverseEventRecorded.class, ObservationExtended.class))
                .expectState(course -> assertThat(course.state().openSession().orElseThrow().extensions())
                        .containsExactly(new SessionRecord.Extension(RuleId.of("AE-MODERATE"), minutes(60))));
    }

    @Test
    void a_grade_3_event_halts_the_course_and_makes_a_report_due() {
        fixture.givenCommands(inSession())
                .when(minutesAfterDose(10).adverseEvent(AdverseEventType.SEDATION, 3))
                .expectResultMessagePayloadMatching(warned("AE-SEVERE", "AE-MODERATE"))
                .expectEventsMatching(recorded(AdverseEventRecorded.class, CourseHalted.class, ObligationCreated.class,
                        ObservationExtended.class))
                .expectState(course -> {
                    assertThat(course.state().haltedBy()).contains(RuleId.of("AE-SEVERE"));
                    ObligationRecord report = course.state().obligation("OBLIGATION-1").orElseThrow();
                    assertThat(report.kind()).isEqualTo(ObligationKind.ADVERSE_EVENT_REPORT);
                    assertThat(report.adverseEventId()).isEqualTo("AE-1");
                    assertThat(report.due()).isEqualTo(dosedAt.plus(minutes(10)).plus(days(1)));
                });
    }

    @Test
    void a_halted_course_is_halted_after_discharge_and_refuses_the_next_dose_naming_the_halting_rule() {
        List<Object> given = inSession();
        given.add(minutesAfterDose(39).vitals(128, 84, 97));
        given.add(minutesAfterDose(45).adverseEvent(AdverseEventType.SEDATION, 3));
        given.add(minutesAfterDose(90).resolve("AE-1"));
        fixture.givenCommands(given)
                .when(minutesAfterDose(185).discharge())             // 120 min + 60 min from AE-MODERATE
                .expectResultMessagePayloadMatching(allowed())
                .expectState(course -> assertThat(course.state().status()).isEqualTo(CourseStatus.HALTED));

        given.add(minutesAfterDose(185).discharge());
        given.add(journey.after(days(1)).integrate());
        fixture.givenCommands(given)
                .when(journey.after(days(2)).approve(mgPerKg("0.5")))
                .expectResultMessagePayloadMatching(refused("AE-SEVERE"))
                .expectEventsMatching(refusal(DoseApprovalRefused.class, "AE-SEVERE"))
                .expectState(course -> assertThat(course.state().status()).isEqualTo(CourseStatus.HALTED));
    }

    @Test
    void a_serious_grade_1_event_halts_the_course_because_the_severe_rule_also_matches_serious_events() {
        fixture.givenCommands(journey.readyForFirstDose())
                .when(journey.adverseEvent(AdverseEventType.ALLERGIC_REACTION, 1, Seriousness.HOSPITALISATION))
                .expectResultMessagePayloadMatching(warned("AE-SEVERE"))
                .expectEventsMatching(recorded(AdverseEventRecorded.class, CourseHalted.class, ObligationCreated.class))
                .expectState(course -> {
                    assertThat(course.state().haltedBy()).contains(RuleId.of("AE-SEVERE"));
                    assertThat(course.state().status()).isEqualTo(CourseStatus.HALTED);
                });
    }

    @Test
    void grade_3_hypertension_stops_the_session_so_no_booster_may_be_approved_in_it() {
        List<Object> given = inSession();
        fixture.givenCommands(given)
                .when(minutesAfterDose(20).adverseEvent(AdverseEventType.HYPERTENSION, 3))
                .expectResultMessagePayloadMatching(warned("AE-SEVERE", "AE-MODERATE", "AE-STOP"))
                .expectEventsMatching(recorded(AdverseEventRecorded.class, CourseHalted.class, ObligationCreated.class,
                        ObservationExtended.class, SessionStopped.class))
                .expectState(course -> assertThat(course.state().openSession().orElseThrow().stoppedBy())
                        .contains(RuleId.of("AE-STOP")));

        given.add(minutesAfterDose(20).adverseEvent(AdverseEventType.HYPERTENSION, 3));
        fixture.givenCommands(given)
                .when(minutesAfterDose(25).approveBooster(mgPerKg("0.25")))
                .expectResultMessagePayloadMatching(refused("ENGINE-NO-SESSION"))
                .expectEventsMatching(refusal(DoseApprovalRefused.class, "ENGINE-NO-SESSION"));
    }

    @Test
    void resolving_an_open_event_records_its_resolution() {
        List<Object> given = new ArrayList<>(journey.readyForFirstDose());
        given.add(journey.adverseEvent(AdverseEventType.NAUSEA_VOMITING, 1));
        fixture.givenCommands(given)
                .when(journey.resolve("AE-1"))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(onlyEvent(AdverseEventResolved.class, "of AE-1",
                        e -> e.adverseEventId().equals("AE-1")))
                .expectState(course -> assertThat(course.state().adverseEvent("AE-1").orElseThrow().open()).isFalse());
    }

    @Test
    void resolving_an_event_twice_is_a_state_conflict_and_records_nothing() {
        List<Object> given = new ArrayList<>(journey.readyForFirstDose());
        given.add(journey.adverseEvent(AdverseEventType.NAUSEA_VOMITING, 1));
        given.add(journey.resolve("AE-1"));
        fixture.givenCommands(given)
                .when(journey.resolve("AE-1"))
                .expectException(CourseStateConflict.class)
                .expectNoEvents();
    }

    @Test
    void resolving_an_event_the_course_does_not_have_is_an_unknown_reference() {
        List<Object> given = new ArrayList<>(journey.readyForFirstDose());
        given.add(journey.adverseEvent(AdverseEventType.NAUSEA_VOMITING, 1));
        fixture.givenCommands(given)
                .when(journey.resolve("AE-9"))
                .expectException(UnknownReferenceException.class)
                .expectNoEvents();
    }

    @Test
    void a_grade_outside_ctcae_1_to_5_is_rejected_when_the_command_is_made() {
        assertThatThrownBy(() -> journey.adverseEvent(AdverseEventType.SEDATION, 0))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("grade");
        assertThatThrownBy(() -> journey.adverseEvent(AdverseEventType.SEDATION, 6))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("grade");
    }
}
