package org.kap.core.course;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kap.core.course.CourseCommand.CorrectEntry;
import org.kap.core.course.CourseEvent.DischargeRefused;
import org.kap.core.course.CourseEvent.EntryCorrected;
import org.kap.core.course.CourseEvent.ObligationCreated;
import org.kap.core.course.CourseEvent.PastDecisionFlagged;
import org.kap.core.facts.ClinicalFinding;
import org.kap.core.obligation.ObligationKind;
import org.kap.core.rule.Role;
import org.kap.core.testing.CourseFixture;
import org.kap.core.testing.Journey;
import org.kap.core.testing.TestProtocol;
import org.kap.core.units.Kilograms;
import org.kap.core.units.Milligrams;
import org.kap.core.vitals.VitalSigns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.kap.core.testing.CourseMatchers.*;
import static org.kap.core.units.Units.*;

/**
 * A correction names the entry and carries the corrected values. From then on the course decides on
 * them, and a past decision they would have refused is flagged, with a prescriber's review to follow.
 * Under TestProtocol: discharge needs systolic < 160 mmHg (DIS-SBP) and within 25 % of the pre-dose
 * baseline (DIS-SBP-BASELINE); IM at most 1.5 mg/kg per session (DOSE-IM-MAX).
 */
class StructuredCorrectionTest {

    private static final Actor NURSE = Actor.of("nurse-amy", Role.CLINICIAN);
    private static final long READING_ENTRY = 7;

    private AggregateTestFixture<TreatmentCourse> fixture;
    private Journey journey;
    private Instant dosedAt;

    @BeforeEach
    void setUp() {
        fixture = CourseFixture.with(TestProtocol.v1());
        journey = Journey.underTestProtocol();
    }

    /** Screening 1, consent 2, preparation 3-4, approval 5, start 6 (baseline 120/80), the 39-minute reading 7 (130/82). */
    private List<Object> checked() {
        List<Object> given = new ArrayList<>(journey.readyForFirstDose());
        given.add(journey.approve(mgPerKg("0.5")));
        dosedAt = journey.now();
        given.add(journey.start());
        given.add(journey.at(dosedAt.plus(minutes(39))).vitals(130, 82, 97));
        return given;
    }

    private CorrectEntry correct(long entry, CorrectedValues values, Instant at) {
        return new CorrectEntry(Journey.COURSE, entry, "value charted wrongly", "transcribed from the monitor", values, NURSE, at);
    }

    private static CorrectedValues reading(Instant measured, long systolic, long diastolic) {
        return new CorrectedValues(VitalSigns.at(measured).bp(systolic, diastolic).build(), null, null, null, null);
    }

    @Test
    void a_reading_corrected_before_discharge_is_the_one_the_discharge_is_decided_on() {
        List<Object> given = checked();
        given.add(correct(READING_ENTRY, reading(dosedAt, 192, 114), dosedAt.plus(minutes(125))));
        fixture.givenCommands(given)
                .when(journey.at(dosedAt.plus(minutes(130))).discharge())
                // the corrected reading is a rise of 72 mmHg over baseline: TRIG-BP-RISE fired on it and extended observation
                .expectResultMessagePayloadMatching(refused("OBS-MIN", "DIS-SBP", "DIS-SBP-BASELINE"))
                .expectEventsMatching(onlyEvent(DischargeRefused.class, "on the corrected reading", e -> e.findings().stream()
                        .anyMatch(f -> f.toString().equals("DIS-SBP: systolic 192 mmHg >= 160 mmHg"))));
    }

    @Test
    void the_corrected_reading_keeps_its_measured_time_and_the_original_stays_in_the_record() {
        List<Object> given = checked();
        fixture.givenCommands(given)
                .when(correct(READING_ENTRY, reading(dosedAt.plus(minutes(200)), 192, 114), dosedAt.plus(minutes(125))))
                .expectEventsMatching(including(EntryCorrected.class, "with the reading at 39 min", e ->
                        e.correctedEntry() == READING_ENTRY && e.corrected().reading().measuredAt().equals(dosedAt.plus(minutes(39)))))
                .expectState(course -> assertThat(course.state().openSession().orElseThrow().readings())
                        .extracting(VitalSigns::summary).containsExactly("BP 192/114 mmHg, HR 75 bpm, SpO2 97 %"));
    }

    @Test
    void a_reading_corrected_in_the_open_session_fires_the_rules_it_completes() {
        fixture.givenCommands(checked())
                .when(correct(READING_ENTRY, reading(dosedAt, 172, 96), dosedAt.plus(minutes(60))))
                .expectResultMessagePayloadMatching(warned("TRIG-BP-RISE"))
                .expectEventsMatching(recorded(EntryCorrected.class, CourseEvent.VitalTriggerFired.class,
                        CourseEvent.ObservationExtended.class));
    }

    @Test
    void a_discharge_decided_on_a_reading_later_corrected_is_flagged_for_the_prescribers_review() {
        List<Object> given = checked();
        given.add(journey.at(dosedAt.plus(minutes(130))).discharge());
        fixture.givenCommands(given)
                .when(correct(READING_ENTRY, reading(dosedAt, 192, 114), dosedAt.plus(minutes(180))))
                .expectResultMessagePayloadMatching(warned("DIS-SBP", "DIS-SBP-BASELINE"))
                .expectEventsMatching(allOf(
                        recorded(EntryCorrected.class, PastDecisionFlagged.class, ObligationCreated.class),
                        including(PastDecisionFlagged.class, "naming the discharge and the corrected reading", e -> e.findings()
                                .stream().anyMatch(f -> f.observed().equals("discharge from session 1 at "
                                        + dosedAt.plus(minutes(130)) + " was decided on a reading later corrected to BP 192/114 mmHg,"
                                        + " HR 75 bpm, SpO2 97 %")
                                        && f.limit().equals("DIS-SBP: systolic 192 mmHg >= 160 mmHg"))),
                        including(ObligationCreated.class, "a prescriber review",
                                e -> e.kind() == ObligationKind.PRESCRIBER_REVIEW && e.ruleId().value().equals("ENGINE-CORRECTION-REVIEW"))));
    }

    @Test
    void a_correction_that_changes_no_decision_flags_nothing() {
        List<Object> given = checked();
        given.add(journey.at(dosedAt.plus(minutes(130))).discharge());
        fixture.givenCommands(given)
                .when(correct(READING_ENTRY, reading(dosedAt, 134, 84), dosedAt.plus(minutes(180))))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(recorded(EntryCorrected.class));
    }

    @Test
    void a_screening_weight_corrected_downwards_flags_a_dose_now_above_the_maximum_in_mg_per_kg() {
        List<Object> given = checked();
        given.add(journey.at(dosedAt.plus(minutes(130))).discharge());
        fixture.givenCommands(given)
                .when(correct(1, new CorrectedValues(null, Kilograms.of(20), null, null, null), dosedAt.plus(minutes(180))))
                .expectResultMessagePayloadMatching(warned("DOSE-IM-MAX"))
                .expectEventsMatching(including(PastDecisionFlagged.class, "naming the session's doses", e -> e.findings().stream()
                        .anyMatch(f -> f.observed().startsWith("the doses of session 1 (35 mg) was decided on a weight later corrected to 20 kg"))));
    }

    @Test
    void a_dose_given_corrected_upwards_is_flagged_when_over_the_session_maximum() {
        List<Object> given = checked();
        fixture.givenCommands(given)
                .when(correct(6, new CorrectedValues(null, null, null, null, Milligrams.of(120)), dosedAt.plus(minutes(60))))
                .expectResultMessagePayloadMatching(warned("DOSE-IM-MAX", "DOSE-IM-MAX-MG"))
                .expectState(course -> assertThat(course.state().openSession().orElseThrow().total()).isEqualTo(mg(120)));
    }

    @Test
    void a_negative_pregnancy_test_corrected_to_positive_flags_the_dose_given_after_it() {
        Journey j = Journey.underTestProtocol();
        List<Object> given = new ArrayList<>(j.readyForFirstDose()); // entries 1-4
        given.add(new CourseCommand.RecordClientFact(Journey.COURSE, ClinicalFinding.pregnancyTest(false), NURSE, j.now())); // 5
        given.add(j.approve(mgPerKg("0.5")));
        given.add(j.start());
        fixture.givenCommands(given)
                .when(correct(5, new CorrectedValues(null, null, null, ClinicalFinding.pregnancyTest(true), null), j.now()))
                .expectResultMessagePayloadMatching(warned("CI-PREGNANCY"));
    }

    @Test
    void a_value_that_does_not_fit_the_entry_is_malformed_and_records_nothing() {
        fixture.givenCommands(checked())
                .when(correct(READING_ENTRY, new CorrectedValues(null, Kilograms.of(60), null, null, null), dosedAt.plus(minutes(60))))
                .expectException(InvalidCommandException.class)
                .expectNoEvents();
        fixture.givenCommands(checked())
                .when(correct(2, new CorrectedValues(null, Kilograms.of(60), null, null, null), dosedAt.plus(minutes(60))))
                .expectException(InvalidCommandException.class)
                .expectNoEvents();
    }

    @Test
    void a_therapist_corrects_only_their_own_entries() {
        fixture.givenCommands(checked())
                .when(new CorrectEntry(Journey.COURSE, READING_ENTRY, "x", "y", reading(dosedAt, 120, 80),
                        Actor.of("therapist-t", Role.THERAPIST), dosedAt.plus(minutes(60))))
                .expectException(NotPermittedException.class)
                .expectNoEvents();
    }
}
