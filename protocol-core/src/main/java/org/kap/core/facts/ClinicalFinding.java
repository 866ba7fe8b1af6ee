package org.kap.core.facts;

import org.kap.core.screening.ClientProfile;
import org.kap.core.screening.ClientProfile.SubstanceUse;
import org.kap.core.units.UnitsPerLitre;
import org.kap.core.vitals.VitalSigns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A clinical finding about the client, at its clinical time.
 *
 * <ul>
 *   <li>{@code PREGNANCY_TEST} positive or negative: the client is (not) pregnant from then on;</li>
 *   <li>{@code BREASTFEEDING} yes or no;</li>
 *   <li>{@code DIAGNOSIS}, {@code HISTORY}, {@code FAMILY_HISTORY} with a code: present (added) or not (ruled out);</li>
 *   <li>{@code DRUG_SCREEN} for a substance: a positive screen counts as use at the time of the sample, the
 *       most cautious reading for an abstinence window (a negative one changes nothing: it does not date the last use);</li>
 *   <li>{@code AGE} in years, when screening did not record it;</li>
 *   <li>{@code RESTING_VITALS}: resting vitals outside a session, which screening rules on vitals read;</li>
 *   <li>{@code LAB} with a test code ({@code alt}, {@code ast}, {@code ggt}) and its value: the latest result of the test.</li>
 * </ul>
 *
 * @param code     the diagnosis, history item, substance or laboratory test; null for the other types
 * @param positive the result (pregnancy test, drug screen), presence (diagnosis, history) or yes/no (breastfeeding)
 * @param years    the age, for {@code AGE} only
 * @param vitals   the reading, for {@code RESTING_VITALS} only
 * @param value    the result, for {@code LAB} only
 */
public record ClinicalFinding(Type type, String code, Boolean positive, Integer years, VitalSigns vitals,
                              UnitsPerLitre value) implements ClientFact {

    public enum Type {
        PREGNANCY_TEST, BREASTFEEDING, DIAGNOSIS, HISTORY, FAMILY_HISTORY, DRUG_SCREEN, AGE, RESTING_VITALS, LAB;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean coded() {
            return this == DIAGNOSIS || this == HISTORY || this == FAMILY_HISTORY || this == DRUG_SCREEN || this == LAB;
        }

        boolean hasResult() {
            return this != AGE && this != RESTING_VITALS && this != LAB;
        }
    }

    public ClinicalFinding {
        Objects.requireNonNull(type, "type");
        if (type.coded() && (code == null || code.isBlank())) {
            throw new IllegalArgumentException("a " + type.code() + " finding names its code");
        }
        if (!type.coded() && code != null) {
            throw new IllegalArgumentException("a " + type.code() + " finding has no code");
        }
        // a code (system|code) keeps its spelling: ICD-10-CM and SNOMED CT codes are not lower case words
        code = code == null ? null : org.kap.core.terminology.Coding.isToken(code) ? code.trim() : code.trim().toLowerCase(Locale.ROOT);
        if (type.hasResult() && positive == null) {
            throw new IllegalArgumentException("a " + type.code() + " finding says its result (positive true or false)");
        }
        if (!type.hasResult() && positive != null) {
            throw new IllegalArgumentException("a " + type.code() + " finding has no positive/negative result");
        }
        if ((type == Type.AGE) != (years != null)) {
            throw new IllegalArgumentException(type == Type.AGE ? "an age finding gives the years" : "only an age finding gives years");
        }
        if (years != null && (years < 0 || years > 130)) {
            throw new IllegalArgumentException("age must be between 0 and 130 years; got " + years);
        }
        if ((type == Type.LAB) != (value != null)) {
            throw new IllegalArgumentException(type == Type.LAB ? "a lab finding gives its value" : "only a lab finding gives a value");
        }
        if (type == Type.LAB && labTest(code) == null) {
            throw new IllegalArgumentException("unknown laboratory test '" + code + "'; known tests: "
                    + java.util.Arrays.stream(LabTest.values()).map(LabTest::code).toList());
        }
        if ((type == Type.RESTING_VITALS) != (vitals != null)) {
            throw new IllegalArgumentException(type == Type.RESTING_VITALS
                    ? "a resting-vitals finding gives the reading" : "only a resting-vitals finding gives a reading");
        }
    }

    public static ClinicalFinding pregnancyTest(boolean positive) {
        return new ClinicalFinding(Type.PREGNANCY_TEST, null, positive, null, null, null);
    }

    public static ClinicalFinding coded(Type type, String code, boolean present) {
        return new ClinicalFinding(type, code, present, null, null, null);
    }

    public static ClinicalFinding age(int years) {
        return new ClinicalFinding(Type.AGE, null, null, years, null, null);
    }

    public static ClinicalFinding restingVitals(VitalSigns vitals) {
        return new ClinicalFinding(Type.RESTING_VITALS, null, null, null, vitals, null);
    }

    public static ClinicalFinding lab(LabTest test, UnitsPerLitre value) {
        return new ClinicalFinding(Type.LAB, test.code(), null, null, null, value);
    }

    private static LabTest labTest(String code) {
        return java.util.Arrays.stream(LabTest.values()).filter(t -> t.code().equals(code)).findFirst().orElse(null);
    }

    @Override
    public Set<String> changes() {
        return switch (type) {
            case PREGNANCY_TEST -> Set.of(FactNames.PREGNANCY);
            case BREASTFEEDING -> Set.of(FactNames.BREASTFEEDING);
            case DIAGNOSIS -> Set.of(FactNames.DIAGNOSES);
            case HISTORY -> Set.of(FactNames.HISTORY);
            case FAMILY_HISTORY -> Set.of(FactNames.FAMILY_HISTORY);
            case DRUG_SCREEN -> positive ? Set.of(FactNames.SUBSTANCE_USE) : Set.of();
            case AGE -> Set.of(FactNames.AGE);
            case RESTING_VITALS -> vitals.measured().stream().map(s -> s.label()).collect(java.util.stream.Collectors.toSet());
            case LAB -> Set.of(code);
        };
    }

    @Override
    public ClientProfile applyTo(ClientProfile p, Instant at) {
        Integer age = p.ageYears();
        Set<String> diagnoses = p.diagnoses();
        Set<String> history = p.history();
        Set<String> familyHistory = p.familyHistory();
        List<SubstanceUse> substances = p.substanceUse();
        Boolean pregnant = p.pregnant();
        Boolean breastfeeding = p.breastfeeding();
        VitalSigns resting = p.vitals();
        java.util.Map<LabTest, UnitsPerLitre> labs = p.labs();
        switch (type) {
            case PREGNANCY_TEST -> pregnant = positive;
            case BREASTFEEDING -> breastfeeding = positive;
            case DIAGNOSIS -> diagnoses = toggled(diagnoses);
            case HISTORY -> history = toggled(history);
            case FAMILY_HISTORY -> familyHistory = toggled(familyHistory);
            case DRUG_SCREEN -> substances = positive ? used(substances, at) : substances;
            case AGE -> age = years;
            // a partial reading updates the signs it measured; the others stay as they were known
            case RESTING_VITALS -> resting = p.vitals() == null ? vitals : p.vitals().correctedBy(vitals).measuredAt(vitals.measuredAt());
            case LAB -> {
                labs = new java.util.HashMap<>(labs);
                labs.put(labTest(code), value);
            }
        }
        return new ClientProfile(age, p.weight(), diagnoses, history, familyHistory, p.medications(), substances,
                pregnant, breastfeeding, resting, p.scores(), p.medicationsTaken(), labs);
    }

    private Set<String> toggled(Set<String> codes) {
        Set<String> changed = new HashSet<>(codes);
        if (positive) {
            changed.add(code);
        } else {
            changed.remove(code);
        }
        return changed;
    }

    private List<SubstanceUse> used(List<SubstanceUse> uses, Instant at) {
        List<SubstanceUse> changed = new ArrayList<>(uses.stream().filter(u -> !u.substance().equals(code)).toList());
        Instant last = uses.stream().filter(u -> u.substance().equals(code)).map(SubstanceUse::lastUse)
                .filter(t -> t.isAfter(at)).findFirst().orElse(at);
        changed.add(new SubstanceUse(code, last));
        return changed;
    }

    @Override
    public String describe() {
        return switch (type) {
            case PREGNANCY_TEST -> "pregnancy test " + (positive ? "positive" : "negative");
            case BREASTFEEDING -> positive ? "breastfeeding" : "not breastfeeding";
            case DIAGNOSIS, HISTORY, FAMILY_HISTORY -> type.code().replace('_', ' ') + " "
                    + org.kap.core.terminology.Coding.readable(code) + (positive ? "" : " ruled out");
            case DRUG_SCREEN -> "drug screen for " + org.kap.core.terminology.Coding.readable(code) + " " + (positive ? "positive" : "negative");
            case AGE -> "age " + years + " years";
            case RESTING_VITALS -> "resting vitals " + vitals.summary();
            case LAB -> labTest(code).label() + " " + value;
        };
    }
}
