package org.kap.core.course;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kap.core.adverse.AdverseEventType;
import org.kap.core.course.CourseEvent.AdverseEventRecorded;
import org.kap.core.course.CourseEvent.CourseHalted;
import org.kap.core.course.CourseEvent.ObligationCreated;
import org.kap.core.course.CourseEvent.ObservationExtended;
import org.kap.core.course.CourseEvent.SessionStopped;
import org.kap.core.course.CourseEvent.VitalTriggerFired;
import org.kap.core.course.CourseEvent.VitalsRecorded;
import org.kap.core.obligation.ObligationKind;
import org.kap.core.rule.RuleId;
import org.kap.core.testing.CourseFixture;
import org.kap.core.testing.Journey;
import org.kap.core.testing.TestProtocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.kap.core.testing.CourseMatchers.*;
import static org.kap.core.units.Units.*;

/** Vitals taken in the session, and the triggers that fire on them (TRIG-SPO2, TRIG-BP-RISE). */
class InSessionVitalsTest {

    private AggregateTestFixture<TreatmentCourse> fixture;
    private Journey journey;
    private Instant dosedAt;

    @BeforeEach
    void setUp() {
        fixture = CourseFixture.with(TestProtocol.v1());
        journey = Journey.underTestProtocol();
    }

    /** Ready, approved and dosed: the session is open, with a pre-dose baseline of 120/80 mmHg, SpO2 98 %. */
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
    void vitals_in_an_open_session_are_recorded_against_it() {
        fixture.givenCommands(inSession())
                .when(minutesAfterDose(10).vitals(126, 82, 97))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(onlyEvent(VitalsRecorded.class, "in session 1",
                        e -> e.sessionNumber() == 1 && e.vitals().measuredAt().equals(dosedAt.plus(minutes(10)))))
                .expectState(course -> assertThat(course.state().openSession().orElseThrow().readings()).hasSize(1));
    }

    @Test
    void vitals_without_an_open_session_are_a_state_conflict_and_record_nothing() {
        List<Object> given = new ArrayList<>(journey.readyForFirstDose());
        given.add(journey.approve(mgPerKg("0.5")));
        fixture.givenCommands(given)
                .when(journey.vitals(126, 82, 97))
                .expectException(CourseStateConflict.class)
                .expectNoEvents();
    }

    @Test
    void one_low_spo2_reading_fires_nothing() {
        fixture.givenCommands(inSession())
                .when(minutesAfterDose(10).vitals(120, 80, 90))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(recorded(VitalsRecorded.class));
    }

    @Test
    void two_low_spo2_readings_five_minutes_apart_raise_respiratory_depression_and_its_rules_act_at_once() {
        List<Object> given = inSession();
        given.add(minutesAfterDose(10).vitals(120, 80, 91));
        fixture.givenCommands(given)
                .when(minutesAfterDose(15).vitals(120, 80, 90))
                .expectResultMessagePayloadMatching(warned("TRIG-SPO2", "AE-SEVERE", "AE-MODERATE", "AE-STOP"))
                .expectEventsMatching(allOf(
                        recorded(VitalsRecorded.class, VitalTriggerFired.class, AdverseEventRecorded.class,
                                CourseHalted.class, ObligationCreated.class,      // AE-SEVERE
                                ObservationExtended.class,                        // AE-MODERATE
                                SessionStopped.class),                            // AE-STOP
                        including(AdverseEventRecorded.class, "respiratory depression grade 3 raised by TRIG-SPO2",
                                e -> e.type() == AdverseEventType.RESPIRATORY_DEPRESSION && e.grade() == 3
                                        && RuleId.of("TRIG-SPO2").equals(e.triggeredBy()) && e.sessionNumber() == 1),
                        including(CourseHalted.class, "by AE-SEVERE for AE-1",
                                e -> e.ruleId().value().equals("AE-SEVERE") && e.adverseEventId().equals("AE-1")),
                        including(ObligationCreated.class, "an adverse event report",
                                e -> e.kind() == ObligationKind.ADVERSE_EVENT_REPORT && e.adverseEventId().equals("AE-1")),
                        including(ObservationExtended.class, "by 60 min",
                                e -> e.ruleId().value().equals("AE-MODERATE") && e.extension().equals(minutes(60))),
                        including(SessionStopped.class, "by AE-STOP", e -> e.ruleId().value().equals("AE-STOP"))))
                .expectState(course -> {
                    assertThat(course.state().haltedBy()).contains(RuleId.of("AE-SEVERE"));
                    assertThat(course.state().openSession().orElseThrow().stoppedBy()).contains(RuleId.of("AE-STOP"));
                    assertThat(course.state().openSession().orElseThrow().hasFired(RuleId.of("TRIG-SPO2"))).isTrue();
                });
    }

    @Test
    void two_low_spo2_readings_only_two_minutes_apart_do_not_fire() {
        List<Object> given = inSession();
        given.add(minutesAfterDose(10).vitals(120, 80, 91));
        fixture.givenCommands(given)
                .when(minutesAfterDose(12).vitals(120, 80, 90))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(recorded(VitalsRecorded.class));
    }

    @Test
    void a_normal_reading_between_two_low_ones_resets_the_count() {
        List<Object> given = inSession();
        given.add(minutesAfterDose(10).vitals(120, 80, 91));
        given.add(minutesAfterDose(13).vitals(120, 80, 96));
        fixture.givenCommands(given)
                .when(minutesAfterDose(16).vitals(120, 80, 90))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(recorded(VitalsRecorded.class));
    }

    @Test
    void the_spo2_trigger_fires_only_once_per_session() {
        List<Object> given = inSession();
        given.add(minutesAfterDose(10).vitals(120, 80, 91));
        given.add(minutesAfterDose(15).vitals(120, 80, 90));   // fired here
        fixture.givenCommands(given)
                .when(minutesAfterDose(20).vitals(120, 80, 89))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(recorded(VitalsRecorded.class))
                .expectState(course -> assertThat(course.state().adverseEvents()).hasSize(1));
    }

    @Test
    void a_systolic_rise_of_40_mmHg_over_baseline_extends_observation_by_30_minutes() {
        fixture.givenCommands(inSession())
                .when(minutesAfterDose(20).vitals(160, 85, 97))
                .expectResultMessagePayloadMatching(warned("TRIG-BP-RISE"))
                .expectEventsMatching(allOf(
                        recorded(VitalsRecorded.class, VitalTriggerFired.class, ObservationExtended.class),
                        including(ObservationExtended.class, "by 30 min for TRIG-BP-RISE",
                                e -> e.ruleId().value().equals("TRIG-BP-RISE") && e.extension().equals(minutes(30)))))
                .expectState(course -> assertThat(course.state().openSession().orElseThrow().extensions())
                        .containsExactly(new SessionRecord.Extension(RuleId.of("TRIG-BP-RISE"), minutes(30))));
    }

    @Test
    void a_systolic_rise_of_39_mmHg_fires_nothing() {
        fixture.givenCommands(inSession())
                .when(minutesAfterDose(20).vitals(159, 85, 97))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(recorded(VitalsRecorded.class))
                .expectState(course -> assertThat(course.state().openSession().orElseThrow().extensions()).isEmpty());
    }
}
