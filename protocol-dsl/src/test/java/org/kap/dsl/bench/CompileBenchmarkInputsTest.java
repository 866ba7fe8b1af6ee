package org.kap.dsl.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kap.core.rule.Rule;
import org.kap.dsl.CompileResult;
import org.kap.dsl.ProtocolCompiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's inputs stay valid, so that running it never fails half-way; this test measures nothing. */
class CompileBenchmarkInputsTest {

    @Test
    void the_generated_protocol_compiles_clean_to_200_rules_with_unique_ids() {
        CompileResult result = ProtocolCompiler.compile("generated.kap", CompileBenchmark.generated(CompileBenchmark.GENERATED_RULES));
        assertThat(result.diagnostics()).isEmpty();
        List<Rule> rules = result.protocol().rules();
        assertThat(rules).hasSize(200);
        assertThat(rules.stream().map(r -> r.info().id()).distinct()).hasSize(200);
        assertThat(result.protocol().screening()).hasSize(50);
        assertThat(result.protocol().spacing()).hasSize(50);
    }

    @Test
    void the_generated_value_sets_compile_clean_to_20_sets_of_1000_codes() {
        CompileResult result = ProtocolCompiler.compile("codes.kap",
                CompileBenchmark.generatedValueSets(CompileBenchmark.VALUE_SETS, CompileBenchmark.CODES_PER_SET));
        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.protocol().valueSets()).hasSize(20)
                .allSatisfy(set -> assertThat(set.members()).hasSize(1_000));
        assertThat(result.protocol().screening()).hasSize(20);
    }

    @Test
    void inputs_are_the_kap_files_of_the_first_directory_that_has_any(@TempDir Path dir) throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path examples = Files.createDirectory(dir.resolve("examples"));
        Files.writeString(examples.resolve("b.kap"), "b");
        Files.writeString(examples.resolve("a.kap"), "a");
        Files.writeString(examples.resolve("notes.md"), "not a protocol");
        Map<String, String> inputs = CompileBenchmark.inputs(List.of(dir.resolve("missing"), empty, examples));
        assertThat(inputs).containsExactly(Map.entry("a.kap", "a"), Map.entry("b.kap", "b"));
    }

    @Test
    void without_example_files_the_sample_protocol_stands_in(@TempDir Path dir) throws IOException {
        Map<String, String> inputs = CompileBenchmark.inputs(List.of(dir));
        assertThat(inputs).containsOnlyKeys("stand-in valid-kap-im.kap");
        assertThat(ProtocolCompiler.compile("x.kap", inputs.values().iterator().next()).diagnostics()).isEmpty();
    }
}
