package org.kap.core.examples;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kap.core.course.CourseEvent.ClientDischarged;
import org.kap.core.course.CourseEvent.DoseApprovalRefused;
import org.kap.core.course.CourseEvent.ObligationCreated;
import org.kap.core.course.CourseStatus;
import org.kap.core.course.TreatmentCourse;
import org.kap.core.dosing.Route;
import org.kap.core.protocol.Indication;
import org.kap.core.session.SettingFeature;
import org.kap.core.testing.CourseFixture;
import org.kap.core.testing.Journey;
import org.kap.core.units.Milligrams;
import org.kap.core.vitals.VitalSigns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kap.core.testing.CourseMatchers.*;
import static org.kap.core.units.Units.*;

/** A full course under the Spravato protocol: screening to the third session of induction. */
class SpravatoCourseTest {

    private static final Set<SettingFeature> REMS_SETTING = Set.of(SettingFeature.CERTIFIED_SETTING,
            SettingFeature.PATIENT_ENROLLED, SettingFeature.PRESCRIBER_ON_SITE, SettingFeature.PULSE_OXIMETER);

    private AggregateTestFixture<TreatmentCourse> fixture;
    private Journey journey;
    private int forms;

    @BeforeEach
    void setUp() {
        fixture = CourseFixture.with(SpravatoProtocol.v1());
        journey = new Journey(SpravatoProtocol.v1().ref());
    }

    /** One esketamine session: 2 or 3 devices, BP at 40 min, 2 h monitoring, the REMS form the next day. */
    private List<Object> session(int doseMg) {
        List<Object> commands = new ArrayList<>();
        commands.add(journey.approve(Route.INTRANASAL, mg(doseMg)));
        commands.add(journey.start(REMS_SETTING, VitalSigns.at(journey.now().minusSeconds(600)).bp(132, 84).heartRate(70).spo2(98).build()));
        journey.after(minutes(39));
        commands.add(journey.vitals(148, 92, 97));
        journey.after(minutes(85));
        commands.add(journey.vitals(134, 86, 98));
        commands.add(journey.discharge());
        journey.after(days(1));
        commands.add(journey.fulfil("OBLIGATION-" + (++forms)));
        return commands;
    }

    private List<Object> screenedAndConsented() {
        return new ArrayList<>(List.of(journey.screen(Journey.adult(), Indication.TREATMENT_RESISTANT_DEPRESSION), journey.consent()));
    }

    @Test
    void three_induction_sessions_twice_weekly_from_screening() {
        List<Object> given = screenedAndConsented();
        given.addAll(session(56));                                    // Monday 2 March
        journey.at(Instant.parse("2026-03-05T09:00:00Z"));
        given.addAll(session(84));                                    // Thursday 5 March
        journey.at(Instant.parse("2026-03-09T09:00:00Z"));
        List<Object> third = session(84);                             // Monday 9 March, week 2
        given.addAll(third.subList(0, third.size() - 2));
        fixture.givenCommands(given)
                .when(third.get(third.size() - 2))                    // discharge from the third session
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(recorded(ClientDischarged.class, ObligationCreated.class))
                .expectState(course -> {
                    var state = course.state();
                    assertThat(state.sessionsCompleted()).isEqualTo(3);
                    assertThat(state.sessions()).extracting(s -> s.total()).containsExactly(mg(56), mg(84), mg(84));
                    assertThat(state.status()).isEqualTo(CourseStatus.ACTIVE);
                    assertThat(state.obligations()).hasSize(3).filteredOn(o -> o.open()).hasSize(1);
                });
    }

    @Test
    void the_first_dose_must_be_56_mg() {
        fixture.givenCommands(screenedAndConsented())
                .when(journey.approve(Route.INTRANASAL, mg(84)))
                .expectResultMessagePayloadMatching(refused("DOSE-IN-FIRST"))
                .expectEventsMatching(refusal(DoseApprovalRefused.class, "DOSE-IN-FIRST"));
    }

    @Test
    void a_third_session_in_one_induction_week_is_refused() {
        List<Object> given = screenedAndConsented();
        given.addAll(session(56));                                    // Monday
        journey.at(Instant.parse("2026-03-04T12:00:00Z"));
        given.addAll(session(56));                                    // Wednesday
        journey.at(Instant.parse("2026-03-07T09:00:00Z"));            // Saturday, same calendar week
        fixture.givenCommands(given)
                .when(journey.approve(Route.INTRANASAL, mg(56)))
                .expectResultMessagePayloadMatching(refused("PHASE-INDUCTION"));
    }

    @Test
    void an_esketamine_session_starts_only_in_a_certified_setting_with_the_patient_enrolled() {
        List<Object> given = screenedAndConsented();
        given.add(journey.approve(Route.INTRANASAL, mg(56)));
        fixture.givenCommands(given)
                .when(journey.start(Set.of(SettingFeature.PULSE_OXIMETER),
                        VitalSigns.at(journey.now().minusSeconds(300)).bp(120, 80).build()))
                .expectResultMessagePayloadMatching(refused("SETTING-CERTIFIED", "SETTING-ENROLLED", "SETTING-PRESCRIBER"));
    }

    @Test
    void the_course_stays_pinned_to_its_protocol_version() {
        fixture.givenCommands(screenedAndConsented())
                .when(journey.approve(Route.INTRANASAL, mg(56)))
                .expectState(course -> assertThat(course.state().protocol()).isEqualTo(SpravatoProtocol.v1().ref()))
                .expectState(course -> assertThat(course.state().pendingApproval().orElseThrow().amount())
                        .isEqualTo(Milligrams.of(56)));
    }
}
