package org.kap.dsl.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line's exit codes and output: 0 clean, 1 errors found, 2 usage or I/O error; never a stack trace. */
class KapCommandTest {

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

    private static final String CLEAN = """
            protocol "clean" version 1
            status draft
            dosing route IM:
              rule DOSE-IM-MAX: max 1 mg/kg per session message "m" cite "c"
            observation:
              rule OBS-MIN: at least 120 min after dose_start message "m" cite "c"
            """;

    @Test
    void a_clean_file_exits_0_and_prints_nothing() throws IOException {
        assertThat(kap.run("check", file("clean.kap", CLEAN).toString())).isEqualTo(KapCommand.CLEAN);
        assertThat(out()).isEmpty();
    }

    @Test
    void warnings_are_printed_but_do_not_fail() throws IOException {
        Path f = file("warn.kap", CLEAN.replace("observation:\n  rule OBS-MIN: at least 120 min after dose_start message \"m\" cite \"c\"\n", ""));
        assertThat(kap.run("check", f.toString())).isEqualTo(KapCommand.CLEAN);
        assertThat(out()).contains(f + ":1:1: warning: no minimum observation");
    }

    @Test
    void errors_in_any_file_exit_1() throws IOException {
        Path good = file("good.kap", CLEAN);
        Path bad = file("bad.kap", CLEAN.replace("1 mg/kg", "1 mmHg"));
        assertThat(kap.run("check", good.toString(), bad.toString())).isEqualTo(KapCommand.ERRORS);
        assertThat(out()).contains(bad + ":4:27: error: the per-session maximum is in mg or mg/kg, not mmHg");
    }

    @Test
    void usage_and_io_problems_exit_2() throws IOException {
        assertThat(kap.run()).isEqualTo(KapCommand.USAGE);
        assertThat(kap.run("check")).isEqualTo(KapCommand.USAGE);
        assertThat(kap.run("lint", "x.kap")).isEqualTo(KapCommand.USAGE);
        assertThat(err()).contains("unknown command 'lint'").contains("usage:");
        Path f = file("clean.kap", CLEAN);
        assertThat(kap.run("explain", f.toString(), f.toString())).isEqualTo(KapCommand.USAGE);
        assertThat(kap.run("check", dir.resolve("missing.kap").toString())).isEqualTo(KapCommand.USAGE);
        assertThat(err()).contains("missing.kap: cannot read");
    }

    @Test
    void explain_prints_every_rule_with_its_parameters() throws IOException {
        assertThat(kap.run("explain", file("clean.kap", CLEAN).toString())).isEqualTo(KapCommand.CLEAN);
        assertThat(out()).contains("protocol    clean version 1").contains("DOSE-IM-MAX").contains("at most 1 mg/kg per session")
                .contains("OBS-MIN").contains("observe at least 2 h after dose_start").contains("2 rules");
    }

    @Test
    void bytes_that_are_not_text_an_empty_file_and_a_huge_file_are_errors_not_crashes() throws IOException {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        Path binary = Files.write(dir.resolve("noise.kap"), noise);
        assertThat(kap.run("check", binary.toString())).isEqualTo(KapCommand.ERRORS);
        assertThat(out()).contains("noise.kap:1:1: error: the file is not UTF-8 text");

        assertThat(kap.run("check", file("empty.kap", "").toString())).isEqualTo(KapCommand.ERRORS);
        assertThat(out()).contains("empty.kap:1:1: error: the file is empty");

        Path huge = dir.resolve("huge.kap");
        Files.writeString(huge, "# " + "x".repeat(10 * 1024 * 1024));
        assertThat(kap.run("check", huge.toString())).isEqualTo(KapCommand.ERRORS);
        assertThat(out()).contains("huge.kap:1:1: error: the file has");
        assertThat(out() + err()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
