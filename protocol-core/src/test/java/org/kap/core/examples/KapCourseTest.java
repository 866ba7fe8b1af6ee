package org.kap.core.examples;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kap.core.course.CourseEvent.IntegrationCompleted;
import org.kap.core.course.CourseEvent.SessionStartRefused;
import org.kap.core.course.CourseStatus;
import org.kap.core.course.TreatmentCourse;
import org.kap.core.dosing.Route;
import org.kap.core.outcome.Instrument;
import org.kap.core.session.SettingFeature;
import org.kap.core.testing.CourseFixture;
import org.kap.core.testing.Journey;
import org.kap.core.units.Dose;
import org.kap.core.vitals.VitalSigns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kap.core.testing.CourseMatchers.*;
import static org.kap.core.units.Units.*;

/**
 * A full KAP course: three preparation sessions, two sublingual sessions and an intramuscular one
 * with a booster, each followed by integration within its route's window.
 */
class KapCourseTest {

    private static final Set<SettingFeature> OFFICE = Set.of(SettingFeature.CHAPERONE_PRESENT,
            SettingFeature.BLOOD_PRESSURE_MONITOR, SettingFeature.PULSE_OXIMETER);

    private AggregateTestFixture<TreatmentCourse> fixture;
    private Journey journey;

    @BeforeEach
    void setUp() {
        fixture = CourseFixture.with(KapSublingualImProtocol.v1());
        journey = new Journey(KapSublingualImProtocol.v1().ref());
    }

    private List<Object> prepared() {
        return new ArrayList<>(List.of(journey.screen(), journey.consent(), journey.preparation(), journey.preparation(),
                journey.preparation(), journey.outcome(Instrument.PHQ9, 19)));
    }

    private Object start() {
        return journey.start(OFFICE, VitalSigns.at(journey.now().minusSeconds(300)).bp(124, 78).heartRate(70).spo2(98).build());
    }

    /** Dose, 2.5 h of observation with a final reading, discharge, integration {@code integrationAfterDays} later. */
    private List<Object> session(Route route, Dose dose, long integrationAfterDays) {
        List<Object> commands = new ArrayList<>();
        commands.add(journey.approve(route, dose));
        commands.add(start());
        journey.after(minutes(150));
        commands.add(journey.vitals(130, 80, 98));
        commands.add(journey.discharge(Map.of(Instrument.MOAAS, 5), true, org.kap.core.observation.Transport.DRIVEN_BY_ESCORT));
        journey.after(days(integrationAfterDays));
        commands.add(journey.integrate());
        return commands;
    }

    @Test
    void from_screening_to_the_third_session_across_routes() {
        List<Object> given = prepared();
        given.addAll(session(Route.SUBLINGUAL, mg(100), 2));          // Monday 2 March
        journey.at(Instant.parse("2026-03-06T09:00:00Z"));
        given.addAll(session(Route.SUBLINGUAL, mg(200), 4));          // Friday; SL integration window is 1-7 days
        journey.at(Instant.parse("2026-03-13T09:00:00Z"));
        given.add(journey.approve(Route.IM, mgPerKg("0.5")));         // first IM dose: the IM start dose applies
        given.add(start());
        journey.after(minutes(20));
        given.add(journey.approveBooster(mgPerKg("0.25")));           // 0.75 mg/kg in the session, under 1.5
        given.add(journey.giveBooster());
        journey.after(minutes(150));
        given.add(journey.vitals(128, 82, 98));
        given.add(journey.discharge(Map.of(Instrument.MOAAS, 5), true, org.kap.core.observation.Transport.TAXI));
        journey.after(days(1));
        fixture.givenCommands(given)
                .when(journey.integrate())
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(onlyEvent(IntegrationCompleted.class, "within the IM window", IntegrationCompleted::withinWindow))
                .expectState(course -> {
                    var state = course.state();
                    assertThat(state.sessionsCompleted()).isEqualTo(3);
                    assertThat(state.sessions()).extracting(s -> s.route())
                            .containsExactly(Route.SUBLINGUAL, Route.SUBLINGUAL, Route.IM);
                    assertThat(state.sessions().get(2).total()).isEqualTo(mg("52.5"));
                    assertThat(state.status()).isEqualTo(CourseStatus.ACTIVE);
                });
    }

    @Test
    void the_first_dose_waits_for_three_preparation_sessions() {
        List<Object> given = new ArrayList<>(List.of(journey.screen(), journey.consent(), journey.preparation(),
                journey.preparation(), journey.approve(Route.SUBLINGUAL, mg(100))));
        fixture.givenCommands(given)
                .when(start())
                .expectResultMessagePayloadMatching(refused("PREP-3"))
                .expectEventsMatching(refusal(SessionStartRefused.class, "PREP-3"));
    }

    @Test
    void the_next_dose_waits_for_integration() {
        List<Object> given = prepared();
        List<Object> first = session(Route.SUBLINGUAL, mg(100), 2);
        given.addAll(first.subList(0, first.size() - 1));             // no integration
        journey.at(Instant.parse("2026-03-06T09:00:00Z"));
        given.add(journey.approve(Route.SUBLINGUAL, mg(200)));
        fixture.givenCommands(given)
                .when(start())
                .expectResultMessagePayloadMatching(refused("INTEGRATION-BEFORE-NEXT"));
    }

    @Test
    void a_sublingual_step_of_more_than_one_tablet_is_refused() {
        List<Object> given = prepared();
        given.addAll(session(Route.SUBLINGUAL, mg(100), 2));
        journey.at(Instant.parse("2026-03-06T09:00:00Z"));
        fixture.givenCommands(given)
                .when(journey.approve(Route.SUBLINGUAL, mg(300)))
                .expectResultMessagePayloadMatching(refused("DOSE-SL-STEP"));
    }
}
