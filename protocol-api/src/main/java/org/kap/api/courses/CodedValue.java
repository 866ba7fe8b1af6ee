package org.kap.api.courses;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.kap.core.course.InvalidCommandException;
import org.kap.core.terminology.CodeSystem;
import org.kap.core.terminology.Coding;

import java.util.Arrays;
import java.util.Locale;

/**
 * A diagnosis, history item, medication or substance as a clinical system sends it: one of the protocol's words
 * ({@code "schizophrenia"}), or a code with its system as in a FHIR Coding ({@code {"system":
 * "http://hl7.org/fhir/sid/icd-10-cm", "code": "F20.9"}}; a {@code display} is accepted and not kept: the code is
 * the fact). The record keeps a code as its FHIR token, {@code system|code}.
 */
@Schema(description = "One of the protocol's words, or a code with its FHIR system URI "
        + "(ICD-10-CM http://hl7.org/fhir/sid/icd-10-cm, SNOMED CT http://snomed.info/sct, "
        + "RxNorm http://www.nlm.nih.gov/research/umls/rxnorm, ATC http://www.whocc.no/atc)",
        oneOf = {String.class, CodedValue.Code.class})
public record CodedValue(String word, Code code) {

    /** The object form. */
    @Schema(description = "A code with its system", example = "{\"system\": \"http://hl7.org/fhir/sid/icd-10-cm\", \"code\": \"F20.9\"}")
    public record Code(@Schema(example = "http://hl7.org/fhir/sid/icd-10-cm") String system,
                       @Schema(example = "F20.9") String code,
                       @Schema(description = "Accepted, not kept", example = "Schizophrenia, unspecified") String display) {
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static CodedValue ofWord(String word) {
        return new CodedValue(word, null);
    }

    /** A FHIR Coding: {@code version} and {@code userSelected} are accepted and, like {@code display}, not kept. */
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public static CodedValue ofCode(@JsonProperty("system") String system, @JsonProperty("code") String code,
                                    @JsonProperty("display") String display, @JsonProperty("version") String version,
                                    @JsonProperty("userSelected") Boolean userSelected) {
        return new CodedValue(null, new Code(system, code, display));
    }

    /** The value as the client's record keeps it: the word in lower case, or the code's token; malformed is a 400. */
    public String toRecorded(String field) {
        if (code == null) {
            if (word == null || word.isBlank()) {
                throw new InvalidCommandException(field, "must not be blank");
            }
            if (word.length() > 100) {
                throw new InvalidCommandException(field, "is longer than 100 characters");
            }
            if (word.contains("|")) {
                throw new InvalidCommandException(field, "a word holds no '|'; send a code as {\"system\": ..., \"code\": ...}");
            }
            return word.trim().toLowerCase(Locale.ROOT);
        }
        if (code.system() == null || code.code() == null) {
            throw new InvalidCommandException(field, "a code names its system and its code");
        }
        CodeSystem system = CodeSystem.byUri(code.system().trim()).orElseThrow(() -> new InvalidCommandException(field + ".system",
                "unknown code system '" + code.system() + "'; the engine reads " + Arrays.stream(CodeSystem.values())
                        .map(s -> s.uri() + " (" + s.label() + ")").toList()));
        String value = code.code().trim();
        if (value.length() > 40) {
            throw new InvalidCommandException(field + ".code", "is longer than 40 characters: no code system here has such codes");
        }
        if (!system.wellFormed(value)) {
            throw new InvalidCommandException(field + ".code", system.problemWith(value));
        }
        return new Coding(system, value).token();
    }
}
