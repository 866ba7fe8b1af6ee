package org.kap.core.course;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kap.core.course.CourseEvent.ConsentRecorded;
import org.kap.core.course.CourseEvent.OverrideRefused;
import org.kap.core.course.CourseEvent.RuleOverridden;
import org.kap.core.course.CourseEvent.SessionStartRefused;
import org.kap.core.course.CourseEvent.SessionStarted;
import org.kap.core.outcome.Instrument;
import org.kap.core.rule.Finding;
import org.kap.core.rule.RuleId;
import org.kap.core.screening.ClientProfile;
import org.kap.core.session.SettingFeature;
import org.kap.core.testing.CourseFixture;
import org.kap.core.testing.Journey;
import org.kap.core.testing.TestProtocol;
import org.kap.core.vitals.VitalSigns;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kap.core.testing.CourseMatchers.*;
import static org.kap.core.units.Units.*;

class OverrideTest {

    private static final RuleId PREDOSE_SBP = RuleId.of("PREDOSE-SBP");

    private AggregateTestFixture<TreatmentCourse> fixture;
    private Journey journey;

    @BeforeEach
    void setUp() {
        fixture = CourseFixture.with(TestProtocol.v1());
        journey = Journey.underTestProtocol();
    }

    private static ClientProfile hypertensive() {
        return new ClientProfile(35, kg(70), Set.of("major_depressive_disorder"), Set.of(), Set.of(), Set.of(), List.of(),
                false, false, VitalSigns.at(Journey.START.minusSeconds(3600)).bp(165, 95).heartRate(70).spo2(98).build(),
                Map.of(Instrument.PHQ9, 20));
    }

    private static ClientProfile psychotic() {
        return Journey.profile(35, kg(70), Set.of("schizophrenia"), Set.of(), Set.of(), List.of(), false, Map.of());
    }

    /** A session start with an oximeter and a systolic of 150 mmHg taken five minutes before. */
    private static CourseCommand.StartSession startWithSystolic150(Journey journey) {
        return journey.start(Set.of(SettingFeature.PULSE_OXIMETER),
                VitalSigns.at(journey.now().minusSeconds(300)).bp(150, 80).heartRate(72).spo2(98).build());
    }

    // ---- screening exclusions ---------------------------------------------------------------------

    @Test
    void a_prescriber_override_of_a_relative_screening_exclusion_makes_the_client_eligible() {
        fixture.givenCommands(journey.screen(hypertensive()))
                .when(journey.override("CI-HTN"))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(onlyEvent(RuleOverridden.class, "of CI-HTN with the justification",
                        e -> e.ruleId().value().equals("CI-HTN") && !e.justification().isBlank()
                                && e.entry().actor().equals(Journey.PRESCRIBER)))
                .expectState(course -> {
                    assertThat(course.state().status()).isEqualTo(CourseStatus.SCREENED);
                    assertThat(course.state().eligible()).isTrue();
                    assertThat(course.state().openExclusions()).isEmpty();
                    assertThat(course.state().screeningFindings()).extracting(f -> f.ruleId().value())
                            .containsExactly("CI-HTN");
                });
    }

    @Test
    void after_the_override_the_client_may_consent() {
        fixture.givenCommands(journey.screen(hypertensive()), journey.override("CI-HTN"))
                .when(journey.consent())
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(recorded(ConsentRecorded.class))
                .expectState(course -> assertThat(course.state().status()).isEqualTo(CourseStatus.ACTIVE));
    }

    @Test
    void an_absolute_rule_cannot_be_overridden_and_the_attempt_is_recorded() {
        fixture.givenCommands(journey.screen(psychotic()))
                .when(journey.override("CI-PSYCHOSIS"))
                .expectResultMessagePayloadMatching(refused("CI-PSYCHOSIS"))
                .expectEventsMatching(refusal(OverrideRefused.class, "CI-PSYCHOSIS"))
                .expectEventsMatching(onlyEvent(OverrideRefused.class, "saying the rule is absolute",
                        e -> e.ruleId().value().equals("CI-PSYCHOSIS") && e.findings().get(0).toString()
                                .equals("CI-PSYCHOSIS: override by prescriber not allowed absolute rule")))
                .expectState(course -> assertThat(course.state().status()).isEqualTo(CourseStatus.INELIGIBLE));
    }

    @Test
    void a_relative_rule_overridden_by_a_role_the_protocol_does_not_name_is_refused() {
        fixture.givenCommands(journey.screen(hypertensive()))
                .when(journey.override("CI-HTN", Journey.CLINICIAN))
                .expectResultMessagePayloadMatching(refused("CI-HTN"))
                .expectEventsMatching(refusal(OverrideRefused.class, "CI-HTN"))
                .expectEventsMatching(onlyEvent(OverrideRefused.class, "naming the role that may",
                        e -> e.findings().get(0).toString()
                                .equals("CI-HTN: override by clinician not allowed override by prescriber only")))
                .expectState(course -> {
                    assertThat(course.state().status()).isEqualTo(CourseStatus.INELIGIBLE);
                    assertThat(course.state().pendingOverrides()).isEmpty();
                });
    }

    @Test
    void a_warning_rule_cannot_be_overridden_either() {
        fixture.givenCommands(journey.screen())
                .when(journey.override("WARN-LAMOTRIGINE"))
                .expectResultMessagePayloadMatching(refused("WARN-LAMOTRIGINE"))
                .expectEventsMatching(refusal(OverrideRefused.class, "WARN-LAMOTRIGINE"));
    }

    @Test
    void an_override_of_a_rule_the_protocol_does_not_have_is_malformed_and_records_nothing() {
        fixture.givenCommands(journey.screen(hypertensive()))
                .when(journey.override("CI-UNKNOWN"))
                .expectException(InvalidCommandException.class)
                .expectNoEvents();
    }

    // ---- pre-dose rules -----------------------------------------------------------------------------

    @Test
    void an_override_of_the_pre_dose_systolic_rule_lets_a_session_start_with_a_systolic_of_150() {
        List<Object> given = new ArrayList<>(journey.readyForFirstDose());
        given.add(journey.approve(mgPerKg("0.5")));
        given.add(journey.override("PREDOSE-SBP"));
        fixture.givenCommands(given)
                .when(startWithSystolic150(journey))
                .expectResultMessagePayloadMatching(warned("PREDOSE-SBP"))
                .expectEventsMatching(onlyEvent(SessionStarted.class, "with PREDOSE-SBP overridden",
                        e -> e.sessionNumber() == 1 && e.findings().size() == 1
                                && e.findings().get(0).ruleId().equals(PREDOSE_SBP)
                                && e.findings().get(0).severity() == Finding.Severity.OVERRIDDEN))
                .expectState(course -> {
                    assertThat(course.state().status()).isEqualTo(CourseStatus.IN_SESSION);
                    assertThat(course.state().hasPendingOverride(PREDOSE_SBP)).isFalse();
                });
    }

    @Test
    void a_pre_dose_override_is_pending_until_it_is_used() {
        List<Object> given = new ArrayList<>(journey.readyForFirstDose());
        given.add(journey.approve(mgPerKg("0.5")));
        fixture.givenCommands(given)
                .when(journey.override("PREDOSE-SBP"))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(recorded(RuleOverridden.class))
                .expectState(course -> assertThat(course.state().pendingOverrides()).containsExactly(PREDOSE_SBP));
    }

    @Test
    void a_pre_dose_override_is_used_up_by_the_session_it_unlocked() {
        List<Object> given = new ArrayList<>(journey.readyForFirstDose());
        given.add(journey.approve(mgPerKg("0.5")));
        given.add(journey.override("PREDOSE-SBP"));
        given.add(startWithSystolic150(journey));        // session 1, Monday 2 March
        journey.after(minutes(38));
        given.add(journey.vitals(128, 84, 97));
        journey.after(minutes(90));
        given.add(journey.discharge());
        journey.after(days(1));
        given.add(journey.integrate());
        given.add(journey.fulfil("OBLIGATION-1"));
        journey.after(days(2));                          // session 2, Thursday: interval and weekly count allow it
        given.add(journey.approve(mgPerKg("0.5")));
        fixture.givenCommands(given)
                .when(startWithSystolic150(journey))
                .expectResultMessagePayloadMatching(refused("PREDOSE-SBP"))
                .expectEventsMatching(refusal(SessionStartRefused.class, "PREDOSE-SBP"))
                .expectState(course -> assertThat(course.state().sessions()).hasSize(1));
    }

    @Test
    void an_override_is_not_used_up_by_a_start_that_another_rule_refused() {
        List<Object> given = new ArrayList<>(journey.readyForFirstDose());
        given.add(journey.approve(mgPerKg("0.5")));
        given.add(journey.override("PREDOSE-SBP"));
        given.add(journey.start(Set.of(), VitalSigns.at(journey.now().minusSeconds(300)).bp(150, 80).heartRate(72)
                .spo2(98).build()));                     // refused: no pulse oximeter
        fixture.givenCommands(given)
                .when(startWithSystolic150(journey))
                .expectResultMessagePayloadMatching(warned("PREDOSE-SBP"))
                .expectEventsMatching(recorded(SessionStarted.class));
    }
}
