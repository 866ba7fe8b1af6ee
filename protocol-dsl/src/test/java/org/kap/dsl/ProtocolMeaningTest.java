package org.kap.dsl;

import org.junit.jupiter.api.Test;
import org.kap.core.protocol.Protocol;
import org.kap.core.protocol.ProtocolMeaning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The canonical meaning of a compiled protocol: the same text always means the same, every example protocol has one,
 * it reads back as written, and two versions differ exactly in the rules and sets that changed.
 */
class ProtocolMeaningTest {

    private static final Path PROTOCOLS = Path.of("../protocols");
    private static final Libraries LIBRARIES = org.kap.dsl.cli.FileLibraries.in(PROTOCOLS.resolve("libraries"));

    private static Protocol compile(String file) throws IOException {
        CompileResult result = ProtocolCompiler.compile(file, Files.readString(PROTOCOLS.resolve(file)), LIBRARIES);
        assertThat(result.errors()).isEmpty();
        return result.protocol();
    }

    private static Protocol compileText(String text) {
        CompileResult result = ProtocolCompiler.compile("t.kap", text);
        assertThat(result.errors()).isEmpty();
        return result.protocol();
    }

    @Test
    void every_example_protocol_has_a_meaning_that_reads_back_and_does_not_depend_on_the_run() throws IOException {
        List<String> files;
        try (Stream<Path> listed = Files.list(PROTOCOLS)) {
            files = listed.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".kap")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(12);
        for (String file : files) {
            Protocol p = compile(file);
            ProtocolMeaning meaning = ProtocolMeaning.of(p);
            assertThat(meaning.entries()).as(file).containsKey("header")
                    .hasSize(1 + p.rules().size() + p.valueSets().size());
            assertThat(ProtocolMeaning.parse(meaning.canonical())).as(file + " reads back").isEqualTo(meaning);
            assertThat(ProtocolMeaning.of(compile(file)).sha256()).as(file + " compiled again").isEqualTo(meaning.sha256());
        }
    }

    @Test
    void the_canonical_text_names_each_rule_its_kind_and_every_parameter() throws IOException {
        ProtocolMeaning meaning = ProtocolMeaning.of(compile("kap-im.kap"));
        assertThat(meaning.canonical()).startsWith(ProtocolMeaning.FORM + "\n");
        assertThat(meaning.entries().get("rule DOSE-IM-MAX")).startsWith("DoseRule.SessionMaximum(info=RuleInfo(")
                .contains("enforcement=Enforcement.Absolute()").contains("maximum=MilligramsPerKilogram(value=1.5)");
    }

    @Test
    void a_changed_limit_a_new_rule_and_a_dropped_one_are_the_differences() {
        String base = """
                protocol "t" version 1
                status draft
                dosing route IM:
                  rule DOSE-IM-MAX: max 1 mg/kg per session message "m" cite "c"
                spacing:
                  rule SPACING: interval at least 7 days message "m" cite "c"
                observation:
                  rule OBS-MIN: at least 120 min after dose_start message "m" cite "c"
                """;
        ProtocolMeaning first = ProtocolMeaning.of(compileText(base));
        ProtocolMeaning second = ProtocolMeaning.of(compileText(base.replace("version 1", "version 2")
                .replace("max 1 mg/kg", "max 1.50 mg/kg")
                .replace("spacing:\n  rule SPACING: interval at least 7 days message \"m\" cite \"c\"\n", "")
                .replace("observation:", "session:\n  rule APPROVAL: approval valid for 24 h message \"m\" cite \"c\"\nobservation:")));
        assertThat(second.since(first)).extracting(ProtocolMeaning.Difference::entry, ProtocolMeaning.Difference::change)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("rule APPROVAL", "added"),
                        org.assertj.core.groups.Tuple.tuple("rule DOSE-IM-MAX", "changed"),
                        org.assertj.core.groups.Tuple.tuple("rule SPACING", "removed"));
        ProtocolMeaning.Difference changed = second.since(first).get(1);
        assertThat(changed.before()).contains("maximum=").doesNotContain("1.5");
        assertThat(changed.after()).contains("1.5");
        assertThat(ProtocolMeaning.of(compileText(base.replace("max 1 mg/kg", "max 1.0 mg/kg"))))
                .as("1.0 and 1 are one limit").isEqualTo(first);
    }

    @Test
    void the_fourth_sublingual_version_differs_from_the_third_only_in_where_its_shared_sets_come_from() throws IOException {
        ProtocolMeaning third = ProtocolMeaning.of(compile("kap-sublingual-v3.kap"));
        ProtocolMeaning fourth = ProtocolMeaning.of(compile("kap-sublingual-v4.kap"));
        assertThat(fourth.since(third)).extracting(ProtocolMeaning.Difference::entry).containsExactlyInAnyOrder(
                "value set benzodiazepines", "value set ketamine_hypersensitivity", "value set lamotrigine",
                "value set manic_episodes", "value set psychotic_disorders");
        assertThat(fourth.since(third)).allSatisfy(d -> {
            assertThat(d.after()).contains("library=ValueSetLibrary.Ref(id=\"kap-terms\", version=1, sourceSha256=");
            assertThat(d.after().replaceAll("library=ValueSetLibrary\\.Ref\\([^)]*\\)", "library=null")).isEqualTo(d.before());
        });
    }
}
