package org.kap.core.terminology;

import java.util.Objects;
import java.util.Optional;

/**
 * A code in a code system, as a clinical system sends it ({@code {"system": "http://hl7.org/fhir/sid/icd-10-cm",
 * "code": "F20.9"}}). The client's record keeps it as a FHIR token, {@code system|code}, beside the protocol's own
 * words (which never hold '|'), so records written before codes were accepted read unchanged.
 */
public record Coding(CodeSystem system, String code) {

    public Coding {
        Objects.requireNonNull(system, "system");
        if (!system.wellFormed(code)) {
            throw new IllegalArgumentException(system.problemWith(code));
        }
    }

    /** The FHIR token form kept in the client's record. */
    public String token() {
        return system.uri() + "|" + code;
    }

    /** Whether a value in the client's record is a code (a token) rather than one of the protocol's words. */
    public static boolean isToken(String value) {
        return value.indexOf('|') >= 0;
    }

    /** The code a token names; empty for a word, or a token of a system the engine does not know. */
    public static Optional<Coding> fromToken(String value) {
        int bar = value.indexOf('|');
        if (bar < 0) {
            return Optional.empty();
        }
        return CodeSystem.byUri(value.substring(0, bar)).filter(s -> s.wellFormed(value.substring(bar + 1)))
                .map(s -> new Coding(s, value.substring(bar + 1)));
    }

    /** How a value of the client's record reads to a person: a word as it is, a code as {@code F20.9 (ICD-10-CM)}. */
    public static String readable(String value) {
        return fromToken(value).map(Coding::toString).orElse(value);
    }

    @Override
    public String toString() {
        return code + " (" + system.label() + ")";
    }
}
