package org.kap.core.vitals;

import org.junit.jupiter.api.Test;
import org.kap.core.rule.Comparison;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kap.core.units.Units.mmHg;

/** Bounds combined with and / or: when they hold, and what a refusal names when they do not. */
class VitalRequirementTest {

    private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");
    private static final VitalBound SYSTOLIC = new VitalBound(VitalSign.SYSTOLIC, Comparison.AT_MOST, mmHg(140));
    private static final VitalBound DIASTOLIC = new VitalBound(VitalSign.DIASTOLIC, Comparison.AT_MOST, mmHg(90));
    private static final VitalRequirement BP = new VitalRequirement.AllOf(List.of(SYSTOLIC, DIASTOLIC));

    private static VitalSigns bp(long systolic, long diastolic) {
        return VitalSigns.at(AT).bp(systolic, diastolic).build();
    }

    @Test
    void both_bounds_must_hold_and_a_refusal_names_each_part_that_failed_with_its_value() {
        assertThat(BP.holdsFor(bp(130, 80))).contains(true);
        assertThat(BP.holdsFor(bp(150, 80))).contains(false);
        assertThat(BP.evidenceFailing(bp(150, 80))).hasToString("systolic 150 mmHg fails systolic <= 140 mmHg");
        assertThat(BP.evidenceFailing(bp(150, 96)))
                .hasToString("systolic 150 mmHg, diastolic 96 mmHg fail systolic <= 140 mmHg and diastolic <= 90 mmHg");
        assertThat(BP).hasToString("systolic <= 140 mmHg and diastolic <= 90 mmHg");
    }

    @Test
    void a_sign_not_measured_leaves_it_unknown_unless_another_part_already_decides() {
        VitalSigns systolicOnly = VitalSigns.at(AT).heartRate(70).build();
        assertThat(BP.holdsFor(systolicOnly)).isEmpty();
        assertThat(BP.evidenceFailing(systolicOnly))
                .hasToString("systolic not measured, diastolic not measured fail systolic <= 140 mmHg and diastolic <= 90 mmHg");
        VitalRequirement either = new VitalRequirement.AnyOf(List.of(SYSTOLIC, new VitalBound(VitalSign.HEART_RATE, Comparison.AT_MOST,
                org.kap.core.units.Units.bpm(100))));
        assertThat(either.holdsFor(systolicOnly)).as("the heart rate decides").contains(true);
        assertThat(either).hasToString("systolic <= 140 mmHg or heart_rate <= 100 bpm");
    }

    @Test
    void a_single_bound_keeps_the_evidence_it_always_gave() {
        assertThat(SYSTOLIC.evidenceFailing(bp(150, 80))).hasToString("systolic 150 mmHg > 140 mmHg");
    }

    @Test
    void a_trigger_condition_over_several_signs_names_each_part_that_was_met() {
        VitalCondition high = new VitalCondition.AnyOf(List.of(
                new VitalCondition.Absolute(new VitalBound(VitalSign.SYSTOLIC, Comparison.GREATER, mmHg(180))),
                new VitalCondition.Absolute(new VitalBound(VitalSign.DIASTOLIC, Comparison.GREATER, mmHg(110)))));
        assertThat(high.match(bp(190, 90), null)).hasValueSatisfying(e -> assertThat(e).hasToString("systolic 190 mmHg > 180 mmHg"));
        assertThat(high.match(bp(190, 115), null)).hasValueSatisfying(e -> assertThat(e.observed())
                .isEqualTo("systolic 190 mmHg > 180 mmHg and diastolic 115 mmHg > 110 mmHg"));
        assertThat(high.match(bp(170, 100), null)).isEmpty();
        VitalCondition shock = new VitalCondition.AllOf(List.of(
                new VitalCondition.Absolute(new VitalBound(VitalSign.SYSTOLIC, Comparison.LESS, mmHg(90))),
                new VitalCondition.Absolute(new VitalBound(VitalSign.HEART_RATE, Comparison.GREATER, org.kap.core.units.Units.bpm(120)))));
        assertThat(shock.measuredIn(bp(85, 60))).as("a reading with one part measured counts, and cannot show the whole").isTrue();
        assertThat(shock.match(bp(85, 60), null)).isEmpty();
        assertThat(shock.match(VitalSigns.at(AT).bp(85, 60).heartRate(130).build(), null)).isPresent();
        assertThat(shock).hasToString("systolic < 90 mmHg and heart_rate > 120 bpm");
    }

    @Test
    void a_combined_discharge_rule_names_each_part_that_failed() {
        var info = org.kap.core.protocol.ProtocolBuilder.rule("DIS-READY", "Recovered", "test");
        var padss = new org.kap.core.observation.DischargeCriterion.DischargeScore(info, org.kap.core.outcome.Instrument.PADSS,
                Comparison.AT_LEAST, 9);
        var aldrete = new org.kap.core.observation.DischargeCriterion.DischargeScore(info, org.kap.core.outcome.Instrument.ALDRETE,
                Comparison.AT_LEAST, 9);
        var either = new org.kap.core.observation.DischargeCriterion.AnyOf(info, List.of(padss, aldrete));
        var facts = new org.kap.core.observation.DischargeFacts(bp(120, 80), null, java.util.Map.of(
                org.kap.core.outcome.Instrument.PADSS, 8, org.kap.core.outcome.Instrument.ALDRETE, 8), true, null);
        assertThat(either.violation(facts)).hasValueSatisfying(e -> assertThat(e)
                .hasToString("PADSS 8 < 9 and Aldrete 8 < 9 fail PADSS >= 9 or Aldrete >= 9"));
        var recovered = new org.kap.core.observation.DischargeFacts(bp(120, 80), null, java.util.Map.of(
                org.kap.core.outcome.Instrument.PADSS, 8, org.kap.core.outcome.Instrument.ALDRETE, 10), true, null);
        assertThat(either.violation(recovered)).isEmpty();
        assertThat(either.describe()).isEqualTo("discharge when PADSS >= 9 or Aldrete >= 9");
    }

    @Test
    void a_nested_refusal_names_each_value_once_and_keeps_the_grouping() {
        VitalRequirement oxygen = new VitalRequirement.AnyOf(List.of(
                new VitalBound(VitalSign.SPO2, Comparison.AT_LEAST, org.kap.core.units.Units.percent(95)),
                new VitalRequirement.AllOf(List.of(
                        new VitalBound(VitalSign.SPO2, Comparison.AT_LEAST, org.kap.core.units.Units.percent(92)),
                        new VitalBound(VitalSign.RESPIRATORY_RATE, Comparison.AT_MOST, org.kap.core.units.Units.breathsPerMinute(20))))));
        VitalSigns reading = VitalSigns.at(AT).spo2(90).respiratoryRate(24).build();
        assertThat(oxygen.holdsFor(reading)).contains(false);
        var evidence = oxygen.evidenceFailing(reading);
        assertThat(evidence.observed()).isEqualTo("spo2 90 %, respiratory_rate 24 breaths/min");
        assertThat(evidence.limit()).isEqualTo("spo2 >= 95 % or (spo2 >= 92 % and respiratory_rate <= 20 breaths/min)");
    }
}
