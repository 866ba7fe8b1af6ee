package org.kap.dsl;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code ```kap} example in docs/dsl.md checks with no error, so the language reference cannot
 * drift from the language; a protocol's imports are found in the repository's libraries (protocols/libraries). An example without a {@code protocol} header is a snippet: it is checked
 * inside a fixed header, with a minimal dosing section added when it has none (a protocol without one
 * is an error).
 */
class DslReferenceExamplesTest {

    /** Tests run with the module as working directory. */
    private static final Path REFERENCE = Path.of("../docs/dsl.md");
    static final String HEADER = "protocol \"example\" version 1 status draft\n";
    static final String DOSING = "\ndosing route IM:\n"
            + "  rule EXAMPLE-IM-MAX: max 1 mg/kg per session message \"example\" cite \"example\"\n";

    private static final Pattern PROTOCOL_HEADER = Pattern.compile("(?m)^\\s*(protocol|library)\\s+\"");
    /** The examples import from the repository's own libraries. */
    private static final Libraries LIBRARIES = org.kap.dsl.cli.FileLibraries.in(Path.of("../protocols/libraries"));
    private static final Pattern DOSING_SECTION = Pattern.compile("(?m)^\\s*dosing\\s+route\\s");

    /** One {@code ```kap} block: the line of its first text line in dsl.md, and its text. */
    record Example(int line, String text) {
    }

    static List<Example> examples() throws IOException {
        List<String> lines = Files.readAllLines(REFERENCE);
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("```kap")) {
                continue;
            }
            int firstLine = i + 2; // 1-based number of the line after the fence
            StringBuilder text = new StringBuilder();
            int j = i + 1;
            for (; j < lines.size() && !lines.get(j).strip().equals("```"); j++) {
                text.append(lines.get(j)).append('\n');
            }
            assertThat(j).as("the ```kap block opened at docs/dsl.md line " + (i + 1) + " is closed").isLessThan(lines.size());
            examples.add(new Example(firstLine, text.toString()));
            i = j;
        }
        return examples;
    }

    /** A complete protocol as it is; a snippet inside the standard header, with a dosing section when it has none. */
    static String asProtocol(String example) {
        if (PROTOCOL_HEADER.matcher(example).find()) {
            return example;
        }
        return HEADER + example + (DOSING_SECTION.matcher(example).find() ? "" : DOSING);
    }

    @TestFactory
    Stream<DynamicTest> every_example_in_the_reference_checks_without_errors() throws IOException {
        return examples().stream().map(e -> DynamicTest.dynamicTest("docs/dsl.md line " + e.line(), () -> {
            String protocol = asProtocol(e.text());
            CompileResult result = ProtocolCompiler.compile("dsl.md", protocol, LIBRARIES);
            assertThat(result.errors().stream().map(d -> inReference(e, protocol, d)).toList())
                    .as("errors in the example at docs/dsl.md line %d, checked as:%n%s", e.line(), protocol).isEmpty();
            assertThat(result.protocol() != null || result.library() != null).isTrue();
        }));
    }

    /** A diagnostic at its place in docs/dsl.md, whether or not the example was wrapped in the standard header. */
    static String inReference(Example e, String checked, Diagnostic d) {
        int added = checked.equals(e.text()) ? 0 : (int) HEADER.lines().count();
        return "docs/dsl.md:" + (e.line() + d.line() - 1 - added) + ":" + d.column() + ": " + d.message();
    }

    @Test
    void the_reference_keeps_at_least_twenty_examples() throws IOException {
        assertThat(examples()).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void complete_protocols_in_the_reference_also_check_without_warnings() throws IOException {
        List<Example> complete = examples().stream().filter(e -> PROTOCOL_HEADER.matcher(e.text()).find()).toList();
        assertThat(complete).isNotEmpty();
        for (Example e : complete) {
            assertThat(ProtocolCompiler.compile("dsl.md:" + e.line(), e.text(), LIBRARIES).diagnostics())
                    .as("the complete protocol at docs/dsl.md line " + e.line()).isEmpty();
        }
    }

    @Test
    void the_examples_show_every_construct_of_the_language() throws IOException {
        String all = String.join("\n", examples().stream().map(Example::text).toList());
        for (String construct : List.of(
                // header, enforcement, message and cite
                "protocol \"", "title \"", "status active", "status draft", "indications:", "absolute:",
                "relative override by prescriber", " warning:", "message \"", "cite \"",
                // screening conditions
                "exclude when", "warn when", "diagnosis in [", "history in [", "family_history in [", "medication in [",
                "substance in [", "within 7 days", "pregnant", "breastfeeding", "age < 18 years", "systolic > 180 mmHg",
                "spo2 < 93 %", "phq9 >=", " and (", " or ",
                // dosing
                "doses 56 mg or 84 mg", "first dose", "start at most", "per session", "step at most", "infusion over at least",
                "infusion rate at most", "per 7 days",
                // spacing and sequencing
                "interval at least", "sessions per 7 days rolling", "sessions per 28 days", "per calendar week", "weeks 1-4:",
                "weeks 9+:", "preparation sessions before first dose", "integration for", "integration within",
                "integration before next dose",
                // session, triggers and actions
                "require", "pre-dose systolic", "pre-dose vitals within", "approval valid for", "on 2 readings",
                "rise >= 40 mmHg over baseline", "rise >= 30 % over baseline", "extend observation by", "record adverse event",
                "serious [", "stop session", "halt course", "create prescriber_review", "blocking dosing when overdue",
                // observation and discharge
                "after dose_start", "after last_device", "after infusion_end", "check systolic", "+/-", "extend by",
                "within 20 % of baseline", "moaas >= 5", "padss >= 9", "escort required", "no driving",
                // adverse events, obligations, outcomes
                "on any grade >= 3 or serious", "on sedation, dissociation grade >= 2", "on serious:", "on any:",
                "after each session", "monitoring_form", "measure", "review after 8 sessions", "unless madrs improved by",
                "and serious", "(grade >= 2 and serious)",
                // value sets and libraries
                "value sets:", "icd-10-cm F20-F29", "atc N05BA", "snomed-ct", "library \"", "import psychotic_disorders")) {
            assertThat(all).as("an example in docs/dsl.md shows '" + construct + "'").contains(construct);
        }
    }

    @Test
    void snippets_are_wrapped_in_the_standard_header() {
        String snippet = "screening:\n  rule CI-1: exclude when pregnant message \"m\"\n";
        assertThat(asProtocol(snippet)).startsWith(HEADER).endsWith(DOSING);
        String withDosing = "dosing route IV:\n  rule D-1: max 0.5 mg/kg per session message \"m\"\n";
        assertThat(asProtocol(withDosing)).isEqualTo(HEADER + withDosing);
        String complete = "protocol \"x\" version 1 status draft\n" + withDosing;
        assertThat(asProtocol(complete)).isEqualTo(complete);
    }
}
