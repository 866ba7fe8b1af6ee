package org.kap.dsl;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kap.core.adverse.AdverseEventRule;
import org.kap.core.adverse.AdverseEventType;
import org.kap.core.adverse.Seriousness;
import org.kap.core.adverse.TriggeredAction;
import org.kap.core.dosing.DoseRule;
import org.kap.core.dosing.Route;
import org.kap.core.dosing.RouteDosing;
import org.kap.core.obligation.ObligationKind;
import org.kap.core.obligation.ObligationRule;
import org.kap.core.observation.Anchor;
import org.kap.core.observation.DischargeCriterion;
import org.kap.core.observation.ObservationRule;
import org.kap.core.outcome.Instrument;
import org.kap.core.outcome.OutcomeRule;
import org.kap.core.protocol.Indication;
import org.kap.core.protocol.Protocol;
import org.kap.core.protocol.ProtocolStatus;
import org.kap.core.rule.Comparison;
import org.kap.core.rule.Enforcement;
import org.kap.core.rule.ProtocolRef;
import org.kap.core.rule.Role;
import org.kap.core.rule.Rule;
import org.kap.core.rule.RuleId;
import org.kap.core.rule.RuleInfo;
import org.kap.core.screening.ClientCondition;
import org.kap.core.screening.CodeCategory;
import org.kap.core.screening.ScreeningRule;
import org.kap.core.sequencing.SequencingRule;
import org.kap.core.session.SessionStartRule;
import org.kap.core.session.SettingFeature;
import org.kap.core.spacing.SpacingRule;
import org.kap.core.spacing.Window;
import org.kap.core.units.Percent;
import org.kap.core.vitals.VitalBound;
import org.kap.core.vitals.VitalCondition;
import org.kap.core.vitals.VitalSign;
import org.kap.core.vitals.VitalTrigger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kap.core.units.Units.bpm;
import static org.kap.core.units.Units.breathsPerMinute;
import static org.kap.core.units.Units.days;
import static org.kap.core.units.Units.hours;
import static org.kap.core.units.Units.mg;
import static org.kap.core.units.Units.mgPerKg;
import static org.kap.core.units.Units.mgPerKgPerHour;
import static org.kap.core.units.Units.minutes;
import static org.kap.core.units.Units.mmHg;
import static org.kap.core.units.Units.percent;

/**
 * A protocol that uses every construct of the language (samples/every-construct.kap) compiles to
 * exactly the core model objects the text says: one representative value of each rule kind, with
 * its type, unit, duration, enforcement, window, anchor and actions.
 */
class CompilerModelTest {

    private static String text;
    private static CompileResult result;
    private static Protocol protocol;

    @BeforeAll
    static void compile() throws IOException {
        try (InputStream in = CompilerModelTest.class.getResourceAsStream("/samples/every-construct.kap")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        result = ProtocolCompiler.compile("every-construct.kap", text);
        assertThat(result.diagnostics()).as("the sample is clean: no error, no warning").isEmpty();
        protocol = result.protocol();
        assertThat(protocol).isNotNull();
    }

    private static <R> R rule(String id, Class<R> kind) {
        Rule rule = protocol.rule(RuleId.of(id)).orElseThrow(() -> new AssertionError("no rule " + id));
        assertThat(rule).as(id).isInstanceOf(kind);
        return kind.cast(rule);
    }

    private static RuleInfo info(String id, String message, String citation, Enforcement enforcement) {
        return new RuleInfo(RuleId.of(id), message, citation, enforcement);
    }

    // ---- the protocol as a whole -----------------------------------------------------------------

    @Test
    void header() {
        assertThat(protocol.ref()).isEqualTo(new ProtocolRef("every-construct", 3));
        assertThat(protocol.title()).isEqualTo("Every construct");
        assertThat(protocol.status()).isEqualTo(ProtocolStatus.ACTIVE);
        assertThat(protocol.indications())
                .containsExactlyInAnyOrder(Indication.DEPRESSION, Indication.PTSD, Indication.TREATMENT_RESISTANT_DEPRESSION);
    }

    @Test
    void every_rule_is_there_in_the_order_of_the_sections() {
        assertThat(protocol.rules()).hasSize(58);
        assertThat(protocol.screening()).hasSize(10);
        assertThat(protocol.dosing()).containsOnlyKeys(Route.IV, Route.INTRANASAL);
        assertThat(protocol.dosingFor(Route.IV)).map(RouteDosing::rules).hasValueSatisfying(r -> assertThat(r).hasSize(7));
        assertThat(protocol.spacing()).hasSize(5);
        assertThat(protocol.sequencing()).hasSize(4);
        assertThat(protocol.sessionStart()).hasSize(5);
        assertThat(protocol.vitalTriggers()).hasSize(4);
        assertThat(protocol.observation()).hasSize(6);
        assertThat(protocol.discharge()).hasSize(5);
        assertThat(protocol.adverseEvents()).hasSize(4);
        assertThat(protocol.obligations()).hasSize(2);
        assertThat(protocol.outcomes()).hasSize(3);
        assertThat(protocol.rules()).extracting(r -> r.info().id().value())
                .startsWith("CI-PSYCHOSIS", "CI-HTN").endsWith("REVIEW-4", "REVIEW-6");
    }

    @Test
    void the_source_hash_is_the_sha256_of_the_text_as_utf8() throws NoSuchAlgorithmException {
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(protocol.sourceSha256()).isEqualTo(expected).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(ProtocolCompiler.sha256(text)).isEqualTo(expected);
        // a comment is part of the text the audit names: changing it changes the hash, not the rules
        Protocol commented = ProtocolCompiler.compile("x.kap", text + "# a comment\n").protocol();
        assertThat(commented.sourceSha256()).isNotEqualTo(expected);
        assertThat(commented.rules()).isEqualTo(protocol.rules());
    }

    // ---- enforcement ---------------------------------------------------------------------------

    @Test
    void enforcement_absolute_relative_with_its_role_and_warning() {
        assertThat(rule("CI-PSYCHOSIS", ScreeningRule.class).info())
                .isEqualTo(info("CI-PSYCHOSIS", "Psychotic disorder", "source A", Enforcement.ABSOLUTE));
        assertThat(rule("CI-HTN", ScreeningRule.class).info().enforcement()).isEqualTo(Enforcement.overridableBy(Role.PRESCRIBER));
        assertThat(rule("CI-SOBRIETY", ScreeningRule.class).info().enforcement())
                .isInstanceOfSatisfying(Enforcement.Relative.class, r -> assertThat(r.overridableBy()).isEqualTo(Role.THERAPIST));
        assertThat(rule("PREDOSE-SBP", SessionStartRule.PreDoseVital.class).info().enforcement())
                .isEqualTo(Enforcement.overridableBy(Role.PRESCRIBER));
        // 'warn' is a warning with or without the word 'warning'
        assertThat(rule("WARN-LAMOTRIGINE", ScreeningRule.class).info().enforcement()).isEqualTo(Enforcement.WARNING);
        assertThat(rule("WARN-HR", ScreeningRule.class).info().enforcement()).isEqualTo(Enforcement.WARNING);
        // no enforcement written: absolute
        assertThat(rule("OBS-MIN", ObservationRule.ObservationMinimum.class).info().enforcement()).isEqualTo(Enforcement.ABSOLUTE);
    }

    @Test
    void an_escaped_quote_in_a_message_is_unescaped() {
        assertThat(rule("CI-SOBRIETY", ScreeningRule.class).info().message()).isEqualTo("Say \"sober\" for a week");
    }

    // ---- screening -----------------------------------------------------------------------------

    @Test
    void screening_conditions() {
        assertThat(rule("CI-PSYCHOSIS", ScreeningRule.class).when())
                .isEqualTo(new ClientCondition.CodeIn(CodeCategory.DIAGNOSIS, Set.of("schizophrenia", "psychotic_disorder")));
        assertThat(rule("CI-HTN", ScreeningRule.class).when()).isEqualTo(new ClientCondition.AnyOf(List.of(
                new ClientCondition.Vital(new VitalBound(VitalSign.SYSTOLIC, Comparison.AT_LEAST, mmHg(160))),
                new ClientCondition.Vital(new VitalBound(VitalSign.DIASTOLIC, Comparison.AT_LEAST, mmHg(100))))));
        // parentheses group: (pregnant or breastfeeding) and age < 18 years
        assertThat(rule("CI-COMBINED", ScreeningRule.class).when()).isEqualTo(new ClientCondition.AllOf(List.of(
                new ClientCondition.AnyOf(List.of(new ClientCondition.Pregnant(), new ClientCondition.Breastfeeding())),
                new ClientCondition.Age(Comparison.LESS, 18))));
        assertThat(rule("CI-SOBRIETY", ScreeningRule.class).when())
                .isEqualTo(new ClientCondition.SubstanceUseWithin(Set.of("alcohol", "cannabis"), days(7)));
        assertThat(rule("CI-HISTORY", ScreeningRule.class).when()).isEqualTo(new ClientCondition.AnyOf(List.of(
                new ClientCondition.CodeIn(CodeCategory.HISTORY, Set.of("aneurysm")),
                new ClientCondition.CodeIn(CodeCategory.FAMILY_HISTORY, Set.of("schizophrenia")),
                new ClientCondition.Score(Instrument.PHQ9, Comparison.AT_LEAST, 27))));
        assertThat(rule("WARN-HR", ScreeningRule.class).when()).isEqualTo(new ClientCondition.AllOf(List.of(
                new ClientCondition.Vital(new VitalBound(VitalSign.HEART_RATE, Comparison.GREATER, bpm(110))),
                new ClientCondition.Vital(new VitalBound(VitalSign.RESPIRATORY_RATE, Comparison.LESS, breathsPerMinute(8))))));
    }

    // ---- dosing --------------------------------------------------------------------------------

    @Test
    void facts_over_time_required_facts_doses_taken_later_exclusions_weight_and_dispositions() {
        assertThat(rule("FACTS-REQUIRED", ScreeningRule.class).when())
                .isEqualTo(new ClientCondition.Recorded(java.util.Set.of("age", "weight", "pregnancy", "systolic")));
        ScreeningRule later = rule("CI-PREGNANCY-LATER", ScreeningRule.class);
        assertThat(later.when()).isEqualTo(new ClientCondition.Pregnant());
        assertThat(later.ifFoundLater()).containsExactly(new org.kap.core.adverse.TriggeredAction.HaltCourse(),
                new org.kap.core.adverse.TriggeredAction.CreateObligation(org.kap.core.obligation.ObligationKind.PRESCRIBER_REVIEW,
                        java.time.Duration.ofDays(1), false));
        assertThat(rule("HOLD-STIMULANTS", ScreeningRule.class).when())
                .isEqualTo(new ClientCondition.MedicationTakenWithin(java.util.Set.of("adhd_stimulant"), java.time.Duration.ofHours(24)));
        assertThat(rule("DOSE-IV-WEIGHT", DoseRule.WeightRecency.class).maximumAge()).isEqualTo(java.time.Duration.ofDays(30));
        ObservationRule.EndedOtherwise ended = rule("OBS-ENDED", ObservationRule.EndedOtherwise.class);
        assertThat(ended.dispositions()).containsExactlyInAnyOrder(org.kap.core.observation.Disposition.TRANSFERRED_TO_EMERGENCY_CARE,
                org.kap.core.observation.Disposition.LEFT_AGAINST_ADVICE);
        assertThat(ended.actions()).hasSize(2);
    }

    @Test
    void dose_rules_keep_their_units() {
        assertThat(rule("DOSE-IV-START", DoseRule.StartDose.class).maximum()).isEqualTo(mgPerKg("0.5"));
        assertThat(rule("DOSE-IV-MAX", DoseRule.SessionMaximum.class).maximum()).isEqualTo(mgPerKg("1.0")).isEqualTo(mgPerKg("1"));
        assertThat(rule("DOSE-IV-STEP", DoseRule.TitrationStep.class).maximumIncrease()).isEqualTo(mgPerKg("0.25"));
        assertThat(rule("DOSE-IV-OVER", DoseRule.InfusionDuration.class).minimum()).isEqualTo(minutes(40));
        assertThat(rule("DOSE-IV-RATE", DoseRule.InfusionRate.class).maximum()).isEqualTo(mgPerKgPerHour("1.5"));
        DoseRule.CumulativeLimit cumulative = rule("DOSE-IV-CUMULATIVE", DoseRule.CumulativeLimit.class);
        assertThat(cumulative.maximum()).isEqualTo(mg(300));
        assertThat(cumulative.period()).isEqualTo(days(7));
        assertThat(rule("DOSE-IN-SET", DoseRule.AllowedDoses.class).doses()).containsExactlyInAnyOrder(mg(28), mg(56), mg(84));
        assertThat(rule("DOSE-IN-FIRST", DoseRule.FirstDose.class).dose()).isEqualTo(mg(56));
        assertThat(rule("DOSE-IN-MAX", DoseRule.SessionMaximum.class).maximum()).isEqualTo(mg(84));
        assertThat(protocol.dosingFor(Route.INTRANASAL).orElseThrow().rules()).extracting(r -> r.info().id().value())
                .containsExactly("DOSE-IN-SET", "DOSE-IN-FIRST", "DOSE-IN-MAX");
    }

    // ---- spacing -------------------------------------------------------------------------------

    @Test
    void spacing_windows_rolling_and_calendar_week_and_phases() {
        assertThat(rule("SPACING-INTERVAL", SpacingRule.MinimumInterval.class).minimum()).isEqualTo(days(2));
        SpacingRule.SessionFrequency plain = rule("SPACING-28D", SpacingRule.SessionFrequency.class);
        assertThat(plain.maximum()).isEqualTo(6);
        assertThat(plain.window()).as("a window without 'rolling' is rolling").isEqualTo(new Window.Rolling(days(28)));
        assertThat(rule("SPACING-2W", SpacingRule.SessionFrequency.class).window()).isEqualTo(new Window.Rolling(days(14)));

        SpacingRule.PhaseFrequency induction = rule("PHASE-INDUCTION", SpacingRule.PhaseFrequency.class);
        assertThat(List.of(induction.fromWeek(), induction.toWeek(), induction.maximum())).containsExactly(1, 4, 2);
        assertThat(induction.window()).isEqualTo(new Window.CalendarWeek());
        assertThat(induction.covers(4)).isTrue();
        assertThat(induction.covers(5)).isFalse();

        SpacingRule.PhaseFrequency maintenance = rule("PHASE-MAINTENANCE", SpacingRule.PhaseFrequency.class);
        assertThat(maintenance.fromWeek()).isEqualTo(9);
        assertThat(maintenance.toWeek()).as("weeks 9+ is open-ended").isNull();
        assertThat(maintenance.covers(8)).isFalse();
        assertThat(maintenance.covers(520)).isTrue();
        assertThat(maintenance.window()).isEqualTo(new Window.Rolling(days(7)));
    }

    // ---- sequencing and session start ------------------------------------------------------------------

    @Test
    void sequencing() {
        assertThat(rule("PREP-2", SequencingRule.PreparationRequired.class).sessions()).isEqualTo(2);
        SequencingRule.IntegrationWindow forRoutes = rule("INTEGRATION-IV", SequencingRule.IntegrationWindow.class);
        assertThat(forRoutes.routes()).containsExactlyInAnyOrder(Route.IV, Route.INTRANASAL);
        assertThat(forRoutes.earliest()).isEqualTo(Duration.ZERO);
        assertThat(forRoutes.latest()).isEqualTo(hours(72));
        SequencingRule.IntegrationWindow anyRoute = rule("INTEGRATION-ANY", SequencingRule.IntegrationWindow.class);
        assertThat(anyRoute.routes()).isEmpty();
        assertThat(anyRoute.appliesTo(Route.ORAL)).isTrue();
        assertThat(List.of(anyRoute.earliest(), anyRoute.latest())).containsExactly(days(1), days(7));
        assertThat(rule("INTEGRATION-NEXT", SequencingRule.IntegrationBeforeNextDose.class).info().message()).isEqualTo("next");
    }

    @Test
    void session_start() {
        assertThat(rule("SETTING-OXIMETER", SessionStartRule.SettingRequirement.class).feature())
                .isEqualTo(SettingFeature.PULSE_OXIMETER);
        assertThat(rule("PREDOSE-SBP", SessionStartRule.PreDoseVital.class).required())
                .isEqualTo(new VitalBound(VitalSign.SYSTOLIC, Comparison.AT_MOST, mmHg(140)));
        assertThat(rule("PREDOSE-SPO2", SessionStartRule.PreDoseVital.class).required())
                .isEqualTo(new VitalBound(VitalSign.SPO2, Comparison.AT_LEAST, percent(95)));
        assertThat(rule("PREDOSE-RECENT", SessionStartRule.PreDoseRecency.class).maximumAge()).isEqualTo(minutes(30));
        assertThat(rule("APPROVAL-VALID", SessionStartRule.ApprovalExpiry.class).validFor()).isEqualTo(hours(24));
    }

    // ---- vitals and actions ------------------------------------------------------------------------

    @Test
    void vital_triggers_with_readings_and_every_action() {
        VitalTrigger spo2 = rule("TRIG-SPO2", VitalTrigger.class);
        assertThat(spo2.condition()).isEqualTo(new VitalCondition.Absolute(new VitalBound(VitalSign.SPO2, Comparison.LESS, percent(92))));
        assertThat(spo2.readings()).isEqualTo(2);
        assertThat(spo2.apart()).isEqualTo(minutes(5));
        assertThat(spo2.actions()).containsExactly(
                new TriggeredAction.RaiseAdverseEvent(AdverseEventType.RESPIRATORY_DEPRESSION, 3,
                        Set.of(Seriousness.LIFE_THREATENING, Seriousness.HOSPITALISATION)),
                new TriggeredAction.StopSession());

        VitalTrigger rise = rule("TRIG-BP-RISE", VitalTrigger.class);
        assertThat(rise.condition()).isEqualTo(new VitalCondition.RiseOverBaseline(VitalSign.SYSTOLIC, mmHg(40)));
        assertThat(rise.readings()).as("one reading when none is said").isEqualTo(1);
        assertThat(rise.apart()).isEqualTo(Duration.ZERO);
        assertThat(rise.actions()).containsExactly(new TriggeredAction.ExtendObservation(minutes(30)));

        VitalTrigger risePercent = rule("TRIG-BP-RISE-PCT", VitalTrigger.class);
        assertThat(risePercent.condition()).isEqualTo(new VitalCondition.RisePercentOverBaseline(VitalSign.DIASTOLIC, percent(25)));
        assertThat(risePercent.actions()).containsExactly(
                new TriggeredAction.CreateObligation(ObligationKind.PRESCRIBER_REVIEW, hours(2), true),
                new TriggeredAction.HaltCourse());

        assertThat(rule("TRIG-HR", VitalTrigger.class).condition())
                .isEqualTo(new VitalCondition.Absolute(new VitalBound(VitalSign.HEART_RATE, Comparison.NOT_EQUAL, bpm(60))));
    }

    // ---- observation and discharge ---------------------------------------------------------------

    @Test
    void observation_anchors_checks_and_extensions() {
        ObservationRule.ObservationMinimum minimum = rule("OBS-MIN", ObservationRule.ObservationMinimum.class);
        assertThat(minimum.anchor()).isEqualTo(Anchor.DOSE_START);
        assertThat(minimum.minimum()).isEqualTo(hours(2));
        ObservationRule.ObservationMinimum afterInfusion = rule("OBS-INFUSION", ObservationRule.ObservationMinimum.class);
        assertThat(afterInfusion.anchor()).isEqualTo(Anchor.INFUSION_END);
        assertThat(afterInfusion.minimum()).isEqualTo(minutes(60));

        ObservationRule.ScheduledCheck check = rule("OBS-CHECK-40", ObservationRule.ScheduledCheck.class);
        assertThat(check.signs()).containsExactlyInAnyOrder(VitalSign.SYSTOLIC, VitalSign.DIASTOLIC, VitalSign.SPO2);
        assertThat(List.of(check.offset(), check.tolerance())).containsExactly(minutes(40), minutes(10));
        assertThat(check.anchor()).isEqualTo(Anchor.DOSE_START);
        ObservationRule.ScheduledCheck atEnd = rule("OBS-CHECK-END", ObservationRule.ScheduledCheck.class);
        assertThat(atEnd.anchor()).isEqualTo(Anchor.LAST_DEVICE);
        assertThat(atEnd.tolerance()).as("no tolerance written").isEqualTo(Duration.ZERO);

        ObservationRule.ObservationExtension extension = rule("OBS-EXTEND", ObservationRule.ObservationExtension.class);
        assertThat(extension.when()).isEqualTo(new ClientCondition.Age(Comparison.AT_LEAST, 65));
        assertThat(extension.extra()).isEqualTo(minutes(30));
    }

    @Test
    void discharge_criteria() {
        assertThat(rule("DIS-SBP", DischargeCriterion.DischargeVital.class).required())
                .isEqualTo(new VitalBound(VitalSign.SYSTOLIC, Comparison.LESS, mmHg(160)));
        DischargeCriterion.DischargeScore score = rule("DIS-MOAAS", DischargeCriterion.DischargeScore.class);
        assertThat(score.instrument()).isEqualTo(Instrument.MOAAS);
        assertThat(score.comparison()).isEqualTo(Comparison.AT_LEAST);
        assertThat(score.value()).isEqualTo(5);
        DischargeCriterion.DischargeNearBaseline near = rule("DIS-NEAR", DischargeCriterion.DischargeNearBaseline.class);
        assertThat(near.sign()).isEqualTo(VitalSign.HEART_RATE);
        assertThat(near.within()).isEqualTo(Percent.of(20));
        assertThat(rule("DIS-ESCORT", DischargeCriterion.EscortRequired.class).info().message()).isEqualTo("escort");
        assertThat(rule("DIS-NO-DRIVING", DischargeCriterion.NoSelfDriving.class).info().message()).isEqualTo("no driving");
    }

    // ---- adverse events, obligations, outcomes ---------------------------------------------------------

    @Test
    void adverse_event_rules() {
        AdverseEventRule serious = rule("AE-SERIOUS", AdverseEventRule.class);
        assertThat(serious.on().get(0).seriousness()).isEqualTo(AdverseEventRule.SeriousnessClause.ONLY);
        assertThat(serious.on().get(0).types()).isEmpty();
        assertThat(serious.actions()).containsExactly(new TriggeredAction.HaltCourse());
        assertThat(serious.matches(AdverseEventType.NAUSEA_VOMITING, 1, true)).isTrue();
        assertThat(serious.matches(AdverseEventType.NAUSEA_VOMITING, 5, false)).isFalse();

        AdverseEventRule severe = rule("AE-SEVERE", AdverseEventRule.class);
        assertThat(severe.on().get(0).types()).as("'any' is every type").isEmpty();
        assertThat(severe.on().get(0).minimumGrade()).isEqualTo(3);
        assertThat(severe.on().get(0).seriousness()).isEqualTo(AdverseEventRule.SeriousnessClause.OR_SERIOUS);
        assertThat(severe.actions()).containsExactly(new TriggeredAction.StopSession(),
                new TriggeredAction.CreateObligation(ObligationKind.ADVERSE_EVENT_REPORT, days(1), false));

        AdverseEventRule emergence = rule("AE-EMERGENCE", AdverseEventRule.class);
        assertThat(emergence.on().get(0).types()).containsExactlyInAnyOrder(AdverseEventType.EMERGENCE_REACTION, AdverseEventType.DISSOCIATION);
        assertThat(emergence.on().get(0).minimumGrade()).isEqualTo(2);
        assertThat(emergence.on().get(0).seriousness()).isEqualTo(AdverseEventRule.SeriousnessClause.IGNORED);
        assertThat(emergence.actions()).containsExactly(new TriggeredAction.ExtendObservation(hours(1)));

        AdverseEventRule any = rule("AE-ANY", AdverseEventRule.class);
        assertThat(any.on().get(0).minimumGrade()).as("no grade written: every grade").isEqualTo(1);
        assertThat(any.actions()).containsExactly(new TriggeredAction.CreateObligation(ObligationKind.MONITORING_FORM, days(3), false));
    }

    @Test
    void obligations() {
        assertThat(rule("OBL-MONITORING", ObligationRule.class)).isEqualTo(new ObligationRule(
                info("OBL-MONITORING", "form", "s", Enforcement.ABSOLUTE), ObligationKind.MONITORING_FORM, days(1), true));
        ObligationRule review = rule("OBL-REVIEW", ObligationRule.class);
        assertThat(review.kind()).isEqualTo(ObligationKind.PRESCRIBER_REVIEW);
        assertThat(review.dueWithin()).isEqualTo(days(3));
        assertThat(review.blocksDosingWhenOverdue()).isFalse();
    }

    @Test
    void outcomes() {
        assertThat(rule("MEASURE-PHQ9", OutcomeRule.OutcomeMeasure.class).instrument()).isEqualTo(Instrument.PHQ9);
        OutcomeRule.ReviewPoint plain = rule("REVIEW-4", OutcomeRule.ReviewPoint.class);
        assertThat(plain.afterSessions()).isEqualTo(4);
        assertThat(plain.instrument()).isNull();
        assertThat(plain.requiredImprovement()).isNull();
        OutcomeRule.ReviewPoint response = rule("REVIEW-6", OutcomeRule.ReviewPoint.class);
        assertThat(response.afterSessions()).isEqualTo(6);
        assertThat(response.instrument()).isEqualTo(Instrument.MADRS);
        assertThat(response.requiredImprovement()).isEqualTo(percent(50));
    }

    // ---- time units ----------------------------------------------------------------------------

    @Test
    void every_spelling_of_a_time_unit_means_the_same_duration() {
        String base = """
                protocol "times" version 1
                status draft
                dosing route IM:
                  rule DOSE-IM-MAX: max 1 mg/kg per session message "m"
                observation:
                  rule OBS-MIN: at least %s after dose_start message "m"
                """;
        for (var spelling : List.of(
                List.of("90 min", "90 minutes", "90 minute", "1.5 h", "1.5 hours", "1.5 hour"),
                List.of("2 days", "2 day", "48 h"),
                List.of("1 week", "1 weeks", "7 days"))) {
            Duration first = null;
            for (String written : spelling) {
                Protocol p = ProtocolCompiler.compile("t.kap", base.formatted(written)).protocol();
                assertThat(p).as(written).isNotNull();
                Duration d = p.rulesOf(ObservationRule.ObservationMinimum.class).get(0).minimum();
                first = first == null ? d : first;
                assertThat(d).as(written).isEqualTo(first);
            }
        }
    }
}
