package org.kap.core.course;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kap.core.course.CourseCommand.RecordPreparationSession;
import org.kap.core.course.CourseEvent.PreparationSessionRecorded;
import org.kap.core.testing.CourseFixture;
import org.kap.core.testing.Journey;
import org.kap.core.testing.TestProtocol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasProperty;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.kap.core.testing.CourseMatchers.*;
import static org.kap.core.units.Units.*;

/**
 * Clinical time against the server clock: 2 minutes of allowed skew into the future, acts in the
 * order they happened, now when no time is given, and entries flagged late after one hour.
 */
class ClinicalTimeTest {

    private final SettableClock clock = new SettableClock();
    private AggregateTestFixture<TreatmentCourse> fixture;
    private Journey journey;

    @BeforeEach
    void setUp() {
        fixture = CourseFixture.with(ClinicalTimePolicy.withDefaults(clock), TestProtocol.v1());
        journey = Journey.underTestProtocol();
        clock.set(Journey.START.plus(hours(3)));          // screening and consent happened at 09:00-09:03
    }

    @Test
    void a_clinical_time_further_in_the_future_than_the_allowed_skew_is_refused_and_records_nothing() {
        fixture.givenCommands(journey.screen(), journey.consent())
                .when(journey.at(clock.instant().plus(minutes(5))).preparation())
                .expectException(ClinicalTimeException.class)
                .expectNoEvents();
    }

    @Test
    void a_clinical_time_more_than_ten_years_back_is_refused_as_malformed_and_records_nothing() {
        clock.set(Journey.START.plus(Duration.ofDays(3651)));
        fixture.given()
                .when(journey.screen())
                .expectException(allOf(
                        instanceOf(ClinicalTimeException.class),
                        hasProperty("message", containsString("3650 days"))))
                .expectNoEvents();
        ClinicalTimeException refused = assertThrows(ClinicalTimeException.class,
                () -> ClinicalTimePolicy.withDefaults(clock).clinicalTime(Journey.START, null));
        assertThat(refused.kind()).isEqualTo(ClinicalTimeException.Kind.TOO_FAR_BACK);
        assertThat(refused.malformed()).isTrue();
        clock.set(Journey.START.plus(Duration.ofDays(3649)));
        assertThat(ClinicalTimePolicy.withDefaults(clock).clinicalTime(Journey.START, null))
                .as("nine years and a bit back is still an entry").isEqualTo(Journey.START);
    }

    @Test
    void a_clinical_time_within_the_allowed_skew_is_accepted() {
        Instant inOneMinute = clock.instant().plus(minutes(1));
        fixture.givenCommands(journey.screen(), journey.consent())
                .when(journey.at(inOneMinute).preparation())
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(onlyEvent(PreparationSessionRecorded.class, "at the time given",
                        e -> e.entry().clinicalTime().equals(inOneMinute)));
    }

    @Test
    void a_clinical_time_before_the_courses_latest_act_is_refused_and_records_nothing() {
        fixture.givenCommands(journey.screen(), journey.consent(), journey.preparation())   // latest act 09:02
                .when(journey.at(Journey.START.plus(minutes(1))).preparation())
                .expectException(ClinicalTimeException.class)
                .expectNoEvents();
    }

    @Test
    void a_command_without_a_clinical_time_takes_the_clocks_time() {
        fixture.givenCommands(journey.screen(), journey.consent())
                .when(new RecordPreparationSession(Journey.COURSE, Journey.THERAPIST, null))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(onlyEvent(PreparationSessionRecorded.class, "at the clock's time",
                        e -> e.entry().clinicalTime().equals(clock.instant())
                                && e.entry().recordedTime().equals(clock.instant()) && !e.entry().late()));
    }

    @Test
    void an_entry_recorded_more_than_an_hour_after_its_clinical_time_is_late_and_carries_both_times() {
        Instant twoHoursAgo = clock.instant().minus(hours(2));
        fixture.givenCommands(journey.screen(), journey.consent())
                .when(journey.at(twoHoursAgo).preparation())
                .expectEventsMatching(onlyEvent(PreparationSessionRecorded.class, "late, with both times",
                        e -> e.entry().late() && e.entry().clinicalTime().equals(twoHoursAgo)
                                && e.entry().recordedTime().equals(clock.instant())));
    }

    @Test
    void an_entry_recorded_promptly_is_not_late() {
        Instant tenMinutesAgo = clock.instant().minus(minutes(10));
        fixture.givenCommands(journey.screen(), journey.consent())
                .when(journey.at(tenMinutesAgo).preparation())
                .expectEventsMatching(onlyEvent(PreparationSessionRecorded.class, "timely, with both times",
                        e -> !e.entry().late() && e.entry().clinicalTime().equals(tenMinutesAgo)
                                && e.entry().recordedTime().equals(clock.instant())));
    }

    /** A server clock the test sets. */
    private static final class SettableClock extends Clock {
        private Instant now = Instant.EPOCH;

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
