package org.kap.core.course;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kap.core.course.CourseEvent.IntegrationCompleted;
import org.kap.core.rule.Finding;
import org.kap.core.testing.CourseFixture;
import org.kap.core.testing.Journey;
import org.kap.core.testing.TestProtocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kap.core.testing.CourseMatchers.*;
import static org.kap.core.units.Units.*;

/** Integration after an IM session: 1 to 3 days after discharge (INTEGRATION-IM), never refused. */
class IntegrationTest {

    private AggregateTestFixture<TreatmentCourse> fixture;
    private Journey journey;
    private Instant dischargedAt;

    @BeforeEach
    void setUp() {
        fixture = CourseFixture.with(TestProtocol.v1());
        journey = Journey.underTestProtocol();
    }

    /** One IM session, dosed, checked at 39 min and discharged at 130 min. */
    private List<Object> discharged() {
        List<Object> given = new ArrayList<>(journey.readyForFirstDose());
        given.add(journey.approve(mgPerKg("0.5")));
        Instant dosedAt = journey.now();
        given.add(journey.start());
        given.add(journey.at(dosedAt.plus(minutes(39))).vitals(128, 84, 97));
        dischargedAt = dosedAt.plus(minutes(130));
        given.add(journey.at(dischargedAt).discharge());
        return given;
    }

    @Test
    void integration_one_day_after_an_im_discharge_is_within_the_window() {
        fixture.givenCommands(discharged())
                .when(journey.at(dischargedAt.plus(days(1))).integrate())
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(onlyEvent(IntegrationCompleted.class, "within the window for session 1",
                        e -> e.withinWindow() && e.sessionNumber() == 1 && e.findings().isEmpty()))
                .expectState(course -> {
                    assertThat(course.state().status()).isEqualTo(CourseStatus.ACTIVE);
                    assertThat(course.state().lastSession().orElseThrow().integrationWithinWindow()).isTrue();
                });
    }

    @Test
    void integration_four_days_after_is_recorded_as_outside_the_window_with_a_warning_never_refused() {
        fixture.givenCommands(discharged())
                .when(journey.at(dischargedAt.plus(days(4))).integrate())
                .expectResultMessagePayloadMatching(warned("INTEGRATION-IM"))
                .expectEventsMatching(onlyEvent(IntegrationCompleted.class, "outside the window, with a warning",
                        e -> !e.withinWindow() && e.findings().size() == 1
                                && e.findings().get(0).ruleId().value().equals("INTEGRATION-IM")
                                && e.findings().get(0).severity() == Finding.Severity.WARNING))
                .expectState(course -> {
                    assertThat(course.state().status()).isEqualTo(CourseStatus.ACTIVE);
                    assertThat(course.state().lastSession().orElseThrow().integrationWithinWindow()).isFalse();
                });
    }

    @Test
    void integration_twelve_hours_after_is_too_early_and_recorded_as_outside_the_window() {
        fixture.givenCommands(discharged())
                .when(journey.at(dischargedAt.plus(hours(12))).integrate())
                .expectResultMessagePayloadMatching(warned("INTEGRATION-IM"))
                .expectEventsMatching(onlyEvent(IntegrationCompleted.class, "outside the window",
                        e -> !e.withinWindow()
                                && e.findings().stream().noneMatch(Finding::refuses)));
    }

    @Test
    void integration_without_a_discharged_session_awaiting_it_is_a_state_conflict() {
        fixture.givenCommands(journey.readyForFirstDose())
                .when(journey.integrate())
                .expectException(CourseStateConflict.class)
                .expectNoEvents();
    }

    @Test
    void a_session_is_integrated_only_once() {
        List<Object> given = discharged();
        given.add(journey.at(dischargedAt.plus(days(1))).integrate());
        fixture.givenCommands(given)
                .when(journey.integrate())
                .expectException(CourseStateConflict.class)
                .expectNoEvents();
    }

    @Test
    void integration_while_the_session_is_still_open_is_a_state_conflict() {
        List<Object> given = new ArrayList<>(journey.readyForFirstDose());
        given.add(journey.approve(mgPerKg("0.5")));
        given.add(journey.start());
        fixture.givenCommands(given)
                .when(journey.integrate())
                .expectException(CourseStateConflict.class)
                .expectNoEvents();
    }
}
