package org.kap.core.course;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kap.core.adverse.AdverseEventType;
import org.kap.core.course.CourseEvent.ClientDischarged;
import org.kap.core.course.CourseEvent.DischargeRefused;
import org.kap.core.course.CourseEvent.ObligationCreated;
import org.kap.core.obligation.ObligationKind;
import org.kap.core.observation.Transport;
import org.kap.core.outcome.Instrument;
import org.kap.core.screening.ClientProfile;
import org.kap.core.session.SettingFeature;
import org.kap.core.testing.CourseFixture;
import org.kap.core.testing.Journey;
import org.kap.core.testing.TestProtocol;
import org.kap.core.vitals.VitalSigns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.allOf;
import static org.kap.core.testing.CourseMatchers.*;
import static org.kap.core.units.Units.*;

/**
 * Discharge under TestProtocol: 120 min after the last device (OBS-MIN) plus extensions, blood
 * pressure at 40 +/- 10 min after the dose (OBS-BP-40), the discharge criteria, and no open adverse event.
 */
class DischargeTest {

    private static final Map<Instrument, Integer> ALERT = Map.of(Instrument.MOAAS, 5, Instrument.PADSS, 10);

    private AggregateTestFixture<TreatmentCourse> fixture;
    private Journey journey;
    private Instant dosedAt;

    @BeforeEach
    void setUp() {
        fixture = CourseFixture.with(TestProtocol.v1());
        journey = Journey.underTestProtocol();
    }

    /** Dosed with a pre-dose baseline of 120/80 mmHg. */
    private List<Object> dosed() {
        List<Object> given = new ArrayList<>(journey.readyForFirstDose());
        given.add(journey.approve(mgPerKg("0.5")));
        dosedAt = journey.now();
        given.add(journey.start());
        return given;
    }

    /** Dosed, with the blood pressure check taken at 39 min. */
    private List<Object> dosedAndChecked() {
        List<Object> given = dosed();
        given.add(minutesAfterDose(39).vitals(128, 84, 97));
        return given;
    }

    private Journey minutesAfterDose(long m) {
        return journey.at(dosedAt.plus(minutes(m)));
    }

    @Test
    void a_client_who_meets_every_criterion_is_discharged_and_the_monitoring_form_falls_due_7_days_later() {
        List<Object> given = dosedAndChecked();
        Instant dischargeAt = dosedAt.plus(minutes(130));
        fixture.givenCommands(given)
                .when(minutesAfterDose(130).discharge())
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(allOf(
                        recorded(ClientDischarged.class, ObligationCreated.class),
                        including(ClientDischarged.class, "after 130 min observed",
                                e -> e.sessionNumber() == 1 && e.observed().equals(minutes(130))),
                        including(ObligationCreated.class, "OBL-FORM due 7 days later",
                                e -> e.ruleId().value().equals("OBL-FORM") && e.kind() == ObligationKind.MONITORING_FORM
                                        && e.due().equals(dischargeAt.plus(days(7))) && e.blocksDosingWhenOverdue()
                                        && Integer.valueOf(1).equals(e.sessionNumber()))))
                .expectState(course -> {
                    assertThat(course.state().status()).isEqualTo(CourseStatus.AWAITING_INTEGRATION);
                    assertThat(course.state().lastSession().orElseThrow().dischargedAt()).contains(dischargeAt);
                });
    }

    @Test
    void discharge_before_120_minutes_is_refused_by_the_minimum_observation() {
        fixture.givenCommands(dosedAndChecked())
                .when(minutesAfterDose(110).discharge())
                .expectResultMessagePayloadMatching(refused("OBS-MIN"))
                .expectEventsMatching(refusal(DischargeRefused.class, "OBS-MIN"))
                .expectState(course -> assertThat(course.state().status()).isEqualTo(CourseStatus.IN_SESSION));
    }

    @Test
    void discharge_without_a_blood_pressure_reading_at_40_plus_or_minus_10_minutes_is_refused() {
        List<Object> given = dosed();
        given.add(minutesAfterDose(55).vitals(128, 84, 97));     // too late for the 40-minute check
        fixture.givenCommands(given)
                .when(minutesAfterDose(130).discharge())
                .expectResultMessagePayloadMatching(refused("OBS-BP-40"))
                .expectEventsMatching(refusal(DischargeRefused.class, "OBS-BP-40"));
    }

    @Test
    void a_blood_pressure_reading_at_either_edge_of_the_tolerance_counts_as_the_40_minute_check() {
        List<Object> early = dosed();
        early.add(minutesAfterDose(30).vitals(128, 84, 97));
        fixture.givenCommands(early)
                .when(minutesAfterDose(130).discharge())
                .expectResultMessagePayloadMatching(allowed());

        journey = Journey.underTestProtocol();
        List<Object> late = dosed();
        late.add(minutesAfterDose(50).vitals(128, 84, 97));
        fixture.givenCommands(late)
                .when(minutesAfterDose(130).discharge())
                .expectResultMessagePayloadMatching(allowed());
    }

    @Test
    void moderate_hepatic_impairment_in_the_history_extends_the_minimum_observation_to_180_minutes() {
        ClientProfile hepatic = Journey.profile(35, kg(70), Set.of("major_depressive_disorder"), Set.of("child_pugh_b"),
                Set.of(), List.of(), false, Map.of(Instrument.PHQ9, 20));
        List<Object> given = new ArrayList<>(List.of(journey.screen(hepatic), journey.consent(), journey.preparation(),
                journey.preparation(), journey.approve(mgPerKg("0.5"))));
        dosedAt = journey.now();
        given.add(journey.start());
        given.add(minutesAfterDose(39).vitals(128, 84, 97));
        fixture.givenCommands(given)
                .when(minutesAfterDose(130).discharge())
                .expectResultMessagePayloadMatching(refused("OBS-MIN"))
                .expectEventsMatching(onlyEvent(DischargeRefused.class, "by OBS-MIN counting the hepatic extension",
                        e -> e.findings().size() == 1 && e.findings().get(0).ruleId().value().equals("OBS-MIN")
                                && e.findings().get(0).limit().contains("extension")));

        given.add(minutesAfterDose(130).discharge());
        fixture.givenCommands(given)
                .when(minutesAfterDose(185).discharge())
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(recorded(ClientDischarged.class, ObligationCreated.class));
    }

    @Test
    void a_blood_pressure_rise_in_the_session_extends_the_minimum_observation_by_30_minutes() {
        List<Object> given = dosed();
        given.add(minutesAfterDose(39).vitals(160, 85, 97));     // TRIG-BP-RISE: 40 mmHg over baseline
        given.add(minutesAfterDose(100).vitals(128, 84, 97));
        fixture.givenCommands(given)
                .when(minutesAfterDose(130).discharge())
                .expectResultMessagePayloadMatching(refused("OBS-MIN"))
                .expectEventsMatching(refusal(DischargeRefused.class, "OBS-MIN"));

        given.add(minutesAfterDose(130).discharge());
        fixture.givenCommands(given)
                .when(minutesAfterDose(150).discharge())
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(recorded(ClientDischarged.class, ObligationCreated.class));
    }

    @Test
    void a_latest_systolic_of_160_or_more_is_refused_by_the_discharge_vital_criterion() {
        List<Object> given = new ArrayList<>(journey.readyForFirstDose());
        given.add(journey.approve(mgPerKg("0.5")));
        dosedAt = journey.now();
        given.add(journey.start(Set.of(SettingFeature.PULSE_OXIMETER),   // baseline 135: 160 is within 25 %
                VitalSigns.at(dosedAt.minus(minutes(5))).bp(135, 85).heartRate(72).spo2(98).build()));
        given.add(minutesAfterDose(39).vitals(160, 85, 97));
        fixture.givenCommands(given)
                .when(minutesAfterDose(130).discharge())
                .expectResultMessagePayloadMatching(refused("DIS-SBP"))
                .expectEventsMatching(refusal(DischargeRefused.class, "DIS-SBP"));
    }

    @Test
    void a_latest_systolic_more_than_25_percent_over_baseline_is_refused() {
        List<Object> given = dosed();
        given.add(minutesAfterDose(39).vitals(155, 85, 97));     // 120 -> 155: 29.2 %, a rise of 35 mmHg
        fixture.givenCommands(given)
                .when(minutesAfterDose(130).discharge())
                .expectResultMessagePayloadMatching(refused("DIS-SBP-BASELINE"))
                .expectEventsMatching(refusal(DischargeRefused.class, "DIS-SBP-BASELINE"));
    }

    @Test
    void a_client_not_fully_alert_is_refused_by_moaas() {
        fixture.givenCommands(dosedAndChecked())
                .when(minutesAfterDose(130).discharge(Map.of(Instrument.MOAAS, 4, Instrument.PADSS, 10), true,
                        Transport.DRIVEN_BY_ESCORT))
                .expectResultMessagePayloadMatching(refused("DIS-MOAAS"))
                .expectEventsMatching(refusal(DischargeRefused.class, "DIS-MOAAS"));
    }

    @Test
    void a_padss_that_is_missing_or_below_9_is_refused() {
        fixture.givenCommands(dosedAndChecked())
                .when(minutesAfterDose(130).discharge(Map.of(Instrument.MOAAS, 5), true, Transport.DRIVEN_BY_ESCORT))
                .expectResultMessagePayloadMatching(refused("DIS-PADSS"))
                .expectEventsMatching(refusal(DischargeRefused.class, "DIS-PADSS"));
        fixture.givenCommands(dosedAndChecked())
                .when(minutesAfterDose(130).discharge(Map.of(Instrument.MOAAS, 5, Instrument.PADSS, 8), true,
                        Transport.DRIVEN_BY_ESCORT))
                .expectResultMessagePayloadMatching(refused("DIS-PADSS"))
                .expectEventsMatching(refusal(DischargeRefused.class, "DIS-PADSS"));
    }

    @Test
    void a_client_without_an_escort_is_refused() {
        fixture.givenCommands(dosedAndChecked())
                .when(minutesAfterDose(130).discharge(ALERT, false, Transport.TAXI))
                .expectResultMessagePayloadMatching(refused("DIS-ESCORT"))
                .expectEventsMatching(refusal(DischargeRefused.class, "DIS-ESCORT"));
    }

    @Test
    void a_client_driving_home_or_without_recorded_transport_is_refused() {
        fixture.givenCommands(dosedAndChecked())
                .when(minutesAfterDose(130).discharge(ALERT, true, Transport.SELF_DRIVING))
                .expectResultMessagePayloadMatching(refused("DIS-NO-DRIVING"))
                .expectEventsMatching(refusal(DischargeRefused.class, "DIS-NO-DRIVING"));
        fixture.givenCommands(dosedAndChecked())
                .when(minutesAfterDose(130).discharge(ALERT, true, null))
                .expectResultMessagePayloadMatching(refused("DIS-NO-DRIVING"))
                .expectEventsMatching(refusal(DischargeRefused.class, "DIS-NO-DRIVING"));
    }

    @Test
    void an_open_adverse_event_blocks_discharge_until_it_is_resolved() {
        List<Object> given = dosedAndChecked();
        given.add(minutesAfterDose(60).adverseEvent(AdverseEventType.NAUSEA_VOMITING, 1));
        fixture.givenCommands(given)
                .when(minutesAfterDose(130).discharge())
                .expectResultMessagePayloadMatching(refused("ENGINE-OPEN-AE"))
                .expectEventsMatching(refusal(DischargeRefused.class, "ENGINE-OPEN-AE"));

        given.add(minutesAfterDose(130).resolve("AE-1"));
        fixture.givenCommands(given)
                .when(minutesAfterDose(135).discharge())
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(recorded(ClientDischarged.class, ObligationCreated.class));
    }

    @Test
    void a_booster_moves_the_last_device_anchor_of_the_minimum_observation() {
        List<Object> given = dosed();
        given.add(minutesAfterDose(20).approveBooster(mgPerKg("0.25")));
        given.add(minutesAfterDose(30).giveBooster());
        given.add(minutesAfterDose(39).vitals(128, 84, 97));
        fixture.givenCommands(given)
                .when(minutesAfterDose(130).discharge())              // only 100 min after the booster
                .expectResultMessagePayloadMatching(refused("OBS-MIN"))
                .expectEventsMatching(refusal(DischargeRefused.class, "OBS-MIN"));

        given.add(minutesAfterDose(130).discharge());
        fixture.givenCommands(given)
                .when(minutesAfterDose(150).discharge())              // 120 min after the booster
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(allOf(recorded(ClientDischarged.class, ObligationCreated.class),
                        including(ClientDischarged.class, "observed 150 min from the first dose",
                                e -> e.observed().equals(minutes(150)))));
    }

    @Test
    void discharge_without_an_open_session_is_a_state_conflict_and_records_nothing() {
        List<Object> given = new ArrayList<>(journey.readyForFirstDose());
        given.add(journey.approve(mgPerKg("0.5")));
        fixture.givenCommands(given)
                .when(journey.discharge())
                .expectException(CourseStateConflict.class)
                .expectNoEvents();
    }

    @Test
    void a_score_out_of_its_range_is_rejected_when_the_command_is_made() {
        assertThatThrownBy(() -> journey.discharge(Map.of(Instrument.MOAAS, 7, Instrument.PADSS, 10), true,
                Transport.DRIVEN_BY_ESCORT))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("MOAA/S");
    }
}
