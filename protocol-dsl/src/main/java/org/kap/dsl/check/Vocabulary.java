package org.kap.dsl.check;

import org.kap.dsl.ast.Ast.Word;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves the words of the language against the engine's enumerations (routes, vitals,
 * instruments, roles, ...), and when a word is unknown says which words are known and which one
 * was probably meant.
 */
final class Vocabulary {

    private final Diagnostics diagnostics;

    Vocabulary(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** The constant whose lower-case name is the word; an error naming the known words otherwise. */
    <E extends Enum<E>> Optional<E> resolve(Word word, Class<E> type, String what) {
        return resolve(word, type, what, e -> e.name().toLowerCase(Locale.ROOT));
    }

    <E extends Enum<E>> Optional<E> resolve(Word word, Class<E> type, String what, Function<E, String> spelling) {
        if (word == null) {
            return Optional.empty();
        }
        for (E constant : type.getEnumConstants()) {
            if (spelling.apply(constant).equalsIgnoreCase(word.text())) {
                return Optional.of(constant);
            }
        }
        List<String> known = Arrays.stream(type.getEnumConstants()).map(spelling).toList();
        diagnostics.error(word.pos(), unknown(what, word.text(), known));
        return Optional.empty();
    }

    static String unknown(String what, String written, List<String> known) {
        String suggestion = closest(written, known).map(s -> " (did you mean '" + s + "'?)").orElse("");
        return "unknown " + what + " '" + written + "'" + suggestion + "; write one of: " + String.join(", ", known);
    }

    /** The known word within a few edits of the written one, if any. */
    static Optional<String> closest(String written, List<String> known) {
        String w = written.toLowerCase(Locale.ROOT);
        return known.stream()
                .min(Comparator.comparingInt(k -> distance(w, k.toLowerCase(Locale.ROOT))))
                .filter(k -> distance(w, k.toLowerCase(Locale.ROOT)) <= Math.max(2, w.length() / 3));
    }

    private static int distance(String a, String b) {
        return org.kap.core.terminology.Spelling.distance(a, b);
    }
}
