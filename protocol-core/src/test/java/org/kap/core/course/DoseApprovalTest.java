package org.kap.core.course;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kap.core.course.CourseEvent.DoseApprovalRefused;
import org.kap.core.course.CourseEvent.DoseApproved;
import org.kap.core.dosing.Route;
import org.kap.core.testing.CourseFixture;
import org.kap.core.testing.Journey;
import org.kap.core.testing.TestProtocol;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kap.core.testing.CourseMatchers.*;
import static org.kap.core.units.Units.*;

class DoseApprovalTest {

    private AggregateTestFixture<TreatmentCourse> fixture;
    private Journey journey;

    @BeforeEach
    void setUp() {
        fixture = CourseFixture.with(TestProtocol.v1());
        journey = Journey.underTestProtocol();
    }

    @Test
    void a_start_dose_within_every_limit_is_approved_and_converted_to_mg_at_the_clients_weight() {
        fixture.givenCommands(journey.readyForFirstDose())
                .when(journey.approve(mgPerKg("0.5")))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(onlyEvent(DoseApproved.class, "of 35 mg",
                        e -> e.amount().equals(mg(35)) && e.approvalId().equals("APPROVAL-1")));
    }

    @Test
    void a_first_dose_above_the_start_dose_is_refused_with_the_values_seen() {
        fixture.givenCommands(journey.readyForFirstDose())
                .when(journey.approve(mgPerKg("0.6")))
                .expectResultMessagePayloadMatching(refused("DOSE-IM-START"))
                .expectEventsMatching(onlyEvent(DoseApprovalRefused.class, "naming the start dose",
                        e -> e.findings().get(0).toString().equals("DOSE-IM-START: first dose 0.6 mg/kg (42 mg at 70 kg weighed 2026-03-02) > 0.5 mg/kg")));
    }

    @Test
    void a_route_the_protocol_has_no_section_for_is_refused_by_the_engine_rule() {
        fixture.givenCommands(journey.readyForFirstDose())
                .when(journey.approve(Route.ORAL, mg(100)))
                .expectResultMessagePayloadMatching(refused("ENGINE-ROUTE"))
                .expectEventsMatching(refusal(DoseApprovalRefused.class, "ENGINE-ROUTE"));
    }

    @Test
    void an_intranasal_dose_outside_the_allowed_set_is_refused_and_the_first_dose_must_be_56_mg() {
        fixture.givenCommands(journey.readyForFirstDose())
                .when(journey.approve(Route.INTRANASAL, mg(84)))
                .expectResultMessagePayloadMatching(refused("DOSE-IN-FIRST"));
        fixture.givenCommands(new Journey(TestProtocol.v1().ref()).readyForFirstDose())
                .when(journey.approve(Route.INTRANASAL, mg(70)))
                .expectResultMessagePayloadMatching(refused("DOSE-IN-SET", "DOSE-IN-FIRST"));
    }

    @Test
    void an_intranasal_first_dose_of_56_mg_is_approved() {
        fixture.givenCommands(journey.readyForFirstDose())
                .when(journey.approve(Route.INTRANASAL, mg(56)))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(recorded(DoseApproved.class));
    }

    @Test
    void an_infusion_must_run_long_enough_and_slowly_enough() {
        fixture.givenCommands(journey.readyForFirstDose())
                .when(journey.approveInfusion(mgPerKg("0.5"), minutes(40)))
                .expectResultMessagePayloadMatching(allowed());
        Journey fast = Journey.underTestProtocol();
        fixture.givenCommands(fast.readyForFirstDose())
                .when(fast.approveInfusion(mgPerKg("0.5"), minutes(20)))
                .expectResultMessagePayloadMatching(refused("DOSE-IV-DURATION", "DOSE-IV-RATE"))
                .expectEventsMatching(onlyEvent(DoseApprovalRefused.class, "with the rate seen",
                        e -> e.findings().stream().anyMatch(f -> f.toString().equals("DOSE-IV-RATE: 1.5 mg/kg/h > 1 mg/kg/h"))));
        Journey unstated = Journey.underTestProtocol();
        fixture.givenCommands(unstated.readyForFirstDose())
                .when(unstated.approveInfusion(mgPerKg("0.5"), null))
                .expectResultMessagePayloadMatching(refused("DOSE-IV-DURATION", "DOSE-IV-RATE"));
    }

    @Test
    void a_booster_counts_toward_the_per_session_maximum() {
        List<Object> given = new ArrayList<>(journey.readyForFirstDose());
        given.add(journey.approve(mgPerKg("0.5")));
        given.add(journey.start());
        fixture.givenCommands(given)
                .when(journey.approveBooster(mgPerKg("0.5")))
                .expectResultMessagePayloadMatching(allowed());

        Journey over = Journey.underTestProtocol();
        List<Object> givenOver = new ArrayList<>(over.readyForFirstDose());
        givenOver.add(over.approve(mgPerKg("0.5")));
        givenOver.add(over.start());
        givenOver.add(over.approveBooster(mgPerKg("0.5")));
        givenOver.add(over.giveBooster());
        fixture.givenCommands(givenOver)
                .when(over.approveBooster(mgPerKg("0.6")))
                .expectResultMessagePayloadMatching(refused("DOSE-IM-MAX", "DOSE-IM-MAX-MG"))
                .expectEventsMatching(onlyEvent(DoseApprovalRefused.class, "booster over the cap",
                        e -> e.booster() && e.findings().stream().anyMatch(f -> f.toString()
                                .equals("DOSE-IM-MAX: 1.6 mg/kg (112 mg at 70 kg weighed 2026-03-02) > 1.5 mg/kg"))));
    }

    @Test
    void a_titration_step_above_the_limit_is_refused() {
        List<Object> given = new ArrayList<>(journey.readyForFirstDose());
        given.addAll(journey.imSession(mgPerKg("0.5")));
        journey.after(days(2));
        fixture.givenCommands(given)
                .when(journey.approve(mgPerKg("1.0")))
                .expectResultMessagePayloadMatching(refused("DOSE-IM-STEP"));
        Journey ok = Journey.underTestProtocol();
        List<Object> givenOk = new ArrayList<>(ok.readyForFirstDose());
        givenOk.addAll(ok.imSession(mgPerKg("0.5")));
        ok.after(days(2));
        fixture.givenCommands(givenOk)
                .when(ok.approve(mgPerKg("0.75")))
                .expectResultMessagePayloadMatching(allowed());
    }

    @Test
    void the_cumulative_limit_counts_every_dose_in_the_rolling_period() {
        List<Object> given = new ArrayList<>(journey.readyForFirstDose());
        given.addAll(journey.imSession(mgPerKg("0.5")));   // 35 mg, Monday 2 March 09:01
        journey.after(days(2));
        given.addAll(journey.imSession(mgPerKg("0.75")));  // 52.5 mg, Thursday
        journey.at(java.time.Instant.parse("2026-03-09T08:00:00Z"));
        fixture.givenCommands(given)                        // Monday's dose is still inside the 7 days
                .when(journey.approve(mgPerKg("1.0")))      // 35 + 52.5 + 70 = 157.5 mg > 150 mg
                .expectResultMessagePayloadMatching(refused("DOSE-IM-WEEK"))
                .expectEventsMatching(onlyEvent(DoseApprovalRefused.class, "with the week's total",
                        e -> e.findings().get(0).toString().equals("DOSE-IM-WEEK: 157.5 mg in 7 days > 150 mg")));
    }

    @Test
    void the_cumulative_limit_allows_once_earlier_doses_leave_the_period() {
        List<Object> given = new ArrayList<>(journey.readyForFirstDose());
        given.addAll(journey.imSession(mgPerKg("0.5")));
        journey.after(days(2));
        given.addAll(journey.imSession(mgPerKg("0.75")));
        journey.at(java.time.Instant.parse("2026-03-10T08:00:00Z"));
        fixture.givenCommands(given)
                .when(journey.approve(mgPerKg("1.0")))      // 52.5 + 70 = 122.5 mg in the last 7 days
                .expectResultMessagePayloadMatching(allowed())
                .expectState(course -> assertThat(course.state().pendingApproval()).isPresent());
    }

    @Test
    void approving_the_next_dose_while_a_session_is_open_is_refused_and_the_attempt_recorded() {
        List<Object> given = new ArrayList<>(journey.readyForFirstDose());
        given.add(journey.approve(mgPerKg("0.5")));
        given.add(journey.start());
        fixture.givenCommands(given)
                .when(journey.approve(mgPerKg("0.5")))
                .expectResultMessagePayloadMatching(refused("ENGINE-SESSION-OPEN"))
                .expectEventsMatching(refusal(DoseApprovalRefused.class, "ENGINE-SESSION-OPEN"));
    }

    @Test
    void a_dose_approved_before_consent_is_refused_and_the_attempt_recorded() {
        fixture.givenCommands(journey.screen())
                .when(journey.approve(mgPerKg("0.5")))
                .expectResultMessagePayloadMatching(refused("ENGINE-CONSENT"))
                .expectEventsMatching(refusal(DoseApprovalRefused.class, "ENGINE-CONSENT"));
    }
}
