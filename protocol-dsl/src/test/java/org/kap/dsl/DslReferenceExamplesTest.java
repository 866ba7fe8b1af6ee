package org.kap.dsl;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code ```kap} example in docs/dsl.md checks with no error, so the language reference cannot
 * drift from the language. A snippet without a protocol header is checked inside a standard one.
 */
class DslReferenceExamplesTest {

    private static final Path REFERENCE = Path.of("../docs/dsl.md");
    private static final String HEADER = "protocol \"example\" version 1\nstatus draft\nindications: depression\n";
    private static final String DOSING = "\ndosing route IM:\n  rule EXAMPLE-IM-MAX: max 1 mg/kg per session message \"m\" cite \"c\"\n";

    record Example(int line, String text) {
    }

    static List<Example> examples() throws IOException {
        List<String> lines = Files.readAllLines(REFERENCE);
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals("```kap")) {
                int start = i + 1;
                StringBuilder text = new StringBuilder();
                for (i = start; i < lines.size() && !lines.get(i).trim().equals("```"); i++) {
                    text.append(lines.get(i)).append('\n');
                }
                examples.add(new Example(start, text.toString()));
            }
        }
        return examples;
    }

    static String asProtocol(String example) {
        if (example.lines().anyMatch(l -> l.startsWith("protocol "))) {
            return example;
        }
        return HEADER + example + (example.contains("dosing route") ? "" : DOSING);
    }

    @TestFactory
    Stream<DynamicTest> every_example_checks() throws IOException {
        return examples().stream().map(e -> DynamicTest.dynamicTest("docs/dsl.md line " + e.line(), () -> {
            CompileResult result = ProtocolCompiler.compile("dsl.md:" + e.line(), asProtocol(e.text()));
            assertThat(result.errors()).as("the example at docs/dsl.md line " + e.line()).isEmpty();
        }));
    }

    @Test
    void the_reference_keeps_its_examples() throws IOException {
        assertThat(examples()).hasSizeGreaterThanOrEqualTo(14);
        String all = String.join("\n", examples().stream().map(Example::text).toList());
        for (String construct : List.of("exclude when", "warn when", "within 7 days", "age <", "doses", "first dose", "start at most",
                "per session", "step at most", "infusion over", "infusion rate", "per 7 days", "interval at least", "calendar week",
                "weeks 1-4", "weeks 9+", "preparation sessions", "integration for", "integration before next dose", "require",
                "pre-dose", "pre-dose vitals within", "approval valid for", "on 2 readings", "rise >=", "at least 120 min after",
                "check systolic", "extend by", "within 20 % of baseline", "moaas", "escort required", "no driving", "halt course",
                "stop session", "create adverse_event_report", "on serious", "after each session", "measure", "review after",
                "relative override by prescriber", "warning", "status active")) {
            assertThat(all).as("an example shows '" + construct + "'").contains(construct);
        }
    }
}
