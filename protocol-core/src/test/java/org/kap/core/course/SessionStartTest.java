package org.kap.core.course;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kap.core.adverse.AdverseEventType;
import org.kap.core.adverse.Seriousness;
import org.kap.core.course.CourseEvent.SessionStartRefused;
import org.kap.core.course.CourseEvent.SessionStarted;
import org.kap.core.dosing.Route;
import org.kap.core.session.SettingFeature;
import org.kap.core.testing.CourseFixture;
import org.kap.core.testing.Journey;
import org.kap.core.testing.TestProtocol;
import org.kap.core.units.Units;
import org.kap.core.vitals.VitalSigns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kap.core.testing.CourseMatchers.*;
import static org.kap.core.units.Units.*;

class SessionStartTest {

    private static final Set<SettingFeature> OXIMETER = Set.of(SettingFeature.PULSE_OXIMETER);

    private AggregateTestFixture<TreatmentCourse> fixture;
    private Journey journey;

    @BeforeEach
    void setUp() {
        fixture = CourseFixture.with(TestProtocol.v1());
        journey = Journey.underTestProtocol();
    }

    /** Ready for the first dose, with 0.5 mg/kg IM approved. */
    private List<Object> approved() {
        List<Object> given = new ArrayList<>(journey.readyForFirstDose());
        given.add(journey.approve(mgPerKg("0.5")));
        return given;
    }

    /** Normal pre-dose vitals taken this long before the cursor. */
    private VitalSigns normalVitalsTaken(Duration ago) {
        return VitalSigns.at(journey.now().minus(ago)).bp(120, 80).heartRate(72).spo2(98).build();
    }

    @Test
    void an_approved_dose_with_every_precondition_met_starts_session_1() {
        fixture.givenCommands(approved())
                .when(journey.start())
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(onlyEvent(SessionStarted.class, "number 1 of the approved 35 mg",
                        e -> e.sessionNumber() == 1 && e.approvalId().equals("APPROVAL-1") && e.route() == Route.IM
                                && e.amount().equals(mg(35)) && e.findings().isEmpty()))
                .expectState(course -> {
                    assertThat(course.state().status()).isEqualTo(CourseStatus.IN_SESSION);
                    assertThat(course.state().pendingApproval()).isEmpty();
                    assertThat(course.state().sessions()).hasSize(1);
                });
    }

    @Test
    void a_start_without_a_pulse_oximeter_is_refused_and_recorded() {
        fixture.givenCommands(approved())
                .when(journey.start(Set.of(SettingFeature.BLOOD_PRESSURE_MONITOR), normalVitalsTaken(minutes(5))))
                .expectResultMessagePayloadMatching(refused("SETTING-OXIMETER"))
                .expectEventsMatching(refusal(SessionStartRefused.class, "SETTING-OXIMETER"))
                .expectEventsMatching(onlyEvent(SessionStartRefused.class, "of the pending approval",
                        e -> e.approvalId().equals("APPROVAL-1")))
                .expectState(course -> {
                    assertThat(course.state().status()).isEqualTo(CourseStatus.ACTIVE);
                    assertThat(course.state().sessions()).isEmpty();
                    assertThat(course.state().pendingApproval()).isPresent();
                });
    }

    @Test
    void a_pre_dose_systolic_of_150_is_refused_with_the_value_seen() {
        fixture.givenCommands(approved())
                .when(journey.start(OXIMETER, VitalSigns.at(journey.now().minusSeconds(300)).bp(150, 80).heartRate(72)
                        .spo2(98).build()))
                .expectResultMessagePayloadMatching(refused("PREDOSE-SBP"))
                .expectEventsMatching(refusal(SessionStartRefused.class, "PREDOSE-SBP"))
                .expectEventsMatching(onlyEvent(SessionStartRefused.class, "with the systolic seen",
                        e -> e.findings().get(0).toString().equals("PREDOSE-SBP: systolic 150 mmHg >= 140 mmHg")));
    }

    @Test
    void a_start_without_pre_dose_vitals_is_refused_by_every_pre_dose_rule() {
        fixture.givenCommands(approved())
                .when(journey.start(OXIMETER, null))
                .expectResultMessagePayloadMatching(refused("PREDOSE-SBP", "PREDOSE-DBP", "PREDOSE-RECENT"))
                .expectEventsMatching(refusal(SessionStartRefused.class, "PREDOSE-SBP", "PREDOSE-DBP", "PREDOSE-RECENT"));
    }

    @Test
    void pre_dose_vitals_taken_45_minutes_before_are_too_old() {
        fixture.givenCommands(approved())
                .when(journey.start(OXIMETER, normalVitalsTaken(minutes(45))))
                .expectResultMessagePayloadMatching(refused("PREDOSE-RECENT"))
                .expectEventsMatching(refusal(SessionStartRefused.class, "PREDOSE-RECENT"));
    }

    @Test
    void pre_dose_vitals_taken_exactly_30_minutes_before_are_recent_enough() {
        fixture.givenCommands(approved())
                .when(journey.start(OXIMETER, normalVitalsTaken(minutes(30))))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(recorded(SessionStarted.class));
    }

    @Test
    void an_approval_older_than_24_hours_must_be_renewed() {
        List<Object> given = approved();
        journey.after(hours(25));
        fixture.givenCommands(given)
                .when(journey.start())
                .expectResultMessagePayloadMatching(refused("APPROVAL-VALID"))
                .expectEventsMatching(refusal(SessionStartRefused.class, "APPROVAL-VALID"))
                .expectState(course -> assertThat(course.state().pendingApproval()).isPresent());
    }

    @Test
    void a_first_session_after_a_single_preparation_session_is_refused() {
        fixture.givenCommands(journey.screen(), journey.consent(), journey.preparation(), journey.approve(mgPerKg("0.5")))
                .when(journey.start())
                .expectResultMessagePayloadMatching(refused("PREP-2"))
                .expectEventsMatching(refusal(SessionStartRefused.class, "PREP-2"))
                .expectEventsMatching(onlyEvent(SessionStartRefused.class, "with the count",
                        e -> e.findings().get(0).toString().equals("PREP-2: 1 preparation sessions < 2 preparation sessions")));
    }

    @Test
    void a_session_cannot_start_before_the_previous_sessions_integration() {
        List<Object> given = approved();
        given.add(journey.start());
        journey.after(minutes(38));
        given.add(journey.vitals(128, 84, 97));
        journey.after(minutes(90));
        given.add(journey.discharge());
        journey.after(days(2));                      // interval met; session 1 still awaits integration
        given.add(journey.approve(mgPerKg("0.5")));
        fixture.givenCommands(given)
                .when(journey.start())
                .expectResultMessagePayloadMatching(refused("INTEGRATION-BEFORE-NEXT"))
                .expectEventsMatching(refusal(SessionStartRefused.class, "INTEGRATION-BEFORE-NEXT"))
                .expectState(course -> assertThat(course.state().status()).isEqualTo(CourseStatus.AWAITING_INTEGRATION));
    }

    @Test
    void an_open_serious_adverse_event_blocks_the_start_and_the_course_it_halted_does_too() {
        List<Object> given = approved();
        given.add(journey.adverseEvent(AdverseEventType.CHEST_PAIN, 1, Seriousness.HOSPITALISATION));
        fixture.givenCommands(given)
                .when(journey.start())
                .expectResultMessagePayloadMatching(refused("ENGINE-OPEN-SERIOUS-AE", "AE-SEVERE"))
                .expectEventsMatching(refusal(SessionStartRefused.class, "ENGINE-OPEN-SERIOUS-AE", "AE-SEVERE"))
                .expectEventsMatching(onlyEvent(SessionStartRefused.class, "naming the event and the halt",
                        e -> e.findings().stream().map(Object::toString).toList().equals(List.of(
                                "ENGINE-OPEN-SERIOUS-AE: AE-1 chest_pain grade 1 open blocks dosing",
                                "AE-SEVERE: course halted by AE-SEVERE until a prescriber's review"))));
    }

    @Test
    void once_the_serious_adverse_event_is_resolved_the_halt_alone_still_blocks_the_start() {
        List<Object> given = approved();
        given.add(journey.adverseEvent(AdverseEventType.CHEST_PAIN, 1, Seriousness.HOSPITALISATION));
        given.add(journey.resolve("AE-1"));
        fixture.givenCommands(given)
                .when(journey.start())
                .expectResultMessagePayloadMatching(refused("AE-SEVERE"))
                .expectEventsMatching(refusal(SessionStartRefused.class, "AE-SEVERE"));
    }

    @Test
    void every_rule_that_fires_is_recorded_in_one_refusal() {
        fixture.givenCommands(journey.screen(), journey.consent(), journey.approve(mgPerKg("0.5")))
                .when(journey.start(Set.of(), VitalSigns.at(journey.now().minus(Units.minutes(45))).bp(150, 95)
                        .heartRate(72).spo2(98).build()))
                .expectResultMessagePayloadMatching(refused("SETTING-OXIMETER", "PREDOSE-SBP", "PREDOSE-DBP",
                        "PREDOSE-RECENT", "PREP-2"))
                .expectEventsMatching(refusal(SessionStartRefused.class, "SETTING-OXIMETER", "PREDOSE-SBP", "PREDOSE-DBP",
                        "PREDOSE-RECENT", "PREP-2"));
    }

    @Test
    void a_start_with_no_approved_dose_is_refused_and_the_attempt_recorded() {
        fixture.givenCommands(journey.readyForFirstDose())
                .when(journey.start())
                .expectResultMessagePayloadMatching(refused("ENGINE-NO-APPROVAL"))
                .expectEventsMatching(refusal(SessionStartRefused.class, "ENGINE-NO-APPROVAL"));
    }

    @Test
    void a_start_while_a_session_is_open_is_refused_and_the_attempt_recorded() {
        List<Object> given = approved();
        given.add(journey.start());
        fixture.givenCommands(given)
                .when(journey.start())
                .expectResultMessagePayloadMatching(refused("ENGINE-SESSION-OPEN"))
                .expectEventsMatching(refusal(SessionStartRefused.class, "ENGINE-SESSION-OPEN"));
    }
}
