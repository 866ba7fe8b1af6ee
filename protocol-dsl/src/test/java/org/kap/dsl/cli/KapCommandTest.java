package org.kap.dsl.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.kap.core.protocol.Protocol;
import org.kap.dsl.ProtocolCompiler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command line's exit codes and output: 0 clean, 1 errors found, 2 usage or I/O error; never a stack trace. */
class KapCommandTest {

    private static final String CLEAN = """
            protocol "clean" version 1
            status draft
            dosing route IM:
              rule DOSE-IM-MAX: max 1 mg/kg per session message "m" cite "c"
            observation:
              rule OBS-MIN: at least 120 min after dose_start message "m" cite "c"
            """;

    /** One error on line 4, column 27: a blood-pressure unit where a dose belongs. */
    private static final String ONE_ERROR = CLEAN.replace("max 1 mg/kg", "max 1 mmHg");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private KapCommand kap;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        kap = new KapCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = KapCommandTest.class.getResourceAsStream("/samples/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void noStackTrace() {
        assertThat(out() + err()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("Error:");
    }

    // ---- check ---------------------------------------------------------------------------------

    @Test
    void a_clean_file_exits_0_and_prints_nothing() throws IOException {
        assertThat(kap.run("check", file("clean.kap", CLEAN).toString())).isEqualTo(KapCommand.CLEAN).isZero();
        assertThat(out()).isEmpty();
        assertThat(err()).isEmpty();
    }

    @Test
    void the_sample_protocol_checks_clean() throws IOException {
        assertThat(kap.run("check", file("kap-im.kap", resource("valid-kap-im.kap")).toString())).isZero();
        assertThat(out() + err()).isEmpty();
    }

    @Test
    void a_protocols_imports_are_found_in_the_libraries_directory_beside_it_and_explain_names_them() throws IOException {
        Files.createDirectories(dir.resolve("libraries"));
        Files.writeString(dir.resolve("libraries/terms.kap"), """
                library "terms" version 2
                value sets:
                  set psychotic_disorders: words schizophrenia icd-10-cm F20-F29 cite "ICD-10-CM FY2025"
                """);
        String importing = CLEAN.replace("status draft\n", "status draft\nimport psychotic_disorders from \"terms\" version 2\n")
                .replace("dosing route IM:", "screening:\n  rule CI-P: exclude when diagnosis in psychotic_disorders message \"m\" cite \"c\"\ndosing route IM:");
        Path f = file("importing.kap", importing);
        assertThat(kap.run("check", f.toString())).isZero();
        assertThat(out() + err()).isEmpty();
        assertThat(kap.run("explain", f.toString())).isZero();
        assertThat(out()).contains("psychotic_disorders v1  from terms v2 (sha256 ");

        Path missing = file("missing.kap", importing.replace("version 2\n", "version 3\n"));
        assertThat(kap.run("check", missing.toString())).isEqualTo(KapCommand.ERRORS);
        assertThat(out()).contains(missing + ":3:1: error: library \"terms\" version 3 is not found (looked in " + dir.toAbsolutePath()
                + " and " + dir.toAbsolutePath().resolve("libraries") + ")");
    }

    @Test
    void diff_prints_each_rule_added_removed_or_changed_with_its_old_and_new_meaning() throws IOException {
        Path older = file("v1.kap", CLEAN);
        Path newer = file("v2.kap", CLEAN.replace("version 1", "version 2").replace("max 1 mg/kg", "max 1.5 mg/kg"));
        assertThat(kap.run("diff", older.toString(), newer.toString())).isZero();
        List<String> lines = out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("clean v1 -> clean v2: 1 difference(s) in meaning");
        assertThat(lines.get(1)).isEqualTo("rule DOSE-IM-MAX changed");
        assertThat(lines.get(2)).startsWith("  - DoseRule.SessionMaximum(").contains("value=1)");
        assertThat(lines.get(3)).startsWith("  + DoseRule.SessionMaximum(").contains("value=1.5)");
        assertThat(lines).hasSize(4);

        out.reset();
        assertThat(kap.run("diff", older.toString(), file("same.kap", CLEAN.replace("max 1 mg/kg", "max 1.0 mg/kg")).toString())).isZero();
        assertThat(out()).isEqualTo("clean v1 -> clean v1: no difference in meaning\n");
        assertThat(kap.run("diff", older.toString(), file("bad.kap", ONE_ERROR).toString())).isEqualTo(KapCommand.ERRORS);
        assertThat(kap.run("diff", older.toString())).isEqualTo(KapCommand.USAGE);
    }

    @Test
    void explain_prints_a_library_and_its_sets() throws IOException {
        Path f = file("terms.kap", """
                library "terms" version 1
                title "Shared terms"
                value sets:
                  set benzodiazepines: words benzodiazepine atc N05BA cite "WHO ATC index 2025"
                """);
        assertThat(kap.run("explain", f.toString())).isZero();
        assertThat(out()).startsWith("library     terms version 1\ntitle       Shared terms\n")
                .contains("benzodiazepines v1\n  words      benzodiazepine\n  ATC        N05BA (and the codes under each)")
                .endsWith("\n1 value set\n");
    }

    @Test
    void warnings_are_printed_but_exit_0() throws IOException {
        Path f = file("warn.kap", CLEAN.replace("status draft", "status active").replace(" cite \"c\"", ""));
        assertThat(kap.run("check", f.toString())).isZero();
        assertThat(out().lines().toList()).containsExactly(
                f + ":4:3: warning: rule DOSE-IM-MAX has no citation, in an active protocol; add: cite \"source\"",
                f + ":6:3: warning: rule OBS-MIN has no citation, in an active protocol; add: cite \"source\"");
    }

    @Test
    void errors_exit_1_and_are_printed_as_file_line_col_error_message() throws IOException {
        Path bad = file("bad.kap", ONE_ERROR);
        assertThat(kap.run("check", bad.toString())).isEqualTo(KapCommand.ERRORS).isEqualTo(1);
        assertThat(out().lines().toList())
                .containsExactly(bad + ":4:27: error: the per-session maximum is in mg or mg/kg, not mmHg");
        assertThat(err()).isEmpty();
    }

    @Test
    void every_error_of_the_invalid_sample_is_printed_in_source_order() throws IOException {
        Path bad = file("invalid.kap", resource("invalid-kap-im.kap"));
        assertThat(kap.run("check", bad.toString())).isEqualTo(1);
        List<String> lines = out().lines().toList();
        assertThat(lines).allMatch(l -> l.matches(java.util.regex.Pattern.quote(bad.toString()) + ":\\d+:\\d+: (error|warning): .+"));
        assertThat(lines).filteredOn(l -> l.contains(": error: ")).extracting(l -> l.substring(bad.toString().length()))
                .containsExactly(
                        ":5:29: error: the per-session maximum is in mg or mg/kg, not mmHg",
                        ":6:8: error: duplicate rule id DOSE-IM-MAX (first used at line 5); rule ids must be unique",
                        ":7:30: error: unexpected 'mostt'; expected 'most'",
                        ":8:39: error: unknown unit 'mgs' (did you mean 'mg'?); write one of: mg, mg/kg, mg/kg/h, kg, mmHg, bpm, "
                                + "breaths/min, %, U/L, min, h, days, weeks, years",
                        ":10:34: error: unknown role 'doctor'; write one of: clinician, prescriber, therapist, auditor, "
                                + "protocol_designer, admin",
                        ":10:55: error: unknown measure 'systolc' (did you mean 'systolic'?); write one of: age, systolic, "
                                + "diastolic, heart_rate, spo2, respiratory_rate, phq9, gad7, pcl5, ybocs, madrs, moaas, padss, aldrete, cadss, alt, ast, ggt");
        List<Integer> order = lines.stream().map(l -> Integer.parseInt(l.substring(bad.toString().length() + 1).split(":")[0])).toList();
        assertThat(order).isSorted();
    }

    @Test
    void several_files_where_one_has_errors_exit_1_and_report_only_that_one() throws IOException {
        Path good = file("good.kap", CLEAN);
        Path bad = file("bad.kap", ONE_ERROR);
        Path alsoGood = file("also-good.kap", CLEAN);
        assertThat(kap.run("check", good.toString(), bad.toString(), alsoGood.toString())).isEqualTo(1);
        assertThat(out().lines().toList()).containsExactly(bad + ":4:27: error: the per-session maximum is in mg or mg/kg, not mmHg");
    }

    @Test
    void several_clean_files_exit_0() throws IOException {
        assertThat(kap.run("check", file("a.kap", CLEAN).toString(), file("b.kap", CLEAN).toString())).isZero();
        assertThat(out()).isEmpty();
    }

    // ---- usage and I/O -------------------------------------------------------------------------

    @Test
    void no_arguments_exit_2_with_the_usage() {
        assertThat(kap.run()).isEqualTo(KapCommand.USAGE).isEqualTo(2);
        assertThat(err()).contains("usage: kap check FILE...").contains("kap explain FILE");
        assertThat(out()).isEmpty();
    }

    @Test
    void a_command_without_files_exits_2() {
        assertThat(kap.run("check")).isEqualTo(2);
        assertThat(kap.run("explain")).isEqualTo(2);
        assertThat(err()).contains("usage:");
    }

    @Test
    void an_unknown_command_exits_2() {
        assertThat(kap.run("lint", "x.kap")).isEqualTo(2);
        assertThat(err()).contains("kap: unknown command 'lint'").contains("usage:");
        assertThat(out()).isEmpty();
    }

    @Test
    void explain_with_two_files_exits_2() throws IOException {
        Path f = file("clean.kap", CLEAN);
        assertThat(kap.run("explain", f.toString(), f.toString())).isEqualTo(2);
        assertThat(err()).contains("kap: explain takes one file").contains("usage:");
        assertThat(out()).isEmpty();
    }

    @Test
    void a_missing_file_exits_2_and_says_so() {
        Path missing = dir.resolve("missing.kap");
        assertThat(kap.run("check", missing.toString())).isEqualTo(2);
        assertThat(err()).isEqualTo(missing + ": cannot read: no such file" + System.lineSeparator());
        assertThat(kap.run("explain", missing.toString())).isEqualTo(2);
        noStackTrace();
    }

    @Test
    void a_missing_file_among_files_with_errors_exits_2() throws IOException {
        Path bad = file("bad.kap", ONE_ERROR);
        assertThat(kap.run("check", bad.toString(), dir.resolve("missing.kap").toString())).isEqualTo(2);
        assertThat(out()).contains(bad + ":4:27: error:");
        assertThat(err()).contains("missing.kap: cannot read: no such file");
    }

    @Test
    void a_directory_exits_2() {
        assertThat(kap.run("check", dir.toString())).isEqualTo(2);
        assertThat(err()).startsWith(dir + ": cannot read: ");
        noStackTrace();
    }

    // ---- explain -------------------------------------------------------------------------------

    @Test
    void explain_prints_a_table_with_every_rule_and_the_count() throws IOException {
        String text = resource("every-construct.kap");
        Protocol compiled = ProtocolCompiler.compile("x.kap", text).protocol();
        assertThat(kap.run("explain", file("every.kap", text).toString())).isZero();
        String table = out();
        assertThat(table).startsWith("protocol    every-construct version 3\n")
                .contains("status      active").contains("source      sha256 " + compiled.sourceSha256());
        List<String> lines = table.lines().toList();
        assertThat(lines).anyMatch(l -> l.matches("RULE +SECTION +KIND +PARAMETERS +ENFORCEMENT +CITATION"));
        for (var rule : compiled.rules()) {
            assertThat(lines).as(rule.info().id().value()).anyMatch(l -> l.startsWith(rule.info().id().value() + " "));
        }
        assertThat(lines).anyMatch(l -> l.matches(
                "DOSE-IV-MAX +dosing iv +session maximum +at most 1 mg/kg per session, boosters included +absolute +s"));
        assertThat(lines).anyMatch(l -> l.matches(
                "CI-HTN +screening +screening rule +exclude when systolic >= 160 mmHg or diastolic >= 100 mmHg "
                        + "+relative, overridable by prescriber +source B"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo(compiled.rules().size() + " rules").isEqualTo("58 rules");
        assertThat(err()).isEmpty();
    }

    @Test
    void explain_of_a_small_protocol() throws IOException {
        assertThat(kap.run("explain", file("clean.kap", CLEAN).toString())).isZero();
        assertThat(out()).contains("protocol    clean version 1")
                .contains("DOSE-IM-MAX  dosing im    session maximum      at most 1 mg/kg per session, boosters included")
                .contains("OBS-MIN      observation  observation minimum  observe at least 2 h after dose_start")
                .endsWith("\n2 rules\n");
    }

    @Test
    void explain_of_a_file_with_errors_exits_1_and_prints_them_on_stderr() throws IOException {
        Path bad = file("bad.kap", ONE_ERROR);
        assertThat(kap.run("explain", bad.toString())).isEqualTo(1);
        assertThat(out()).isEmpty();
        assertThat(err()).contains(bad + ":4:27: error: the per-session maximum is in mg or mg/kg, not mmHg");
    }

    // ---- files that are not protocols ----------------------------------------------------------------

    @Test
    void random_bytes_that_are_not_utf8_exit_1_with_a_clear_message() throws IOException {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        assertThatThrownBy(() -> StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(noise)))
                .as("the sample really is not UTF-8").isInstanceOf(CharacterCodingException.class);
        Path binary = Files.write(dir.resolve("noise.kap"), noise);
        assertThat(kap.run("check", binary.toString())).isEqualTo(1);
        assertThat(out().lines().toList()).containsExactly(binary + ":1:1: error: the file is not UTF-8 text; a protocol is a text file");
        noStackTrace();
    }

    @Test
    void a_latin1_file_is_not_utf8_either() throws IOException {
        Path latin1 = Files.write(dir.resolve("latin1.kap"), CLEAN.replace("message \"m\"", "message \"fièvre\"")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(kap.run("check", latin1.toString())).isEqualTo(1);
        assertThat(out()).contains("the file is not UTF-8 text");
    }

    @Test
    void an_empty_file_exits_1() throws IOException {
        Path empty = file("empty.kap", "");
        assertThat(kap.run("check", empty.toString())).isEqualTo(1);
        assertThat(out().lines().toList())
                .containsExactly(empty + ":1:1: error: the file is empty; a protocol starts with: protocol \"kap-im\" version 1");
        noStackTrace();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void a_file_over_the_limit_exits_1_quickly_without_being_parsed() throws IOException {
        Path huge = dir.resolve("huge.kap");
        byte[] tenMegabytes = new byte[10 * 1024 * 1024];
        Arrays.fill(tenMegabytes, (byte) '(');
        Files.write(huge, tenMegabytes);
        long start = System.nanoTime();
        assertThat(kap.run("check", huge.toString())).isEqualTo(1);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(out().lines().toList()).containsExactly(huge + ":1:1: error: the file has 10485760 bytes; a protocol has at most "
                + ProtocolCompiler.MAX_CHARACTERS + " characters. Is this the right file?");
        assertThat(millis).as("refused from its size, not read").isLessThan(2_000);
        noStackTrace();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void a_text_over_the_character_limit_but_under_the_byte_limit_exits_1() throws IOException {
        Path big = file("big.kap", CLEAN + "# " + "x".repeat(2 * ProtocolCompiler.MAX_CHARACTERS) + "\n");
        assertThat(kap.run("check", big.toString())).isEqualTo(1);
        assertThat(out()).startsWith(big + ":1:1: error: the file has ").contains(" characters; a protocol has at most 1000000. Is this the right file?");
        noStackTrace();
    }
}
