package org.kap.dsl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error and warning the checker gives, with its line, column and words. Each case is a
 * protocol whose line 1-3 are a valid header, so the problem's position is easy to read off.
 */
class CheckerErrorsTest {

    private static final String HEADER = "protocol \"t\" version 1\nstatus draft\nindications: depression\n";
    private static final String DOSING = "dosing route IM:\n  rule DOSE-IM-MAX: max 1 mg/kg per session message \"m\" cite \"c\"\n";
    private static final String OBSERVATION = "observation:\n  rule OBS-MIN: at least 120 min after dose_start message \"m\" cite \"c\"\n";

    static Stream<Arguments> errors() {
        return Stream.of(
                // line 4 is the first line after the header; the dosing and observation sections follow the case
                error("dosing route IM:\n  rule X-1: maximum 1 mg per session message \"m\"\n", 5, 13, "unexpected 'maximum'"),
                error("screening:\n  rule CI-1: exclude when diagnosis in [a] mesage \"m\"\n", 5, 44, "unexpected 'mesage'"),
                error("dosing route nasal:\n  rule D-1: max 1 mg per session message \"m\"\n", 4, 14, "unknown route 'nasal'"),
                error("session:\n  rule P-1: pre-dose systolc < 140 mmHg message \"m\"\n", 5, 22, "unknown vital sign 'systolc' (did you mean 'systolic'?)"),
                error("discharge:\n  rule D-1: when padds >= 9 message \"m\"\n", 5, 18, "unknown vital sign or score 'padds' (did you mean 'padss'?)"),
                error("outcomes:\n  rule M-1: measure phq8 message \"m\"\n", 5, 21, "unknown instrument 'phq8'"),
                error("dosing route IM:\n  rule D-1: max 1 mgs per session message \"m\"\n", 5, 19, "unknown unit 'mgs' (did you mean 'mg'?)"),
                error("session:\n  rule P-1: pre-dose systolic < 140 mg/kg message \"m\"\n", 5, 37, "systolic is in mmHg, not mg/kg"),
                error("dosing route IM:\n  rule D-1: max 1 mmHg per session message \"m\"\n", 5, 19, "the per-session maximum is in mg or mg/kg, not mmHg"),
                error("dosing route IM:\n  rule D-1: max 1 per session message \"m\"\n", 5, 17, "needs a unit after 1"),
                error("dosing route IM:\n  rule D-1: start at most 2 mg/kg message \"m\"\n  rule D-2: max 1 mg/kg per session message \"m\"\n",
                        5, 3, "D-1: 2 mg/kg is above the per-session maximum 1 mg/kg (D-2)"),
                error("dosing route intranasal:\n  rule D-1: doses 56 mg or 84 mg message \"m\"\n  rule D-2: first dose 28 mg message \"m\"\n",
                        6, 3, "the first dose 28 mg is not among the allowed doses of D-1"),
                error("sequencing:\n  rule I-1: integration within 3 days to 1 day after discharge message \"m\"\n", 5, 42,
                        "the integration window ends (1 day) before it starts (3 days)"),
                error("spacing:\n  rule P-1: weeks 5-2: at most 1 sessions per calendar week message \"m\"\n", 5, 21, "the phase ends in week 2"),
                error("discharge:\n  rule D-1: when spo2 >= 120 % message \"m\"\n", 5, 26, "a percentage cannot exceed 100 %"),
                error("discharge:\n  rule D-1: when moaas >= 6 message \"m\"\n", 5, 27, "MOAA/S scores range 0-5; 6 is outside it"),
                error("adverse events:\n  rule A-1: on any grade >= 6: halt course message \"m\"\n", 5, 29, "a CTCAE grade is 1 to 5; got 6"),
                error("adverse events:\n  rule A-1: on any grade >= 3: record adverse event sedation grade 3 message \"m\"\n", 5, 53,
                        "an adverse-event rule cannot record another adverse event"),
                error("screening:\n  rule CI-1: exclude when pregnant message \"m\"\n  rule CI-1: exclude when breastfeeding message \"m\"\n",
                        6, 8, "duplicate rule id CI-1 (first used at line 5)"),
                error("screening:\n  rule CI-1 relative: exclude when pregnant message \"m\"\n", 5, 13,
                        "a relative rule says who may override it: relative override by prescriber"),
                error("screening:\n  rule CI-1 relative override by doctor: exclude when pregnant message \"m\"\n", 5, 34, "unknown role 'doctor'"),
                error("screening:\n  rule W-1 absolute: warn when pregnant message \"m\"\n", 5, 12, "a 'warn' rule only warns"),
                error("screening:\n  rule ENGINE-X: exclude when pregnant message \"m\"\n", 5, 8, "reserved for the engine"),
                error("screening:\n  rule ci_lower: exclude when pregnant message \"m\"\n", 5, 8, "must be upper-case words joined by '-'"),
                error("screening:\n  rule CI-1: exclude when pregnant\n", 5, 3, "rule CI-1 has no message"),
                error("screening:\n  rule CI-1: exclude when diagnoses in [a] message \"m\"\n", 5, 27, "unknown list field 'diagnoses' (did you mean 'diagnosis'?)"),
                error("screening:\n  rule CI-1: exclude when age < 18 message \"m\"\n", 5, 33, "age is in years: write 18 years"),
                error("screening:\n  rule CI-1: exclude when substance in [alcohol] message \"m\"\n", 5, 27, "say the abstinence window"),
                error("screening:\n  rule CI-1: exclude when pregnant message \"m\"\nscreening:\n  rule CI-2: exclude when breastfeeding message \"m\"\n",
                        6, 1, "the screening section appears twice (first at line 4)"),
                error("session:\n  rule S-1: require oxymeter message \"m\"\n", 5, 21, "unknown setting requirement 'oxymeter'"),
                error("observation:\n  rule O-2: at least 60 min after first_device message \"m\"\n", 5, 35, "unknown anchor 'first_device'"));
    }

    private static Arguments error(String body, int line, int column, String words) {
        return Arguments.of(body, line, column, words);
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("errors")
    void each_problem_is_reported_where_it_is(String body, int line, int column, String words) {
        CompileResult result = ProtocolCompiler.compile("t.kap", HEADER + body + DOSING + OBSERVATION);
        assertThat(result.hasErrors()).isTrue();
        assertThat(result.protocol()).isNull();
        assertThat(result.errors()).as(result.diagnostics().toString())
                .anySatisfy(d -> {
                    assertThat(d.message()).contains(words);
                    assertThat(List.of(d.line(), d.column())).containsExactly(line, column);
                });
    }

    @Test
    void identity_status_and_a_dosing_section_are_required() {
        assertThat(messages(ProtocolCompiler.compile("t.kap", "dosing route IM:\n")))
                .anyMatch(m -> m.contains("unexpected 'dosing'; expected 'protocol'"));
        assertThat(messages(ProtocolCompiler.compile("t.kap", "protocol \"t\" version 1\n" + DOSING + OBSERVATION)))
                .anyMatch(m -> m.contains("say the protocol's status"));
        assertThat(messages(ProtocolCompiler.compile("t.kap", HEADER + OBSERVATION)))
                .anyMatch(m -> m.contains("the protocol has no dosing section"));
        assertThat(messages(ProtocolCompiler.compile("t.kap", "protocol \"Bad Id\" version 0\nstatus draft\n" + DOSING + OBSERVATION)))
                .anyMatch(m -> m.contains("protocol id 'Bad Id' must be lower-case"))
                .anyMatch(m -> m.contains("the version must be a whole number of at least 1"));
        assertThat(messages(ProtocolCompiler.compile("t.kap", HEADER.replace("draft", "published") + DOSING + OBSERVATION)))
                .anyMatch(m -> m.contains("unknown status 'published'"));
    }

    @Test
    void warnings_name_a_route_without_maximum_a_missing_minimum_and_missing_citations_when_active() {
        String noMax = HEADER + "dosing route IM:\n  rule D-1: step at most 0.25 mg/kg message \"m\" cite \"c\"\n";
        CompileResult result = ProtocolCompiler.compile("t.kap", noMax);
        assertThat(result.hasErrors()).isFalse();
        assertThat(result.warnings()).extracting(Diagnostic::message)
                .anyMatch(m -> m.startsWith("route IM has no maximum"))
                .anyMatch(m -> m.startsWith("no minimum observation"));
        assertThat(result.warnings()).filteredOn(d -> d.message().startsWith("route IM")).first()
                .satisfies(d -> assertThat(List.of(d.line(), d.column())).containsExactly(4, 1));

        String uncited = "dosing route IM:\n  rule D-1: max 1 mg/kg per session message \"m\"\n" + OBSERVATION;
        assertThat(ProtocolCompiler.compile("t.kap", HEADER + uncited).warnings()).isEmpty();
        CompileResult active = ProtocolCompiler.compile("t.kap", HEADER.replace("draft", "active") + uncited);
        assertThat(active.warnings()).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("rule D-1 has no citation, in an active protocol"));
        assertThat(active.protocol()).as("warnings do not stop compilation").isNotNull();
    }

    /** The acceptance case of the DSL issue: three different errors, all reported, and exit code 1. */
    @Test
    void a_unit_mismatch_a_duplicate_id_and_a_syntax_error_are_all_reported_with_exit_code_1(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("three.kap");
        Files.writeString(file, HEADER
                + "dosing route IM:\n"
                + "  rule DOSE-IM-MAX: max 1.0 mg/kg per session message \"m\" cite \"c\"\n"
                + "session:\n"
                + "  rule PREDOSE-SBP: pre-dose systolic < 1.5 mg/kg message \"m\" cite \"c\"\n"
                + "  rule DOSE-IM-MAX: pre-dose vitals within 30 min message \"m\" cite \"c\"\n"
                + "  rule APPROVAL-VALID: approval valid for for 24 h message \"m\" cite \"c\"\n"
                + OBSERVATION);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new org.kap.dsl.cli.KapCommand(new PrintStream(out, true, StandardCharsets.UTF_8), System.err)
                .run("check", file.toString());
        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                file + ":7:45: error: systolic is in mmHg, not mg/kg",
                file + ":8:8: error: duplicate rule id DOSE-IM-MAX (first used at line 5); rule ids must be unique",
                file + ":9:43: error: unexpected 'for'; expected a number");
    }

    private static List<String> messages(CompileResult result) {
        return result.diagnostics().stream().map(Diagnostic::message).toList();
    }
}
