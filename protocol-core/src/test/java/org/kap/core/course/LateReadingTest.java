package org.kap.core.course;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kap.core.adverse.AdverseEventType;
import org.kap.core.course.CourseEvent.AdverseEventRecorded;
import org.kap.core.course.CourseEvent.VitalsRecorded;
import org.kap.core.rule.RuleId;
import org.kap.core.testing.CourseFixture;
import org.kap.core.testing.Journey;
import org.kap.core.testing.TestProtocol;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.kap.core.testing.CourseMatchers.*;
import static org.kap.core.units.Units.*;

/**
 * A reading charted after later acts of its session (from the paper chart, a device synced late) is
 * recorded at the time it was measured, flagged late, and counts from then on: for scheduled checks,
 * for the latest reading at discharge, and for triggers it completes. It is never placed before its
 * session, and acts other than readings stay in the order they happened.
 */
class LateReadingTest {

    private AggregateTestFixture<TreatmentCourse> fixture;
    private Journey journey;
    private Instant dosedAt;

    @BeforeEach
    void setUp() {
        // two hours after the journey's start: the journey's session begins minutes after 09:00
        fixture = CourseFixture.with(ClinicalTimePolicy.withDefaults(Clock.fixed(Journey.START.plus(hours(2)), ZoneOffset.UTC)),
                TestProtocol.v1());
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
    void a_reading_measured_before_later_readings_is_recorded_at_its_measured_time_and_flagged_late() {
        List<Object> given = inSession();
        given.add(minutesAfterDose(15).vitals(124, 80, 98));
        given.add(minutesAfterDose(65).vitals(126, 82, 97));
        fixture.givenCommands(given)
                .when(minutesAfterDose(42).vitals(138, 86, 97))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(onlyEvent(VitalsRecorded.class, "at 42 minutes, late",
                        e -> e.entry().clinicalTime().equals(dosedAt.plus(minutes(42))) && e.entry().late()))
                .expectState(course -> {
                    SessionRecord session = course.state().openSession().orElseThrow();
                    assertThat(session.readings()).hasSize(3);
                    assertThat(session.latestReading().orElseThrow().measuredAt()).as("still the 65-minute reading")
                            .isEqualTo(dosedAt.plus(minutes(65)));
                    assertThat(course.state().latestAct()).as("the course's latest act does not move back")
                            .isEqualTo(dosedAt.plus(minutes(65)));
                });
    }

    @Test
    void a_reading_measured_before_its_session_started_is_refused_and_records_nothing() {
        fixture.givenCommands(inSession())
                .when(journey.at(dosedAt.minus(minutes(1))).vitals(124, 80, 98))
                .expectException(ClinicalTimeException.class)
                .expectNoEvents();
    }

    @Test
    void a_late_low_saturation_completes_the_two_reading_trigger_with_an_earlier_one() {
        List<Object> given = inSession();
        given.add(minutesAfterDose(10).vitals(120, 80, 91));
        given.add(minutesAfterDose(25).vitals(120, 80, 97));
        fixture.givenCommands(given)
                .when(minutesAfterDose(15).vitals(120, 80, 90))
                .expectResultMessagePayloadMatching(warned("TRIG-SPO2", "AE-SEVERE", "AE-MODERATE", "AE-STOP"))
                .expectEventsMatching(allOf(including(VitalsRecorded.class, "the late reading", e -> e.entry().late()),
                        including(AdverseEventRecorded.class, "respiratory depression raised by TRIG-SPO2",
                                e -> e.type() == AdverseEventType.RESPIRATORY_DEPRESSION
                                        && RuleId.of("TRIG-SPO2").equals(e.triggeredBy()))));
    }

    @Test
    void a_late_normal_reading_between_two_low_ones_completes_nothing() {
        List<Object> given = inSession();
        given.add(minutesAfterDose(10).vitals(120, 80, 91));
        given.add(minutesAfterDose(12).vitals(120, 80, 91));
        fixture.givenCommands(given)
                .when(minutesAfterDose(11).vitals(120, 80, 97))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(recorded(VitalsRecorded.class));
    }
}
