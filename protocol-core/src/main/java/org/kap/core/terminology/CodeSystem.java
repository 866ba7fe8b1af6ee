package org.kap.core.terminology;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The code systems clinical systems send diagnoses, history and medications in, named by their FHIR system URIs
 * (HL7 FHIR R4 terminology pages) and by a short word for the protocol language. A hierarchical system's codes
 * carry their place in the hierarchy in their spelling (ICD-10-CM {@code F20.9} lies under {@code F20}; ATC
 * {@code N06BA04} under {@code N06BA}), so a value set can name a code with everything under it, or a range.
 * SNOMED CT and RxNorm codes are identifiers without order: a value set lists them one by one (the engine ships
 * no SNOMED CT hierarchy).
 */
public enum CodeSystem {

    /** ICD-10-CM (CDC/NCHS): a letter, two characters, then optionally a dot and up to four more. */
    ICD_10_CM("http://hl7.org/fhir/sid/icd-10-cm", "icd-10-cm", "ICD-10-CM", true,
            Pattern.compile("[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?")),
    /** WHO Anatomical Therapeutic Chemical classification: levels 1 to 5, e.g. N, N06, N06B, N06BA, N06BA04. */
    ATC("http://www.whocc.no/atc", "atc", "ATC", true,
            Pattern.compile("[A-Z]([0-9]{2}([A-Z]([A-Z]([0-9]{2})?)?)?)?")),
    /** SNOMED CT concept ids: 6 to 18 digits, no leading zero, the last a Verhoeff check digit. */
    SNOMED_CT("http://snomed.info/sct", "snomed-ct", "SNOMED CT", false, Pattern.compile("[1-9][0-9]{5,17}")),
    /** RxNorm concept unique identifiers (US National Library of Medicine): digits. */
    RXNORM("http://www.nlm.nih.gov/research/umls/rxnorm", "rxnorm", "RxNorm", false, Pattern.compile("[1-9][0-9]{0,8}"));

    private final String uri;
    private final String word;
    private final String label;
    private final boolean hierarchical;
    private final Pattern form;

    CodeSystem(String uri, String word, String label, boolean hierarchical, Pattern form) {
        this.uri = uri;
        this.word = word;
        this.label = label;
        this.hierarchical = hierarchical;
        this.form = form;
    }

    /** The FHIR system URI, as clinical systems send it. */
    public String uri() {
        return uri;
    }

    /** The protocol language's word for the system. */
    public String word() {
        return word;
    }

    public String label() {
        return label;
    }

    /** Whether a code's spelling places it in the hierarchy (so prefixes and ranges mean something). */
    public boolean hierarchical() {
        return hierarchical;
    }

    /** Whether the code is spelt as this system spells its codes (check digit included). */
    public boolean wellFormed(String code) {
        return code != null && form.matcher(code).matches() && (this != SNOMED_CT || concept(code));
    }

    /**
     * A SNOMED CT concept id: the two digits before the check digit are its partition, 00 or 10 for a concept (01/11
     * a description, 02/12 a relationship), and the check digit is Verhoeff's.
     */
    private static boolean concept(String id) {
        String partition = id.substring(id.length() - 3, id.length() - 1);
        return (partition.equals("00") || partition.equals("10")) && Verhoeff.valid(id);
    }

    /** Why a code is not one of this system's, for an error message (with its upper-case spelling when that is it). */
    public String problemWith(String code) {
        String upper = code.toUpperCase(java.util.Locale.ROOT);
        return "'" + code + "' is not a " + label + " code: " + label + " codes are " + form()
                + (!upper.equals(code) && wellFormed(upper) ? " (codes are upper case: " + upper + ")" : "");
    }

    /** How a code of this system is spelt, for an error message. */
    public String form() {
        return switch (this) {
            case ICD_10_CM -> "a letter, a digit, a digit or letter, then optionally '.' and up to 4 more (F20, F20.9, F31.81)";
            case ATC -> "a level 1 to 5 ATC code (N, N06, N06B, N06BA, N06BA04)";
            case SNOMED_CT -> "a concept id: 6 to 18 digits, partition 00 or 10 before a valid Verhoeff check digit (58214004)";
            case RXNORM -> "up to 9 digits, no leading zero (6130)";
        };
    }

    public static Optional<CodeSystem> byUri(String uri) {
        return Arrays.stream(values()).filter(s -> s.uri.equals(uri)).findFirst();
    }

    public static Optional<CodeSystem> byWord(String word) {
        return Arrays.stream(values()).filter(s -> s.word.equalsIgnoreCase(word)).findFirst();
    }
}
