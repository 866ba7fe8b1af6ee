package org.kap.dsl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kap.core.adverse.AdverseEventRule;
import org.kap.core.adverse.TriggeredAction;
import org.kap.core.dosing.DoseRule;
import org.kap.core.dosing.Route;
import org.kap.core.examples.SpravatoProtocol;
import org.kap.core.obligation.ObligationKind;
import org.kap.core.obligation.ObligationRule;
import org.kap.core.observation.Anchor;
import org.kap.core.observation.DischargeCriterion;
import org.kap.core.observation.ObservationRule.ObservationMinimum;
import org.kap.core.observation.ObservationRule.ScheduledCheck;
import org.kap.core.outcome.OutcomeRule.ReviewPoint;
import org.kap.core.protocol.Protocol;
import org.kap.core.protocol.ProtocolStatus;
import org.kap.core.rule.Comparison;
import org.kap.core.rule.Enforcement;
import org.kap.core.rule.Role;
import org.kap.core.rule.Rule;
import org.kap.core.rule.RuleId;
import org.kap.core.sequencing.SequencingRule.IntegrationBeforeNextDose;
import org.kap.core.sequencing.SequencingRule.IntegrationWindow;
import org.kap.core.sequencing.SequencingRule.PreparationRequired;
import org.kap.core.session.SessionStartRule.PreDoseVital;
import org.kap.core.session.SessionStartRule.SettingRequirement;
import org.kap.core.session.SettingFeature;
import org.kap.core.spacing.SpacingRule.PhaseFrequency;
import org.kap.core.spacing.SpacingRule.SessionFrequency;
import org.kap.core.spacing.Window;
import org.kap.core.vitals.VitalBound;
import org.kap.core.vitals.VitalSign;
import org.kap.core.vitals.VitalTrigger;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kap.core.units.Units.*;

/** The four example protocols in protocols/ compile cleanly and say what their sources say. */
class ExampleProtocolsTest {

    /** Tests run with the module as working directory. */
    private static final Path PROTOCOLS = Path.of("../protocols");
    private static final List<String> EXAMPLES = List.of("spravato-trd.kap", "iv-ketamine.kap", "kap-sublingual.kap", "kap-im.kap");
    /** The libraries the examples import, as the repository keeps them. */
    private static final Libraries LIBRARIES = org.kap.dsl.cli.FileLibraries.in(PROTOCOLS.resolve("libraries"));

    private static Protocol compile(String file) throws IOException {
        String text = Files.readString(PROTOCOLS.resolve(file));
        CompileResult result = ProtocolCompiler.compile(file, text, LIBRARIES);
        assertThat(result.errors()).as(file + " checks with no error").isEmpty();
        assertThat(result.warnings()).as(file + " checks with no warning").isEmpty();
        Protocol p = result.protocol();
        assertThat(p).isNotNull();
        assertThat(p.sourceSha256()).isEqualTo(ProtocolCompiler.sha256(text)).hasSize(64).matches("[0-9a-f]{64}");
        return p;
    }

    private static <R> R only(Protocol p, Class<R> kind, String ruleId) {
        Rule rule = p.rule(RuleId.of(ruleId)).orElseThrow(() -> new AssertionError("no rule " + ruleId + " in " + p.ref()));
        assertThat(rule).as(ruleId).isInstanceOf(kind);
        return kind.cast(rule);
    }

    private static Enforcement enforcement(Protocol p, String ruleId) {
        return p.rule(RuleId.of(ruleId)).orElseThrow().info().enforcement();
    }

    private static void assertBound(org.kap.core.vitals.VitalRequirement required, VitalSign sign, Comparison comparison, String limit) {
        assertThat(required).as("a single bound").isInstanceOf(VitalBound.class);
        VitalBound bound = (VitalBound) required;
        assertThat(bound.sign()).isEqualTo(sign);
        assertThat(bound.comparison()).isEqualTo(comparison);
        assertThat(bound.limit().value()).isEqualByComparingTo(limit);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"spravato-trd.kap", "iv-ketamine.kap", "kap-sublingual.kap", "kap-im.kap"})
    void each_example_is_an_active_version_with_messages_and_citations(String file) throws IOException {
        Protocol p = compile(file);
        assertThat(p.ref().id()).isEqualTo(file.replace(".kap", ""));
        // kap-sublingual's second version added a weekly cumulative limit and a score warning
        assertThat(p.ref().version()).isEqualTo(file.equals("kap-sublingual.kap") ? 2 : 1);
        assertThat(p.status()).isEqualTo(ProtocolStatus.ACTIVE);
        assertThat(p.title()).isNotBlank();
        assertThat(p.indications()).isNotEmpty();
        assertThat(p.rules()).hasSizeGreaterThan(25).allSatisfy(rule -> {
            assertThat(rule.info().message()).as(rule.info().id() + " has a message").isNotBlank();
            assertThat(rule.info().citation()).as(rule.info().id() + " cites its source").isNotBlank();
        });
        assertThat(p.rulesOf(ObservationMinimum.class)).isNotEmpty();
        assertThat(p.rulesOf(DischargeCriterion.NoSelfDriving.class)).isNotEmpty();
    }

    /** The versions written with facts over time cite only public sources or say the value is the protocol's choice. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"kap-im-v2.kap", "iv-ketamine-v2.kap", "spravato-trd-v2.kap"})
    void each_second_version_cites_public_sources_only(String file) throws IOException {
        Protocol p = compile(file);
        assertThat(p.ref().version()).isEqualTo(2);
        assertThat(p.rules()).hasSizeGreaterThan(25).allSatisfy(rule -> {
            assertThat(rule.info().message()).as(rule.info().id() + " has a message").isNotBlank();
            assertThat(rule.info().citation()).as(rule.info().id() + " cites a public source").isNotBlank()
                    .doesNotMatch("(?i).*refer\\w*\\.md.*").doesNotContain("[I]");
        });
    }

    /**
     * The third versions bind every condition, history item and drug class their rules name to a value set with its
     * public source; only substance use stays in the protocol's words (it is recorded as words, never coded).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"kap-im-v3.kap", "iv-ketamine-v3.kap", "spravato-trd-v3.kap", "kap-sublingual-v3.kap"})
    void each_third_version_binds_its_words_to_cited_value_sets(String file) throws IOException {
        Protocol p = compile(file);
        assertThat(p.ref().version()).isEqualTo(3);
        assertThat(p.valueSets()).allSatisfy(set -> assertThat(set.cite()).as(set.label() + " cites its source").isNotBlank());
        assertThat(p.valueSets()).as("codes from public code systems").anyMatch(set -> !set.members().isEmpty());
        List<org.kap.core.terminology.Terms> lists = new java.util.ArrayList<>();
        p.screening().forEach(rule -> collect(rule.when(), lists));
        p.observation().stream().filter(org.kap.core.observation.ObservationRule.ObservationExtension.class::isInstance)
                .forEach(rule -> collect(((org.kap.core.observation.ObservationRule.ObservationExtension) rule).when(), lists));
        assertThat(lists).isNotEmpty().allSatisfy(terms -> {
            assertThat(terms.words()).as(terms + " names value sets only").isEmpty();
            assertThat(terms.sets()).isNotEmpty();
        });
        assertThat(p.valueSets()).extracting(org.kap.core.terminology.ValueSet::name).contains("treated_conditions");
    }

    private static void collect(org.kap.core.screening.ClientCondition condition, List<org.kap.core.terminology.Terms> lists) {
        if (condition instanceof org.kap.core.screening.ClientCondition.CodeIn in) {
            lists.add(in.terms());
        } else if (condition instanceof org.kap.core.screening.ClientCondition.MedicationTakenWithin taken) {
            lists.add(taken.drugs());
        } else if (condition instanceof org.kap.core.screening.ClientCondition.AnyOf any) {
            any.parts().forEach(part -> collect(part, lists));
        } else if (condition instanceof org.kap.core.screening.ClientCondition.AllOf all) {
            all.parts().forEach(part -> collect(part, lists));
        }
    }

    /** A value set as content: name, version, words, codes and source, wherever it was written. */
    private static List<String> content(Protocol p) {
        return p.valueSets().stream().map(set -> set.label() + " " + set.words() + " " + set.members() + " " + set.cite()).sorted().toList();
    }

    @Test
    void the_fourth_sublingual_version_imports_the_shared_sets_and_means_what_the_third_does() throws IOException {
        Protocol third = compile("kap-sublingual-v3.kap");
        Protocol fourth = compile("kap-sublingual-v4.kap");
        assertThat(fourth.imports()).extracting(org.kap.core.terminology.ValueSetLibrary.Ref::label).containsExactly("kap-terms v1");
        assertThat(fourth.valueSets()).filteredOn(set -> set.library().isPresent()).extracting(org.kap.core.terminology.ValueSet::name)
                .containsExactlyInAnyOrder("psychotic_disorders", "manic_episodes", "ketamine_hypersensitivity", "benzodiazepines", "lamotrigine");
        assertThat(content(fourth)).as("the same sets, with the same codes and sources").isEqualTo(content(third));
        assertThat(fourth.rules().stream().map(r -> r.info().id().value() + ": " + r.describe()).toList())
                .as("the same rules").isEqualTo(third.rules().stream().map(r -> r.info().id().value() + ": " + r.describe()).toList());
    }

    @Test
    void the_example_library_checks_clean_and_cites_every_set() throws IOException {
        CompileResult result = ProtocolCompiler.compile("kap-terms-v1.kap", Files.readString(PROTOCOLS.resolve("libraries/kap-terms-v1.kap")));
        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.library().sets()).isNotEmpty().allSatisfy(set -> assertThat(set.cite()).as(set.label()).isNotBlank());
    }

    @Test
    void every_file_in_protocols_checks_clean() throws IOException {
        try (var files = Files.list(PROTOCOLS)) {
            List<String> all = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".kap")).sorted().toList();
            assertThat(all).containsAll(EXAMPLES);
            for (String f : all) {
                compile(f);
            }
        }
    }

    @Test
    void spravato_follows_the_label_and_the_rems() throws IOException {
        Protocol p = compile("spravato-trd.kap");
        assertThat(p.dosing()).containsOnlyKeys(Route.INTRANASAL);
        assertThat(only(p, DoseRule.AllowedDoses.class, "DOSE-IN-SET").doses()).containsExactlyInAnyOrder(mg(56), mg(84));
        assertThat(only(p, DoseRule.FirstDose.class, "DOSE-IN-FIRST").dose()).isEqualTo(mg(56));
        assertThat(only(p, DoseRule.SessionMaximum.class, "DOSE-IN-MAX").maximum()).isEqualTo(mg(84));

        PhaseFrequency induction = only(p, PhaseFrequency.class, "PHASE-INDUCTION");
        assertThat(List.of(induction.fromWeek(), induction.toWeek(), induction.maximum())).containsExactly(1, 4, 2);
        assertThat(induction.window()).isInstanceOf(Window.CalendarWeek.class);
        PhaseFrequency weeks5to8 = only(p, PhaseFrequency.class, "PHASE-MAINTENANCE-1");
        assertThat(List.of(weeks5to8.fromWeek(), weeks5to8.toWeek(), weeks5to8.maximum())).containsExactly(5, 8, 1);
        assertThat(weeks5to8.window()).isInstanceOf(Window.CalendarWeek.class);
        PhaseFrequency week9on = only(p, PhaseFrequency.class, "PHASE-MAINTENANCE-2");
        assertThat(week9on.fromWeek()).isEqualTo(9);
        assertThat(week9on.toWeek()).isNull();
        assertThat(week9on.maximum()).isEqualTo(1);

        assertThat(p.rulesOf(SettingRequirement.class)).extracting(SettingRequirement::feature).containsExactlyInAnyOrder(
                SettingFeature.CERTIFIED_SETTING, SettingFeature.PATIENT_ENROLLED, SettingFeature.PRESCRIBER_ON_SITE,
                SettingFeature.PULSE_OXIMETER);
        assertBound(only(p, PreDoseVital.class, "PREDOSE-SBP").required(), VitalSign.SYSTOLIC, Comparison.AT_MOST, "140");
        assertBound(only(p, PreDoseVital.class, "PREDOSE-DBP").required(), VitalSign.DIASTOLIC, Comparison.AT_MOST, "90");
        assertThat(enforcement(p, "PREDOSE-SBP")).isEqualTo(new Enforcement.Relative(Role.PRESCRIBER));
        assertThat(enforcement(p, "PREDOSE-DBP")).isEqualTo(new Enforcement.Relative(Role.PRESCRIBER));

        VitalTrigger spo2 = only(p, VitalTrigger.class, "TRIG-SPO2");
        assertThat(spo2.readings()).isEqualTo(2);
        assertThat(spo2.apart()).isEqualTo(minutes(5));
        assertThat(spo2.actions()).singleElement().isInstanceOf(TriggeredAction.RaiseAdverseEvent.class);

        ObservationMinimum minimum = only(p, ObservationMinimum.class, "OBS-MIN");
        assertThat(minimum.minimum()).isEqualTo(minutes(120));
        assertThat(minimum.anchor()).isEqualTo(Anchor.DOSE_START);
        ScheduledCheck bp40 = only(p, ScheduledCheck.class, "OBS-BP-40");
        assertThat(bp40.signs()).containsExactlyInAnyOrder(VitalSign.SYSTOLIC, VitalSign.DIASTOLIC);
        assertThat(List.of(bp40.offset(), bp40.tolerance())).containsExactly(minutes(40), minutes(10));

        DischargeCriterion.DischargeScore moaas = only(p, DischargeCriterion.DischargeScore.class, "DIS-MOAAS");
        assertThat(List.of(moaas.comparison(), moaas.value())).containsExactly(Comparison.AT_LEAST, 5);
        only(p, DischargeCriterion.NoSelfDriving.class, "DIS-NO-DRIVING");

        assertThat(only(p, AdverseEventRule.class, "AE-SEVERE").actions()).hasAtLeastOneElementOfType(TriggeredAction.HaltCourse.class);
        ObligationRule form = only(p, ObligationRule.class, "OBL-REMS-FORM");
        assertThat(form.kind()).isEqualTo(ObligationKind.MONITORING_FORM);
        assertThat(form.dueWithin()).isEqualTo(days(7));
        assertThat(form.blocksDosingWhenOverdue()).isTrue();
        ReviewPoint review = only(p, ReviewPoint.class, "REVIEW-INDUCTION");
        assertThat(review.afterSessions()).isEqualTo(8);
        assertThat(review.instrument()).isNull();
    }

    /** Not required of the text, but it is written to mean exactly what the Java example means. */
    @Test
    void spravato_text_means_what_the_java_example_means() throws IOException {
        Map<RuleId, String> fromText = meaning(compile("spravato-trd.kap"));
        Map<RuleId, String> fromJava = meaning(SpravatoProtocol.v1());
        assertThat(fromText).isEqualTo(fromJava);
    }

    private static Map<RuleId, String> meaning(Protocol p) {
        return p.rules().stream().collect(Collectors.toMap(r -> r.info().id(),
                r -> r.getClass().getSimpleName() + ": " + r.describe() + " [" + r.info().enforcement() + "]", (a, b) -> a,
                java.util.TreeMap::new));
    }

    @Test
    void iv_ketamine_is_half_a_milligram_per_kilogram_over_forty_minutes() throws IOException {
        Protocol p = compile("iv-ketamine.kap");
        assertThat(p.dosing()).containsOnlyKeys(Route.IV);
        var maximum = only(p, DoseRule.SessionMaximum.class, "DOSE-IV-MAX").maximum();
        var duration = only(p, DoseRule.InfusionDuration.class, "DOSE-IV-DURATION").minimum();
        var rate = only(p, DoseRule.InfusionRate.class, "DOSE-IV-RATE").maximum();
        assertThat(maximum).isEqualTo(mgPerKg("0.5"));
        assertThat(duration).isEqualTo(minutes(40));
        assertThat(rate).isEqualTo(mgPerKgPerHour("1"));
        // the standard infusion itself keeps to the rate ceiling: 0.5 mg/kg over 40 min is 0.75 mg/kg/h
        BigDecimal standardRate = maximum.value().multiply(BigDecimal.valueOf(60))
                .divide(BigDecimal.valueOf(duration.toMinutes()), MathContext.DECIMAL64);
        assertThat(standardRate).isLessThanOrEqualTo(rate.value());

        SessionFrequency week = only(p, SessionFrequency.class, "SPACING-WEEK");
        assertThat(week.maximum()).isEqualTo(3);
        assertThat(week.window()).isEqualTo(new Window.Rolling(days(7)));
        assertBound(only(p, PreDoseVital.class, "PREDOSE-SBP").required(), VitalSign.SYSTOLIC, Comparison.AT_MOST, "140");
        assertBound(only(p, PreDoseVital.class, "PREDOSE-DBP").required(), VitalSign.DIASTOLIC, Comparison.AT_MOST, "90");
        assertThat(enforcement(p, "PREDOSE-SBP")).isEqualTo(new Enforcement.Relative(Role.PRESCRIBER));

        ObservationMinimum minimum = only(p, ObservationMinimum.class, "OBS-MIN");
        assertThat(minimum.anchor()).isEqualTo(Anchor.INFUSION_END);
        assertThat(minimum.minimum()).isEqualTo(minutes(60));
        // blood pressure every 10 min during the infusion and every 15 min after it
        Map<Anchor, List<Duration>> checks = p.rulesOf(ScheduledCheck.class).stream()
                .peek(c -> assertThat(c.signs()).contains(VitalSign.SYSTOLIC, VitalSign.DIASTOLIC))
                .collect(Collectors.groupingBy(ScheduledCheck::anchor, Collectors.mapping(ScheduledCheck::offset,
                        Collectors.collectingAndThen(Collectors.toList(), l -> l.stream().sorted().toList()))));
        assertThat(checks).containsOnlyKeys(Anchor.DOSE_START, Anchor.INFUSION_END);
        assertThat(checks.get(Anchor.DOSE_START)).containsExactly(minutes(10), minutes(20), minutes(30), minutes(40));
        assertThat(checks.get(Anchor.INFUSION_END)).containsExactly(minutes(15), minutes(30), minutes(45), minutes(60));

        only(p, DischargeCriterion.EscortRequired.class, "DIS-ESCORT");
        only(p, DischargeCriterion.NoSelfDriving.class, "DIS-NO-DRIVING");
        ReviewPoint review = only(p, ReviewPoint.class, "REVIEW-6");
        assertThat(review.afterSessions()).isEqualTo(6);
        assertThat(review.instrument()).as("everyone is reassessed after the sixth infusion").isNull();
    }

    @Test
    void kap_sublingual_prepares_three_times_and_integrates_within_a_week() throws IOException {
        Protocol p = compile("kap-sublingual.kap");
        assertThat(p.dosing()).containsOnlyKeys(Route.SUBLINGUAL);
        assertThat(only(p, DoseRule.SessionMaximum.class, "DOSE-SL-MAX").maximum()).isEqualTo(mg(400));
        assertThat(only(p, DoseRule.StartDose.class, "DOSE-SL-START").maximum()).isEqualTo(mg(100));
        DoseRule.CumulativeLimit weekly = only(p, DoseRule.CumulativeLimit.class, "DOSE-SL-WEEK");
        assertThat(List.of(weekly.maximum(), weekly.period())).containsExactly(mg(500), days(7));
        assertThat(only(p, PreparationRequired.class, "PREP-3").sessions()).isEqualTo(3);
        IntegrationWindow window = only(p, IntegrationWindow.class, "INTEGRATION-SL");
        assertThat(window.routes()).isEqualTo(Set.of(Route.SUBLINGUAL));
        assertThat(List.of(window.earliest(), window.latest())).containsExactly(days(1), days(7));
        assertThat(p.rulesOf(IntegrationBeforeNextDose.class)).hasSize(1);
        ObservationMinimum minimum = only(p, ObservationMinimum.class, "OBS-MIN");
        assertThat(minimum.minimum()).isEqualTo(minutes(150));
        assertThat(minimum.anchor()).isEqualTo(Anchor.LAST_DEVICE);
        only(p, DischargeCriterion.EscortRequired.class, "DIS-ESCORT");
    }

    @Test
    void kap_im_limits_weight_based_doses_with_boosters_and_integrates_within_three_days() throws IOException {
        Protocol p = compile("kap-im.kap");
        assertThat(p.dosing()).containsOnlyKeys(Route.IM);
        Function<String, DoseRule.SessionMaximum> max = id -> only(p, DoseRule.SessionMaximum.class, id);
        assertThat(max.apply("DOSE-IM-MAX").maximum()).isEqualTo(mgPerKg("1.5"));
        assertThat(max.apply("DOSE-IM-MAX-MG").maximum()).isEqualTo(mg(150));
        assertThat(only(p, DoseRule.StartDose.class, "DOSE-IM-START").maximum()).isEqualTo(mgPerKg("0.5"));
        assertThat(only(p, DoseRule.TitrationStep.class, "DOSE-IM-STEP").maximumIncrease()).isEqualTo(mgPerKg("0.25"));
        assertThat(only(p, PreparationRequired.class, "PREP-2").sessions()).isEqualTo(2);
        IntegrationWindow window = only(p, IntegrationWindow.class, "INTEGRATION-IM");
        assertThat(window.routes()).isEqualTo(Set.of(Route.IM));
        assertThat(List.of(window.earliest(), window.latest())).containsExactly(days(1), days(3));
        ObservationMinimum minimum = only(p, ObservationMinimum.class, "OBS-MIN");
        assertThat(minimum.anchor()).isEqualTo(Anchor.LAST_DEVICE);
        assertThat(minimum.minimum()).isEqualTo(minutes(120));
        only(p, DischargeCriterion.EscortRequired.class, "DIS-ESCORT");
    }
}
