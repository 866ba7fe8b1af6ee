package org.kap.core.course;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.kap.core.course.CourseCommand.RecordClientFact;
import org.kap.core.course.CourseEvent.ClinicalFindingRecorded;
import org.kap.core.course.CourseEvent.CourseHalted;
import org.kap.core.course.CourseEvent.DoseApprovalRefused;
import org.kap.core.course.CourseEvent.DoseApproved;
import org.kap.core.course.CourseEvent.MedicationRecorded;
import org.kap.core.course.CourseEvent.ObligationCreated;
import org.kap.core.course.CourseEvent.SessionStartRefused;
import org.kap.core.course.CourseEvent.WeightRecorded;
import org.kap.core.dosing.Route;
import org.kap.core.facts.ClientFact;
import org.kap.core.facts.ClinicalFinding;
import org.kap.core.facts.MedicationChange;
import org.kap.core.facts.WeightMeasurement;
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
import static org.kap.core.rule.Comparison.LESS;
import static org.kap.core.testing.CourseMatchers.*;
import static org.kap.core.units.Units.*;

/**
 * The course re-checks the protocol's screening rules against what is known of the client at each
 * dosing act: facts recorded during the course (a pregnancy test, a stimulant taken, a new weight)
 * count, a missing fact is never guessed, and a new exclusion halts the course where the protocol says.
 */
class ClientFactsCourseTest {

    private static final Actor CLINICIAN = Actor.of("nurse-1", Role.CLINICIAN);
    private static final Actor PRESCRIBER = Actor.of("dr-1", Role.PRESCRIBER);

    static Protocol factsProtocol() {
        String cite = "test fixture";
        return protocol("kap-facts", 1).active().indications(Indication.DEPRESSION)
                .exclude(rule("CI-PREGNANCY", "Pregnancy", cite), pregnant(),
                        haltCourse(), createObligation(ObligationKind.PRESCRIBER_REVIEW, days(1), false))
                .exclude(rule("CI-AGE", "Under 18", cite), age(LESS, 18))
                .exclude(relative("CI-HTN", Role.PRESCRIBER, "Hypertension", cite),
                        anyOf(vital(VitalSign.SYSTOLIC, AT_LEAST, mmHg(160)), vital(VitalSign.DIASTOLIC, AT_LEAST, mmHg(100))))
                .exclude(relative("CI-STIMULANT-DAY", Role.PRESCRIBER, "Stimulant on the treatment day", cite),
                        medicationTakenWithin(hours(24), "adhd_stimulant"))
                .route(Route.IM, r -> r
                        .maxPerSession(rule("DOSE-IM-MAX", "IM per-session maximum", cite), mgPerKg("1.0"))
                        .weightMeasuredWithin(rule("WEIGHT-RECENT", "A recent weight", cite), days(30)))
                .build();
    }

    private final AggregateTestFixture<TreatmentCourse> fixture = CourseFixture.with(factsProtocol());
    private final Journey journey = new Journey(new ProtocolRef("kap-facts", 1), Journey.START);

    private static ClientProfile profile(Integer age, Boolean pregnant, VitalSigns vitals) {
        return new ClientProfile(age, kg(70), Set.of("major_depressive_disorder"), Set.of(), Set.of(), Set.of(), List.of(),
                pregnant, false, vitals, Map.of());
    }

    private static VitalSigns normalBp() {
        return VitalSigns.at(Journey.START.minusSeconds(600)).bp(124, 78).build();
    }

    private List<Object> consented() {
        return new ArrayList<>(List.of(journey.screen(profile(34, false, normalBp())), journey.consent()));
    }

    private RecordClientFact fact(ClientFact fact, Instant at, Actor by) {
        return new RecordClientFact(Journey.COURSE, fact, by, at);
    }

    @Test
    void a_positive_pregnancy_test_mid_course_is_recorded_halts_the_course_and_refuses_the_next_dose_by_the_screening_rule() {
        List<Object> given = consented();
        Instant tested = journey.now().plus(days(3));
        fixture.givenCommands(given)
                .when(fact(ClinicalFinding.pregnancyTest(true), tested, CLINICIAN))
                .expectResultMessagePayloadMatching(warned("CI-PREGNANCY"))
                .expectEventsMatching(recorded(ClinicalFindingRecorded.class, CourseHalted.class, ObligationCreated.class));

        given.add(fact(ClinicalFinding.pregnancyTest(true), tested, CLINICIAN));
        fixture.givenCommands(given)
                .when(journey.at(tested.plus(hours(2))).approve(mgPerKg("0.5")))
                .expectResultMessagePayloadMatching(refused("CI-PREGNANCY")) // the exclusion, and the halt it caused
                .expectEventsMatching(onlyEvent(DoseApprovalRefused.class, "naming the test", e -> e.findings().stream()
                        .anyMatch(f -> f.toString().equals("CI-PREGNANCY: pregnant = excluded"))));
    }

    @Test
    void a_stimulant_taken_the_morning_of_the_session_requires_the_prescribers_override_a_day_and_a_half_earlier_does_not() {
        List<Object> given = consented();
        Instant session = journey.now().plus(days(4));
        given.add(fact(new MedicationChange("adhd_stimulant", MedicationChange.Change.TAKEN, mg(20), "oral"),
                session.minus(hours(3)), CLINICIAN));
        fixture.givenCommands(given)
                .when(journey.at(session).approve(mgPerKg("0.5")))
                .expectResultMessagePayloadMatching(refused("CI-STIMULANT-DAY"))
                .expectEventsMatching(onlyEvent(DoseApprovalRefused.class, "with the dose taken", e -> e.findings().get(0)
                        .toString().equals("CI-STIMULANT-DAY: adhd_stimulant 20 mg oral taken 2026-03-06T06:02:00Z within 1 day before the dose")));

        Journey other = new Journey(new ProtocolRef("kap-facts", 1), Journey.START);
        List<Object> earlier = new ArrayList<>(List.of(other.screen(profile(34, false, normalBp())), other.consent()));
        earlier.add(fact(new MedicationChange("adhd_stimulant", MedicationChange.Change.TAKEN, mg(20), "oral"),
                session.minus(hours(36)), CLINICIAN));
        fixture.givenCommands(earlier)
                .when(other.at(session).approve(mgPerKg("0.5")))
                .expectResultMessagePayloadMatching(allowed());
    }

    @Test
    void the_override_of_a_stimulant_on_the_treatment_day_carries_the_approval_and_the_session_start() {
        List<Object> given = consented();
        Instant session = journey.now().plus(days(4));
        given.add(fact(new MedicationChange("adhd_stimulant", MedicationChange.Change.TAKEN, null, null),
                session.minus(hours(3)), CLINICIAN));
        given.add(journey.at(session).override("CI-STIMULANT-DAY"));
        given.add(journey.approve(mgPerKg("0.5")));
        fixture.givenCommands(given)
                .when(journey.start())
                .expectResultMessagePayloadMatching(allowed());
    }

    @Test
    void a_screening_without_age_is_not_eligible_for_a_missing_fact_until_the_age_is_recorded() {
        fixture.givenCommands()
                .when(journey.screen(profile(null, false, normalBp())))
                .expectState(course -> {
                    assertThat(course.state().eligible()).isFalse();
                    assertThat(course.state().openExclusions()).extracting(Object::toString)
                            .containsExactly("CI-AGE: age not recorded");
                });
        fixture.givenCommands(journey.screen(profile(null, false, normalBp())))
                .when(fact(ClinicalFinding.age(41), journey.now(), CLINICIAN))
                .expectResultMessagePayloadMatching(allowed())
                .expectState(course -> assertThat(course.state().eligible()).isTrue());
    }

    @Test
    void a_screening_without_blood_pressure_needs_the_override_of_the_blood_pressure_rule_naming_what_is_missing() {
        fixture.givenCommands()
                .when(journey.screen(profile(40, false, null)))
                .expectState(course -> assertThat(course.state().openExclusions()).extracting(Object::toString)
                        .containsExactly("CI-HTN: screening systolic, screening diastolic not recorded"));
        fixture.givenCommands(journey.screen(profile(40, null, normalBp())))
                .when(journey.consent())
                .expectException(CourseStateConflict.class);
    }

    @Test
    void an_mg_per_kg_dose_is_computed_on_the_latest_weight_and_a_stale_weight_is_refused_naming_its_date() {
        List<Object> given = consented();
        Instant weighed = journey.now().plus(days(10));
        given.add(fact(new WeightMeasurement(kg(60)), weighed, CLINICIAN));
        fixture.givenCommands(given)
                .when(journey.at(weighed.plus(hours(1))).approve(mgPerKg("0.5")))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(onlyEvent(DoseApproved.class, "of 30 mg at 60 kg", e -> e.amount().equals(mg(30))
                        && e.weight().equals(kg(60)) && e.weighedAt().equals(weighed)));

        Journey weighedAtScreening = new Journey(new ProtocolRef("kap-facts", 1), Journey.START);
        fixture.givenCommands(weighedAtScreening.screen(profile(34, false, normalBp())), weighedAtScreening.consent())
                .when(weighedAtScreening.at(Journey.START.plus(days(45))).approve(mgPerKg("0.5")))
                .expectResultMessagePayloadMatching(refused("WEIGHT-RECENT"))
                .expectEventsMatching(onlyEvent(DoseApprovalRefused.class, "naming the weighing", e -> e.findings().get(0)
                        .toString().equals("WEIGHT-RECENT: weight 70 kg measured 45 days before (on 2026-03-02) > 30 days")));
    }

    @Test
    void a_weight_is_recorded_with_the_rules_it_rechecks() {
        fixture.givenCommands(consented())
                .when(fact(new WeightMeasurement(kg(71)), journey.now(), CLINICIAN))
                .expectEventsMatching(onlyEvent(WeightRecorded.class, "rechecking nothing", e -> e.rechecked().isEmpty()));
        fixture.givenCommands(consented())
                .when(fact(new MedicationChange("lamotrigine", MedicationChange.Change.STARTED, null, null), journey.now(), CLINICIAN))
                .expectEventsMatching(onlyEvent(MedicationRecorded.class, "as started", e -> e.medication().drug().equals("lamotrigine")));
    }

    @Test
    void only_a_prescriber_approves_a_dose_whatever_transport_sends_the_command() {
        fixture.givenCommands(consented())
                .when(new CourseCommand.ApproveDose(Journey.COURSE, Route.IM, mgPerKg("0.5"), false, null, CLINICIAN,
                        journey.now()))
                .expectException(NotPermittedException.class)
                .expectNoEvents();
        fixture.givenCommands(consented())
                .when(fact(ClinicalFinding.pregnancyTest(false), journey.now(), PRESCRIBER))
                .expectResultMessagePayloadMatching(allowed());
    }

    @Test
    void a_start_after_a_new_exclusion_recorded_since_the_approval_is_refused_by_that_rule() {
        List<Object> given = consented();
        Instant day = journey.now().plus(days(4));
        given.add(journey.at(day).approve(mgPerKg("0.5")));
        given.add(fact(new MedicationChange("adhd_stimulant", MedicationChange.Change.TAKEN, null, null),
                day.plus(minutes(5)), CLINICIAN));
        fixture.givenCommands(given)
                .when(journey.at(day.plus(minutes(20))).start(Set.of(), VitalSigns.at(day.plus(minutes(15))).bp(120, 80).build()))
                .expectResultMessagePayloadMatching(refused("CI-STIMULANT-DAY"))
                .expectEventsMatching(refusal(SessionStartRefused.class, "CI-STIMULANT-DAY"));
    }
}
