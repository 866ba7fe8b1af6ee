package org.kap.dsl;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.StringLength;
import org.kap.dsl.grammar.ProtocolLexer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input never crashes the checker: arbitrary text, arbitrary unicode, soups of the language's
 * own tokens and mutated valid protocols all give a result that either compiles or names at least
 * one error at a real position. Tries are modest so that the suite stays fast.
 */
class RobustnessProperties {

    private static final List<String> VALID = List.of(resource("valid-kap-im.kap"), resource("every-construct.kap"));

    /** Every keyword and punctuation mark of the grammar, and numbers, units, names, texts, newlines and comments. */
    private static final List<String> TOKENS = Stream.of(
            IntStream.rangeClosed(1, ProtocolLexer.VOCABULARY.getMaxTokenType())
                    .mapToObj(ProtocolLexer.VOCABULARY::getLiteralName)
                    .filter(name -> name != null)
                    .map(name -> name.substring(1, name.length() - 1)),
            Stream.of("0", "1", "2.5", "18", "100", "120", "160", "99999", "0.000001"),
            Stream.of("mg", "mg/kg", "mg/kg/h", "mmHg", "bpm", "breaths/min", "min", "h", "days", "years", "mgs"),
            Stream.of("IM", "IV", "intranasal", "DOSE-IM-MAX", "CI-1", "ENGINE-X", "systolic", "spo2", "moaas", "phq9", "pregnant",
                    "diagnosis", "substance", "prescriber", "dose_start", "sedation", "monitoring_form", "draft", "active"),
            Stream.of("\"text\"", "\"", "\n", "# comment\n", "\t", "é", "😀")).flatMap(s -> s).toList();

    private static String resource(String name) {
        try (InputStream in = RobustnessProperties.class.getResourceAsStream("/samples/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The invariant: no exception, and either a protocol or at least one error, every diagnostic at a real position. */
    private static CompileResult answersSanely(String text) {
        CompileResult result = ProtocolCompiler.compile("fuzz.kap", text);
        if (result.protocol() == null) {
            assertThat(result.errors()).as("no protocol, so at least one error").isNotEmpty();
        } else {
            assertThat(result.errors()).isEmpty();
            assertThat(ProtocolExplainer.explain(result.protocol())).endsWith(" rules\n");
        }
        String[] lines = text.split("\n", -1);
        assertThat(result.diagnostics()).allSatisfy(d -> {
            assertThat(d.file()).isEqualTo("fuzz.kap");
            assertThat(d.line()).isBetween(1, lines.length);
            assertThat(d.column()).isBetween(1, lines[d.line() - 1].length() + 1);
            assertThat(d.message()).isNotBlank()
                    .as("the checker's own defect fallback must never be reached").doesNotContain("could not read this file")
                    .doesNotContain("Exception");
        });
        return result;
    }

    private static String outcome(CompileResult result) {
        return result.protocol() != null ? "compiles" : result.errors().size() == 1 ? "1 error" : "several errors";
    }

    // ---- random text -----------------------------------------------------------------------------

    @Property(tries = 300)
    void arbitrary_strings(@ForAll @StringLength(max = 500) String text) {
        answersSanely(text);
    }

    @Property(tries = 300)
    void arbitrary_unicode(@ForAll("unicode") String text) {
        answersSanely(text);
    }

    /** Code points from every plane, supplementary characters (two chars each) and unpaired surrogates included. */
    @Provide
    Arbitrary<String> unicode() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(0, 0x7F)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0x80, 0xFFFF)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x10000, Character.MAX_CODE_POINT)));
        return codePoint.list().ofMaxSize(300).map(cps -> {
            StringBuilder s = new StringBuilder();
            cps.forEach(s::appendCodePoint);
            return s.toString();
        });
    }

    @Property(tries = 300)
    void arbitrary_unicode_after_a_valid_header(@ForAll("unicode") String tail) {
        answersSanely("protocol \"t\" version 1\nstatus draft\n" + tail);
    }

    // ---- the language's own tokens -------------------------------------------------------------------

    @Property(tries = 400)
    void token_soups(@ForAll("soups") String text) {
        answersSanely(text);
    }

    @Provide
    Arbitrary<String> soups() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(150).map(tokens -> String.join(" ", tokens));
    }

    @Property(tries = 300)
    void token_soups_after_a_valid_header(@ForAll("soups") String text) {
        answersSanely("protocol \"t\" version 1\nstatus draft\ndosing route IM:\n" + text);
    }

    // ---- mutated valid protocols -------------------------------------------------------------------

    /** One edit: what to do, where (a fraction of the length), with which other place, and what to insert. */
    record Edit(int kind, double at, double other, String insert) {
    }

    @Provide
    Arbitrary<List<Edit>> tokenEdits() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(0, 1), Arbitraries.of(TOKENS)).as(Edit::new).list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<Edit>> characterEdits() {
        Arbitrary<String> inserted = Arbitraries.oneOf(Arbitraries.strings().ofMinLength(1).ofMaxLength(3),
                Arbitraries.strings().withChars("()[]:,\"#-+/%<>=!\n\t 0123456789").ofMinLength(1).ofMaxLength(3));
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(0, 1), inserted).as(Edit::new).list().ofMinSize(1).ofMaxSize(6);
    }

    private static final Pattern TOKEN = Pattern.compile("\"[^\"\\n]*\"|#[^\\n]*|[A-Za-z0-9_./+-]+|\\s+|.");

    /** Splits a protocol into tokens and the blanks between them, so that joining them gives the text back. */
    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }

    /** Delete, duplicate, swap, or insert at one place; the same for a list of tokens or of characters. */
    private static List<String> apply(List<String> parts, List<Edit> edits) {
        List<String> p = new ArrayList<>(parts);
        for (Edit e : edits) {
            if (p.isEmpty()) {
                p.add(e.insert());
                continue;
            }
            int at = Math.min(p.size() - 1, (int) (e.at() * p.size()));
            int other = Math.min(p.size() - 1, (int) (e.other() * p.size()));
            switch (e.kind()) {
                case 0 -> p.remove(at);
                case 1 -> p.add(at, p.get(other));
                case 2 -> {
                    String swap = p.get(at);
                    p.set(at, p.get(other));
                    p.set(other, swap);
                }
                default -> p.add(at, e.insert());
            }
        }
        return p;
    }

    @Property(tries = 400, edgeCases = EdgeCasesMode.MIXIN)
    void token_mutations_of_a_valid_protocol(@ForAll("tokenEdits") List<Edit> edits, @ForAll boolean second) {
        CompileResult result = answersSanely(String.join("", apply(tokens(VALID.get(second ? 1 : 0)), edits)));
        Statistics.label("token mutations").collect(outcome(result));
    }

    @Property(tries = 400, edgeCases = EdgeCasesMode.MIXIN)
    void character_mutations_of_a_valid_protocol(@ForAll("characterEdits") List<Edit> edits, @ForAll boolean second) {
        List<String> characters = VALID.get(second ? 1 : 0).chars().mapToObj(c -> String.valueOf((char) c)).toList();
        CompileResult result = answersSanely(String.join("", apply(characters, edits)));
        Statistics.label("character mutations").collect(outcome(result));
    }

    // ---- fixed cases ---------------------------------------------------------------------------

    @Example
    void the_valid_samples_compile() {
        VALID.forEach(text -> assertThat(answersSanely(text).protocol()).isNotNull());
        assertThat(String.join("", tokens(VALID.get(1)))).as("tokens join back to the text").isEqualTo(VALID.get(1));
    }

    @Example
    void ten_thousand_open_parentheses_are_a_clear_error_not_a_stack_overflow() {
        String deep = VALID.get(0).replace("exclude when diagnosis in", "exclude when " + "(".repeat(10_000) + "diagnosis in");
        int line = (int) deep.substring(0, deep.indexOf('(')).lines().count();
        int column = deep.indexOf('(') - deep.lastIndexOf('\n', deep.indexOf('(')) + ProtocolCompiler.MAX_NESTING;
        CompileResult result = answersSanely(deep);
        assertThat(result.errors()).singleElement().satisfies(d -> {
            assertThat(d.message()).isEqualTo("conditions are nested more than 50 parentheses deep; simplify them");
            assertThat(List.of(d.line(), d.column())).containsExactly(line, column);
        });
    }

    @Example
    void a_control_character_in_a_title_or_a_comment_is_refused_at_its_place() {
        String text = VALID.get(0);
        int quote = text.indexOf('"', text.indexOf("title"));
        String nul = text.substring(0, quote + 1) + "\u0000" + text.substring(quote + 1);
        int line = (int) text.substring(0, quote).chars().filter(c -> c == '\n').count() + 1;
        int column = quote + 2 - (text.lastIndexOf('\n', quote) + 1);
        assertThat(answersSanely(nul).errors()).singleElement().satisfies(d -> {
            assertThat(d.message()).contains("control character (U+0000)");
            assertThat(List.of(d.line(), d.column())).containsExactly(line, column);
        });
        assertThat(answersSanely(text + "\n# an escape \u001B[2J in a comment\n").errors()).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("U+001B"));
        assertThat(answersSanely(text.replace("\n", "\r\n").replace("  ", "\t")).protocol())
                .as("tabs and CR LF line breaks are still fine").isNotNull();
    }

    @Example
    void ten_thousand_balanced_parentheses_are_refused_the_same_way() {
        String deep = VALID.get(0).replace("exclude when diagnosis in [schizophrenia, psychotic_disorder]",
                "exclude when " + "(".repeat(10_000) + "pregnant" + ")".repeat(10_000));
        assertThat(answersSanely(deep).errors()).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("nested more than 50 parentheses"));
    }

    @Example
    void parentheses_nested_up_to_the_limit_still_compile() {
        String nested = VALID.get(0).replace("exclude when diagnosis in [schizophrenia, psychotic_disorder]",
                "exclude when " + "(".repeat(ProtocolCompiler.MAX_NESTING) + "diagnosis in [schizophrenia]"
                        + ")".repeat(ProtocolCompiler.MAX_NESTING));
        assertThat(answersSanely(nested).protocol()).isNotNull();
    }

    @Example
    void ten_thousand_closing_parentheses_do_not_crash() {
        answersSanely(VALID.get(0).replace("exclude when diagnosis in", "exclude when " + ")".repeat(10_000) + "diagnosis in"));
    }

    @Example
    void a_long_flat_condition_compiles() {
        String longCondition = VALID.get(0).replace("exclude when diagnosis in [schizophrenia, psychotic_disorder]",
                "exclude when pregnant" + " or breastfeeding".repeat(20_000));
        assertThat(answersSanely(longCondition).protocol()).isNotNull();
    }

    @Example
    void thousands_of_rules_with_a_syntax_error_each_give_one_error_each() {
        StringBuilder text = new StringBuilder("protocol \"t\" version 1\nstatus draft\ndosing route IM:\n");
        for (int i = 0; i < 10_000; i++) {
            text.append("  rule A-").append(i).append(": max 1 mg per sesion message \"m\"\n");
        }
        CompileResult result = answersSanely(text.toString());
        assertThat(result.errors()).hasSize(10_000)
                .allSatisfy(d -> assertThat(d.message()).isEqualTo("unexpected 'sesion'; expected 'session'"));
    }

    @Example
    void thousands_of_first_doses_against_thousands_of_dose_sets_give_one_error_per_rule_not_per_pair() {
        StringBuilder text = new StringBuilder("protocol \"t\" version 1\nstatus draft\ndosing route IM:\n");
        for (int i = 0; i < 5_000; i++) {
            text.append("  rule A-").append(i).append(": first dose 2 mg message \"m\"\n");
            text.append("  rule B-").append(i).append(": doses 1 mg message \"m\"\n");
        }
        CompileResult result = answersSanely(text.toString());
        assertThat(result.errors()).hasSize(5_000);
    }

    @Example
    void a_number_of_a_hundred_thousand_digits_is_refused_without_converting_it() {
        CompileResult result = answersSanely("protocol \"t\" version " + "9".repeat(100_000) + "\nstatus draft\n");
        assertThat(result.errors()).singleElement().satisfies(d -> {
            assertThat(d.message()).isEqualTo("a number of 100000 characters; a number in a protocol has at most 20");
            assertThat(d.message().length()).isLessThan(100);
        });
    }

    @Example
    void a_long_line_of_one_word_is_one_error() {
        answersSanely("protocol \"t\" version 1\nstatus draft\n" + "a".repeat(500_000));
    }
}
