package org.kap.dsl;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples of the language written in the code's Javadoc ({@code {@code max 1.5 mg/kg per session}}) and in
 * docs/rules.md ({@code `interval at least 7 days`}) are clauses of the language as it is: each one that starts as a
 * clause starts must check, as a rule of a section it belongs to, with no error. An example may leave a part out with
 * {@code ...}; such an example is not checked, nor is a condition written alone ({@code systolic >= 160 mmHg}), which
 * reads the same as evidence does. docs/dsl.md's own examples are whole protocols, checked by DslReferenceExamplesTest.
 */
class LanguageExamplesTest {

    private static final List<Path> SOURCES = List.of(Path.of("../protocol-core/src/main/java"), Path.of("src/main/java"));
    private static final Path RULES = Path.of("../docs/rules.md");

    /** How a clause starts, and the sections it may be a rule of. */
    private static final Map<Pattern, List<String>> CLAUSES = new LinkedHashMap<>();

    static {
        clause("(exclude|warn) when ", "screening:");
        clause("require ", "screening:", "session:");
        clause("(start at most|max \\d|step at most|doses |first dose|infusion |weight measured within)", "dosing route IM:",
                "dosing route IV:");
        clause("at most \\d+(\\.\\d+)? (mg|mg/kg) per ", "dosing route IM:");
        clause("(interval at least|at most \\d+ sessions|weeks \\d)", "spacing:");
        clause("(integration |\\d+ preparation sessions)", "sequencing:");
        clause("(pre-dose |approval valid)", "session:");
        clause("(when |escort required|no driving)", "vitals:", "discharge:");
        clause("(at least \\d+ min|check |extend )", "observation:");
        clause("on ", "adverse events:", "observation:");
        clause("after each session", "obligations:");
        clause("(measure |review after)", "outcomes:");
    }

    private static void clause(String start, String... sections) {
        CLAUSES.put(Pattern.compile("^" + start), List.of(sections));
    }

    /** One example: where it is written, and its text. */
    record Example(String where, String text) {
    }

    /** Every {@code {@code ...}} of a Javadoc comment of the core's and the language's main sources. */
    static List<Example> javadocExamples() throws IOException {
        List<Example> examples = new ArrayList<>();
        Pattern comment = Pattern.compile("/\\*\\*(.*?)\\*/", Pattern.DOTALL);
        for (Path root : SOURCES) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    String source = Files.readString(file);
                    Matcher m = comment.matcher(source);
                    while (m.find()) {
                        String doc = m.group(1).replaceAll("\\n\\s*\\*", " ");
                        int line = (int) source.substring(0, m.start()).lines().count() + 1;
                        codes(doc).forEach(code -> examples.add(new Example(file.getFileName() + " (comment at line " + line + ")", code)));
                    }
                }
            }
        }
        return examples;
    }

    /** The texts of the {@code {@code ...}} tags of a comment, braces inside them balanced. */
    private static List<String> codes(String doc) {
        List<String> codes = new ArrayList<>();
        for (int i = doc.indexOf("{@code "); i >= 0; i = doc.indexOf("{@code ", i)) {
            int j = i + "{@code ".length();
            int depth = 1;
            for (; j < doc.length() && depth > 0; j++) {
                depth += doc.charAt(j) == '{' ? 1 : doc.charAt(j) == '}' ? -1 : 0;
            }
            codes.add(doc.substring(i + "{@code ".length(), j - 1).replaceAll("\\s+", " ").strip());
            i = j;
        }
        return codes;
    }

    /** Every inline code span of docs/rules.md. */
    static List<Example> rulesExamples() throws IOException {
        List<Example> examples = new ArrayList<>();
        List<String> lines = Files.readAllLines(RULES);
        Pattern span = Pattern.compile("`([^`]+)`");
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = span.matcher(lines.get(i));
            while (m.find()) {
                examples.add(new Example("docs/rules.md:" + (i + 1), m.group(1).strip()));
            }
        }
        return examples;
    }

    /** The sections an example is a clause of, by how it starts; none when it is not a clause of the language. */
    static List<String> sectionsOf(String text) {
        for (var clause : CLAUSES.entrySet()) {
            if (clause.getKey().matcher(text).find()) {
                return clause.getValue();
            }
        }
        return List.of();
    }

    /** The errors of the example as a rule of each of its sections; empty when it checks in one of them. */
    static List<String> errors(String text) {
        List<String> errors = new ArrayList<>();
        for (String section : sectionsOf(text)) {
            String protocol = DslReferenceExamplesTest.HEADER + (section.startsWith("dosing") ? "" : DslReferenceExamplesTest.DOSING)
                    + "\n" + section + "\n  rule EXAMPLE-1: " + text + " message \"example\" cite \"example\"\n";
            List<String> found = ProtocolCompiler.compile("example", protocol).errors().stream()
                    .map(d -> section + " " + d.message()).toList();
            if (found.isEmpty()) {
                return List.of();
            }
            errors.addAll(found);
        }
        return errors;
    }

    @Test
    void every_example_of_the_language_in_javadoc_and_in_the_rules_reference_checks() throws IOException {
        List<Example> examples = new ArrayList<>(javadocExamples());
        examples.addAll(rulesExamples());
        List<Example> clauses = examples.stream().filter(e -> !sectionsOf(e.text()).isEmpty() && !e.text().contains("...")).toList();
        assertThat(clauses).as("the examples found").hasSizeGreaterThanOrEqualTo(30);
        List<String> broken = clauses.stream().filter(e -> !errors(e.text()).isEmpty())
                .map(e -> e.where() + ": '" + e.text() + "': " + errors(e.text())).toList();
        assertThat(broken).as("examples of the language that do not check").isEmpty();
    }

    /** Every code span in the "example" column of docs/rules.md's tables: each is a clause or a condition, no other text. */
    static List<Example> rulesTableExamples() throws IOException {
        List<Example> examples = new ArrayList<>();
        List<String> lines = Files.readAllLines(RULES);
        Pattern span = Pattern.compile("`([^`]+)`");
        int column = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("|")) {
                column = -1;
                continue;
            }
            List<String> cells = List.of(line.substring(1).split("\\|"));
            if (column < 0) {
                column = cells.stream().map(String::strip).toList().indexOf("example");
                continue;
            }
            if (column < cells.size()) {
                Matcher m = span.matcher(cells.get(column));
                while (m.find()) {
                    examples.add(new Example("docs/rules.md:" + (i + 1), m.group(1).strip()));
                }
            }
        }
        return examples;
    }

    /** The errors of an example as a clause of its sections or, when it is not one, as a condition of a screening rule. */
    static List<String> clauseOrConditionErrors(String text) {
        if (!sectionsOf(text).isEmpty()) {
            return errors(text);
        }
        String protocol = DslReferenceExamplesTest.HEADER + DslReferenceExamplesTest.DOSING
                + "\nscreening:\n  rule EXAMPLE-1: exclude when " + text + " message \"example\" cite \"example\"\n";
        return ProtocolCompiler.compile("example", protocol).errors().stream().map(d -> "as a condition: " + d.message()).toList();
    }

    @Test
    void every_example_in_the_rules_reference_tables_is_a_clause_or_a_condition_of_the_language() throws IOException {
        List<Example> examples = rulesTableExamples();
        assertThat(examples).as("the examples of docs/rules.md's tables").hasSizeGreaterThanOrEqualTo(20);
        List<String> broken = examples.stream().filter(e -> !clauseOrConditionErrors(e.text()).isEmpty())
                .map(e -> e.where() + ": '" + e.text() + "': " + clauseOrConditionErrors(e.text())).toList();
        assertThat(broken).as("examples in docs/rules.md's tables that are not the language").isEmpty();
    }

    @Test
    void a_broken_example_is_caught() {
        assertThat(clauseOrConditionErrors("systolic >= 160 mmHg")).isEmpty();
        assertThat(clauseOrConditionErrors("MOAA/S >= 5")).isNotEmpty();
        assertThat(errors("max 1.5 mg/kg per session")).isEmpty();
        assertThat(errors("max 1.5 per session")).isNotEmpty();
        assertThat(errors("after each session: monitoring_form due within 7 days, blocks dosing when overdue")).isNotEmpty();
        assertThat(sectionsOf("a plain phrase")).isEmpty();
    }
}
