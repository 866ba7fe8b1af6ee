package org.kap.core.course;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.kap.core.course.CourseCommand.CorrectEntry;
import org.kap.core.course.CourseCommand.RecordClientFact;
import org.kap.core.course.CourseEvent.CourseHalted;
import org.kap.core.course.CourseEvent.DoseApprovalRefused;
import org.kap.core.course.CourseEvent.PastDecisionFlagged;
import org.kap.core.course.CourseEvent.ScreeningRechecked;
import org.kap.core.dosing.Route;
import org.kap.core.facts.ClientFact;
import org.kap.core.facts.ClinicalFinding;
import org.kap.core.facts.MedicationChange;
import org.kap.core.obligation.ObligationKind;
import org.kap.core.protocol.Indication;
import org.kap.core.protocol.Protocol;
import org.kap.core.rule.ProtocolRef;
import org.kap.core.rule.Role;
import org.kap.core.screening.ClientProfile;
import org.kap.core.testing.CourseFixture;
import org.kap.core.testing.Journey;
import org.kap.core.vitals.VitalSign;
import org.kap.core.vitals.VitalSigns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kap.core.protocol.ProtocolBuilder.*;
import static org.kap.core.rule.Comparison.AT_LEAST;
import static org.kap.core.testing.CourseMatchers.*;
import static org.kap.core.units.Units.*;

/**
 * The ways facts over time could let an unsafe dose through, each closed: an override given before an
 * exclusion existed, an override given for other evidence, a halt lifted by an override, a partial reading
 * hiding the rest, a correction that changes eligibility, a fact charted after the dose it concerns.
 */
class ClientFactsSafetyTest {

    private static final Actor NURSE = Actor.of("nurse-1", Role.CLINICIAN);

    static Protocol safetyProtocol() {
        String cite = "test fixture";
        return protocol("kap-safety", 1).active().indications(Indication.DEPRESSION)
                .exclude(relative("CI-HTN", Role.PRESCRIBER, "Hypertension", cite),
                        anyOf(vital(VitalSign.SYSTOLIC, AT_LEAST, mmHg(160)), vital(VitalSign.DIASTOLIC, AT_LEAST, mmHg(100))),
                        haltCourse())
                .exclude(rule("CI-PREGNANCY", "Pregnancy", cite), pregnant(),
                        haltCourse(), createObligation(ObligationKind.PRESCRIBER_REVIEW, days(1), false))
                .exclude(relative("CI-ALCOHOL", Role.PRESCRIBER, "Recent alcohol", cite), substanceUseWithin(days(7), "alcohol"))
                .exclude(relative("CI-STIMULANT-DAY", Role.PRESCRIBER, "Stimulant on the day", cite),
                        medicationTakenWithin(hours(24), "adhd_stimulant"))
                .route(Route.IM, r -> r.maxPerSession(rule("DOSE-IM-MAX", "IM maximum", cite), mgPerKg("1.0")))
                .trigger(rule("TRIG-BP-RISE", "Blood pressure rise", cite), riseOverBaseline(VitalSign.SYSTOLIC, mmHg(40)),
                        1, null, extendObservationBy(minutes(30)))
                .build();
    }

    private final AggregateTestFixture<TreatmentCourse> fixture = CourseFixture.with(safetyProtocol());
    private final Journey journey = new Journey(new ProtocolRef("kap-safety", 1), Journey.START);

    private static ClientProfile profile(VitalSigns vitals, List<ClientProfile.SubstanceUse> substances) {
        return new ClientProfile(40, kg(70), Set.of("major_depressive_disorder"), Set.of(), Set.of(), Set.of(), substances,
                false, false, vitals, Map.of());
    }

    private static VitalSigns bp(long systolic, long diastolic) {
        return VitalSigns.at(Journey.START.minusSeconds(600)).bp(systolic, diastolic).build();
    }

    private RecordClientFact fact(ClientFact fact, Instant at) {
        return new RecordClientFact(Journey.COURSE, fact, NURSE, at);
    }

    @Test
    void an_override_given_before_the_exclusion_existed_never_doses_a_client_who_has_not_consented() {
        List<Object> given = new ArrayList<>(List.of(journey.screen(profile(bp(124, 80), List.of()))));
        given.add(journey.override("CI-HTN"));
        given.add(fact(ClinicalFinding.restingVitals(VitalSigns.at(journey.now()).bp(170, 105).build()), journey.now()));
        fixture.givenCommands(given)
                .when(journey.approve(mgPerKg("0.5")))
                .expectResultMessagePayloadMatching(refused("ENGINE-CONSENT", "CI-HTN"))
                .expectEventsMatching(refusal(DoseApprovalRefused.class, "ENGINE-CONSENT", "CI-HTN"));
    }

    @Test
    void an_override_given_for_one_reading_does_not_cover_a_worse_one() {
        List<Object> given = new ArrayList<>(List.of(journey.screen(profile(bp(165, 95), List.of()))));
        given.add(journey.override("CI-HTN"));
        given.add(journey.consent());
        given.add(fact(ClinicalFinding.restingVitals(VitalSigns.at(journey.now()).bp(165, 125).build()), journey.now()));
        fixture.givenCommands(given)
                .when(journey.approve(mgPerKg("0.5")))
                .expectResultMessagePayloadMatching(refused("CI-HTN"))
                .expectEventsMatching(onlyEvent(DoseApprovalRefused.class, "naming both readings", e -> e.findings().get(0)
                        .observed().contains("diastolic 125 mmHg")));
    }

    @Test
    void an_override_of_a_relative_rule_does_not_lift_the_halt_it_caused() {
        List<Object> given = new ArrayList<>(List.of(journey.screen(profile(bp(124, 80), List.of())), journey.consent()));
        given.add(fact(ClinicalFinding.restingVitals(VitalSigns.at(journey.now()).bp(172, 104).build()), journey.now()));
        given.add(journey.override("CI-HTN"));
        fixture.givenCommands(given)
                .when(journey.approve(mgPerKg("0.5")))
                .expectResultMessagePayloadMatching(refused("CI-HTN")) // the halt, by the rule that halted the course
                .expectEventsMatching(onlyEvent(DoseApprovalRefused.class, "halted until review", e -> e.findings().stream()
                        .anyMatch(f -> f.refuses() && f.observed().equals("course halted by CI-HTN"))));
    }

    @Test
    void a_resting_reading_of_one_sign_keeps_the_others_known() {
        List<Object> given = new ArrayList<>(List.of(journey.screen(profile(bp(124, 80), List.of())), journey.consent()));
        given.add(fact(ClinicalFinding.restingVitals(VitalSigns.at(journey.now()).heartRate(72).build()), journey.now()));
        fixture.givenCommands(given)
                .when(journey.approve(mgPerKg("0.5")))
                .expectResultMessagePayloadMatching(allowed())
                .expectState(course -> assertThat(course.state().facts().profileAt(journey.now()).vitals().summary())
                        .isEqualTo("BP 124/80 mmHg, HR 72 bpm"));
    }

    @Test
    void an_override_of_recent_alcohol_carries_from_approval_to_start_and_a_negative_screen_reopens_nothing() {
        Instant used = Journey.START.minus(days(2));
        List<Object> given = new ArrayList<>(List.of(journey.screen(profile(bp(124, 80),
                List.of(new ClientProfile.SubstanceUse("alcohol", used))))));
        given.add(journey.override("CI-ALCOHOL"));
        given.add(journey.consent());
        given.add(fact(ClinicalFinding.coded(ClinicalFinding.Type.DRUG_SCREEN, "alcohol", false), journey.now()));
        given.add(journey.approve(mgPerKg("0.5")));
        fixture.givenCommands(given)
                .when(journey.after(minutes(30)).start(Set.of(), VitalSigns.at(journey.now().minusSeconds(300)).bp(120, 80).build()))
                .expectResultMessagePayloadMatching(allowed());
    }

    @Test
    void screening_vitals_corrected_before_consent_decide_eligibility_again() {
        fixture.givenCommands(journey.screen(profile(bp(182, 96), List.of())))
                .when(new CorrectEntry(Journey.COURSE, 1, "systolic was 128", "typed 182 for 128",
                        new CorrectedValues(VitalSigns.at(Journey.START).bp(128, 96).build(), null, null, null, null),
                        NURSE, journey.now()))
                .expectEventsMatching(including(ScreeningRechecked.class, "the blood-pressure rule", e -> e.findings().isEmpty()))
                .expectState(course -> assertThat(course.state().eligible()).isTrue());
        fixture.givenCommands(journey.screen(profile(bp(128, 80), List.of())))
                .when(new CorrectEntry(Journey.COURSE, 1, "systolic was 182", "typed 128 for 182",
                        new CorrectedValues(VitalSigns.at(Journey.START).bp(182, 80).build(), null, null, null, null),
                        NURSE, journey.now()))
                .expectState(course -> assertThat(course.state().eligible()).isFalse());
    }

    @Test
    void a_pregnancy_test_corrected_to_positive_after_consent_halts_the_course_for_review() {
        List<Object> given = new ArrayList<>(List.of(journey.screen(profile(bp(124, 80), List.of())), journey.consent()));
        given.add(fact(ClinicalFinding.pregnancyTest(false), journey.now())); // entry 3
        fixture.givenCommands(given)
                .when(new CorrectEntry(Journey.COURSE, 3, "the test was positive", "result read from the wrong strip",
                        new CorrectedValues(null, null, null, ClinicalFinding.pregnancyTest(true), null), NURSE, journey.now()))
                .expectResultMessagePayloadMatching(warned("CI-PREGNANCY"))
                .expectEventsMatching(including(CourseHalted.class, "by CI-PREGNANCY", e -> e.ruleId().value().equals("CI-PREGNANCY")));
    }

    @Test
    void an_age_recorded_at_screening_is_not_replaced_by_an_age_fact() {
        fixture.givenCommands(journey.screen(profile(bp(124, 80), List.of())))
                .when(fact(ClinicalFinding.age(18), journey.now()))
                .expectException(InvalidCommandException.class)
                .expectNoEvents();
    }

    @Test
    void corrected_pre_dose_vitals_of_the_open_session_are_the_baseline_its_rules_read() {
        List<Object> given = new ArrayList<>(List.of(journey.screen(profile(bp(124, 80), List.of())), journey.consent()));
        given.add(journey.approve(mgPerKg("0.5")));                                    // 3
        given.add(journey.start(Set.of(), VitalSigns.at(journey.now()).bp(150, 85).build())); // 4: baseline 150
        given.add(journey.vitals(175, 90, 98));                                          // a rise of 25 only
        fixture.givenCommands(given)
                .when(new CorrectEntry(Journey.COURSE, 4, "pre-dose systolic was 130", "typed 150 for 130",
                        new CorrectedValues(VitalSigns.at(journey.now()).bp(130, 85).build(), null, null, null, null),
                        NURSE, journey.now()))
                .expectResultMessagePayloadMatching(warned("TRIG-BP-RISE"));
    }

    @Test
    void a_stimulant_charted_the_next_day_flags_the_dose_given_after_it() {
        List<Object> given = new ArrayList<>(List.of(journey.screen(profile(bp(124, 80), List.of())), journey.consent()));
        Instant day = journey.now().plus(days(3));
        given.add(journey.at(day).approve(mgPerKg("0.5")));
        given.add(journey.start(Set.of(), VitalSigns.at(journey.now()).bp(120, 80).build()));
        given.add(journey.after(minutes(130)).discharge());
        fixture.givenCommands(given)
                .when(fact(new MedicationChange("adhd_stimulant", MedicationChange.Change.TAKEN, mg(20), "oral"),
                        day.minus(hours(2))))
                .expectResultMessagePayloadMatching(warned("CI-STIMULANT-DAY"))
                .expectEventsMatching(including(PastDecisionFlagged.class, "the dose of session 1", e -> e.findings().get(0)
                        .observed().startsWith("the dose of session 1 at ")
                        && e.findings().get(0).observed().contains("decided on a fact charted later (adhd_stimulant 20 mg oral taken)")));
    }

    @Test
    void only_the_time_of_a_finding_can_be_corrected() {
        List<Object> given = new ArrayList<>(List.of(journey.screen(profile(bp(124, 80), List.of())), journey.consent()));
        given.add(fact(ClinicalFinding.pregnancyTest(false), journey.now())); // entry 3
        fixture.givenCommands(given)
                .when(new CorrectEntry(Journey.COURSE, 3, "taken an hour earlier", "time from the lab slip",
                        new CorrectedValues(null, null, Journey.START.plusSeconds(30), null, null),
                        NURSE, journey.now()))
                .expectResultMessagePayloadMatching(allowed());
    }

    @Test
    void an_override_for_alcohol_does_not_cover_a_new_use_of_another_substance() {
        Instant used = Journey.START.minus(days(2));
        Protocol both = protocol("kap-substances", 1).active().indications(Indication.DEPRESSION)
                .exclude(relative("CI-SOBRIETY", Role.PRESCRIBER, "Not sober", "test"),
                        substanceUseWithin(days(7), "alcohol", "opioids"))
                .route(Route.IM, r -> r.maxPerSession(rule("DOSE-IM-MAX", "IM maximum", "test"), mgPerKg("1.0")))
                .build();
        Journey j = new Journey(new ProtocolRef("kap-substances", 1), Journey.START);
        List<Object> given = new ArrayList<>(List.of(j.screen(profile(bp(124, 80),
                List.of(new ClientProfile.SubstanceUse("alcohol", used))))));
        given.add(j.override("CI-SOBRIETY"));
        given.add(j.consent());
        given.add(new RecordClientFact(Journey.COURSE, ClinicalFinding.coded(ClinicalFinding.Type.DRUG_SCREEN, "opioids", true),
                NURSE, j.now()));
        CourseFixture.with(both).givenCommands(given)
                .when(j.approve(mgPerKg("0.5")))
                .expectResultMessagePayloadMatching(refused("CI-SOBRIETY"));
    }

    @Test
    void a_prescribers_review_is_not_fulfilled_by_a_clinician() {
        List<Object> given = new ArrayList<>(List.of(journey.screen(profile(bp(124, 80), List.of())), journey.consent()));
        given.add(fact(ClinicalFinding.pregnancyTest(true), journey.now())); // halts, OBLIGATION-1 prescriber_review
        fixture.givenCommands(given)
                .when(new CourseCommand.FulfilObligation(Journey.COURSE, "OBLIGATION-1", NURSE, journey.now()))
                .expectException(NotPermittedException.class)
                .expectNoEvents();
    }

    @Test
    void a_weight_charted_late_flags_a_dose_now_above_the_maximum_and_its_review_is_due_from_when_it_was_learnt() {
        List<Object> given = new ArrayList<>(List.of(journey.screen(profile(bp(124, 80), List.of())), journey.consent()));
        Instant day = journey.now().plus(days(3));
        given.add(journey.at(day).approve(mgPerKg("1.0")));               // 70 mg at 70 kg
        given.add(journey.start(Set.of(), VitalSigns.at(journey.now()).bp(120, 80).build()));
        fixture.givenCommands(given)
                .when(fact(new org.kap.core.facts.WeightMeasurement(kg(50)), day.minus(hours(1))))
                .expectResultMessagePayloadMatching(warned("DOSE-IM-MAX"))
                .expectEventsMatching(including(CourseEvent.ObligationCreated.class, "due a day after it was recorded",
                        e -> !e.due().isBefore(CourseFixture.SERVER_NOW)));
    }
}
