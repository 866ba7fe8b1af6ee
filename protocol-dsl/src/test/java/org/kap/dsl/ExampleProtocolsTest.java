package org.kap.dsl;

import org.junit.jupiter.api.Test;
import org.kap.core.dosing.DoseRule;
import org.kap.core.dosing.Route;
import org.kap.core.obligation.ObligationKind;
import org.kap.core.obligation.ObligationRule;
import org.kap.core.observation.Anchor;
import org.kap.core.observation.ObservationRule.ObservationMinimum;
import org.kap.core.observation.ObservationRule.ScheduledCheck;
import org.kap.core.protocol.Protocol;
import org.kap.core.protocol.ProtocolStatus;
import org.kap.core.rule.Rule;
import org.kap.core.sequencing.SequencingRule.IntegrationWindow;
import org.kap.core.sequencing.SequencingRule.PreparationRequired;
import org.kap.core.spacing.SpacingRule.PhaseFrequency;
import org.kap.core.spacing.Window;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kap.core.units.Units.*;

/** The four example protocols in protocols/ compile cleanly and say what their sources say. */
class ExampleProtocolsTest {

    private static final Path PROTOCOLS = Path.of("../protocols");

    private static CompileResult compile(String file) throws IOException {
        String text = Files.readString(PROTOCOLS.resolve(file));
        CompileResult result = ProtocolCompiler.compile(file, text);
        assertThat(result.diagnostics()).as(file + " checks with no error and no warning").isEmpty();
        assertThat(result.protocol().sourceSha256()).isEqualTo(ProtocolCompiler.sha256(text)).hasSize(64);
        assertThat(result.protocol().status()).isEqualTo(ProtocolStatus.ACTIVE);
        assertThat(result.protocol().rules()).allSatisfy(rule -> assertThat(rule.info().citation())
                .as(rule.info().id() + " cites its source").isNotBlank());
        return result;
    }

    private static <R> R only(Protocol p, Class<R> kind, String ruleId) {
        Rule rule = p.rule(org.kap.core.rule.RuleId.of(ruleId)).orElseThrow();
        assertThat(rule).isInstanceOf(kind);
        return kind.cast(rule);
    }

    @Test
    void every_file_in_protocols_checks_clean() throws IOException {
        try (var files = Files.list(PROTOCOLS)) {
            List<Path> all = files.filter(f -> f.toString().endsWith(".kap")).toList();
            assertThat(all).hasSizeGreaterThanOrEqualTo(4);
            for (Path f : all) {
                compile(f.getFileName().toString());
            }
        }
    }

    @Test
    void spravato_follows_the_label_and_the_rems() throws IOException {
        Protocol p = compile("spravato-trd.kap").protocol();
        assertThat(p.dosing()).containsOnlyKeys(Route.INTRANASAL);
        assertThat(only(p, DoseRule.AllowedDoses.class, "DOSE-IN-SET").doses()).containsExactlyInAnyOrder(mg(56), mg(84));
        assertThat(only(p, DoseRule.FirstDose.class, "DOSE-IN-FIRST").dose()).isEqualTo(mg(56));
        PhaseFrequency induction = only(p, PhaseFrequency.class, "PHASE-INDUCTION");
        assertThat(List.of(induction.fromWeek(), induction.toWeek(), induction.maximum())).containsExactly(1, 4, 2);
        assertThat(induction.window()).isInstanceOf(Window.CalendarWeek.class);
        assertThat(only(p, PhaseFrequency.class, "PHASE-CONTINUATION").toWeek()).isNull();
        ObservationMinimum minimum = only(p, ObservationMinimum.class, "OBS-MIN");
        assertThat(minimum.minimum()).isEqualTo(minutes(120));
        assertThat(minimum.anchor()).isEqualTo(Anchor.DOSE_START);
        ScheduledCheck bp40 = only(p, ScheduledCheck.class, "OBS-BP-40");
        assertThat(List.of(bp40.offset(), bp40.tolerance())).containsExactly(minutes(40), minutes(10));
        ObligationRule form = only(p, ObligationRule.class, "OBL-REMS-FORM");
        assertThat(form.kind()).isEqualTo(ObligationKind.MONITORING_FORM);
        assertThat(form.dueWithin()).isEqualTo(days(7));
        assertThat(form.blocksDosingWhenOverdue()).isTrue();
        assertThat(p.rule(org.kap.core.rule.RuleId.of("PREDOSE-SBP")).orElseThrow().info().enforcement())
                .hasToString("relative, overridable by prescriber");
    }

    @Test
    void iv_ketamine_is_half_a_milligram_per_kilogram_over_forty_minutes() throws IOException {
        Protocol p = compile("iv-ketamine.kap").protocol();
        assertThat(only(p, DoseRule.SessionMaximum.class, "DOSE-IV-MAX").maximum()).isEqualTo(mgPerKg("0.5"));
        assertThat(only(p, DoseRule.InfusionDuration.class, "DOSE-IV-DURATION").minimum()).isEqualTo(minutes(40));
        assertThat(only(p, DoseRule.InfusionRate.class, "DOSE-IV-RATE").maximum()).isEqualTo(mgPerKgPerHour("1"));
        assertThat(only(p, ObservationMinimum.class, "OBS-MIN").anchor()).isEqualTo(Anchor.INFUSION_END);
        assertThat(p.rulesOf(ScheduledCheck.class)).hasSize(3);
    }

    @Test
    void kap_sublingual_prepares_three_times_and_integrates_within_a_week() throws IOException {
        Protocol p = compile("kap-sublingual.kap").protocol();
        assertThat(only(p, DoseRule.SessionMaximum.class, "DOSE-SL-MAX").maximum()).isEqualTo(mg(400));
        assertThat(only(p, DoseRule.StartDose.class, "DOSE-SL-START").maximum()).isEqualTo(mg(100));
        assertThat(only(p, PreparationRequired.class, "PREP-3").sessions()).isEqualTo(3);
        IntegrationWindow window = only(p, IntegrationWindow.class, "INTEGRATION-SL");
        assertThat(window.routes()).isEqualTo(Set.of(Route.SUBLINGUAL));
        assertThat(List.of(window.earliest(), window.latest())).containsExactly(days(1), days(7));
        assertThat(only(p, ObservationMinimum.class, "OBS-MIN").minimum()).isEqualTo(minutes(150));
    }

    @Test
    void kap_im_limits_weight_based_doses_and_integrates_within_three_days() throws IOException {
        Protocol p = compile("kap-im.kap").protocol();
        assertThat(only(p, DoseRule.SessionMaximum.class, "DOSE-IM-MAX").maximum()).isEqualTo(mgPerKg("1.5"));
        assertThat(only(p, DoseRule.SessionMaximum.class, "DOSE-IM-MAX-MG").maximum()).isEqualTo(mg(150));
        assertThat(only(p, DoseRule.TitrationStep.class, "DOSE-IM-STEP").maximumIncrease()).isEqualTo(mgPerKg("0.25"));
        IntegrationWindow window = only(p, IntegrationWindow.class, "INTEGRATION-IM");
        assertThat(List.of(window.earliest(), window.latest())).containsExactly(days(1), days(3));
        assertThat(only(p, ObservationMinimum.class, "OBS-MIN").anchor()).isEqualTo(Anchor.LAST_DEVICE);
    }
}
