package org.kap.dsl;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input never crashes the checker: random text, token soups and mutated protocols all give a
 * result that either compiles or names at least one error with a real position.
 */
class RobustnessProperties {

    private static final String VALID = read("../protocols/kap-im.kap");
    private static final List<String> TOKENS = List.of("protocol", "version", "status", "active", "rule", "DOSE-IM-MAX", ":",
            "dosing", "route", "IM", "max", "per", "session", "mg/kg", "mg", "mmHg", "%", "1", "0.5", "120", "min", "days", "[", "]",
            ",", "(", ")", "exclude", "when", "in", "diagnosis", "and", "or", "<", ">=", "\"text\"", "message", "cite", "weeks", "-",
            "+", "at", "most", "least", "after", "dose_start", "on", "any", "grade", "halt", "course", "screening", "\n", "#");

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answersWithoutCrashing(String text) {
        CompileResult result = ProtocolCompiler.compile("fuzz.kap", text);
        if (result.protocol() == null) {
            assertThat(result.errors()).isNotEmpty();
        }
        assertThat(result.diagnostics()).allSatisfy(d -> {
            assertThat(d.line()).isPositive();
            assertThat(d.column()).isPositive();
            assertThat(d.message()).isNotBlank().doesNotContain("Exception");
        });
    }

    @Property(tries = 300)
    void arbitrary_text(@ForAll @StringLength(max = 400) String text) {
        answersWithoutCrashing(text);
    }

    @Property(tries = 300)
    void token_soup(@ForAll("soups") String text) {
        answersWithoutCrashing(text);
    }

    @Provide
    Arbitrary<String> soups() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(120).map(tokens -> String.join(" ", tokens));
    }

    @Property(tries = 300)
    void mutated_protocols(@ForAll @IntRange(min = 1, max = 8) int mutations, @ForAll long seed) {
        Random random = new Random(seed);
        List<String> words = new ArrayList<>(List.of(VALID.split("(?<=\\s)|(?=\\s)")));
        for (int i = 0; i < mutations && !words.isEmpty(); i++) {
            int at = random.nextInt(words.size());
            switch (random.nextInt(5)) {
                case 0 -> words.remove(at);
                case 1 -> words.add(at, words.get(random.nextInt(words.size())));
                case 2 -> {
                    int other = random.nextInt(words.size());
                    String w = words.get(at);
                    words.set(at, words.get(other));
                    words.set(other, w);
                }
                case 3 -> words.set(at, TOKENS.get(random.nextInt(TOKENS.size())));
                default -> words.add(at, String.valueOf((char) random.nextInt(0x2FF)));
            }
        }
        answersWithoutCrashing(String.join("", words));
    }

    @Test
    void deep_nesting_is_an_error_not_a_stack_overflow() {
        String deep = VALID.replace("exclude when diagnosis in", "exclude when " + "(".repeat(10_000) + "diagnosis in");
        CompileResult result = ProtocolCompiler.compile("deep.kap", deep);
        assertThat(result.errors()).singleElement().satisfies(d -> assertThat(d.message()).contains("nested more than"));
    }

    @Test
    void nesting_within_the_limit_still_compiles() {
        String nested = VALID.replace("exclude when diagnosis in [schizophrenia, schizoaffective_disorder, delusional_disorder, psychotic_disorder]",
                "exclude when " + "(".repeat(20) + "diagnosis in [schizophrenia]" + ")".repeat(20));
        assertThat(ProtocolCompiler.compile("nested.kap", nested).errors()).isEmpty();
    }
}
