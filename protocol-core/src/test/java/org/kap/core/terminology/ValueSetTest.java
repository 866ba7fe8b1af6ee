package org.kap.core.terminology;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Codes with their systems, and what a value set of them contains. */
class ValueSetTest {

    private static Coding icd(String code) {
        return new Coding(CodeSystem.ICD_10_CM, code);
    }

    private static final ValueSet PSYCHOTIC = new ValueSet("psychotic_disorders", 1, Set.of("schizophrenia"),
            List.of(new ValueSet.Member.Range(CodeSystem.ICD_10_CM, "F20", "F29"),
                    new ValueSet.Member.Code(icd("F31.2")),
                    new ValueSet.Member.Code(new Coding(CodeSystem.SNOMED_CT, "58214004"))), "ICD-10-CM FY2025");

    @Test
    void each_system_knows_how_its_codes_are_spelt() {
        assertThat(CodeSystem.ICD_10_CM.wellFormed("F20.9")).isTrue();
        assertThat(CodeSystem.ICD_10_CM.wellFormed("F31.81")).isTrue();
        assertThat(CodeSystem.ICD_10_CM.wellFormed("F20")).isTrue();
        assertThat(CodeSystem.ICD_10_CM.wellFormed("f20.9")).as("upper case only").isFalse();
        assertThat(CodeSystem.ICD_10_CM.wellFormed("F2")).isFalse();
        assertThat(CodeSystem.ICD_10_CM.wellFormed("F20.12345")).isFalse();
        assertThat(CodeSystem.ATC.wellFormed("N06BA04")).isTrue();
        assertThat(CodeSystem.ATC.wellFormed("N06B")).isTrue();
        assertThat(CodeSystem.ATC.wellFormed("N06BA4")).isFalse();
        assertThat(CodeSystem.RXNORM.wellFormed("6130")).isTrue();
        assertThat(CodeSystem.RXNORM.wellFormed("06130")).isFalse();
    }

    @Test
    void snomed_ct_ids_carry_a_verhoeff_check_digit() {
        // concept ids from the SNOMED CT international release: schizophrenia, depressive disorder, pregnant,
        // hypertensive disorder, cerebrovascular accident
        for (String id : List.of("58214004", "35489007", "77386006", "38341003", "230690007")) {
            assertThat(CodeSystem.SNOMED_CT.wellFormed(id)).as(id).isTrue();
        }
        assertThat(CodeSystem.SNOMED_CT.wellFormed("58214005")).as("one digit changed").isFalse();
        assertThat(CodeSystem.SNOMED_CT.wellFormed("85214004")).as("two digits swapped").isFalse();
        assertThat(CodeSystem.SNOMED_CT.wellFormed("58214015")).as("a description id (partition 01), check digit valid").isFalse();
    }

    @Test
    void a_coding_travels_as_a_fhir_token_and_a_word_never_looks_like_one() {
        Coding coding = icd("F20.9");
        assertThat(coding.token()).isEqualTo("http://hl7.org/fhir/sid/icd-10-cm|F20.9");
        assertThat(Coding.fromToken(coding.token())).contains(coding);
        assertThat(Coding.fromToken("schizophrenia")).isEmpty();
        assertThat(Coding.fromToken("http://example.org/codes|F20.9")).as("a system the engine does not know").isEmpty();
        assertThatThrownBy(() -> icd("schizophrenia")).hasMessageContaining("is not a ICD-10-CM code");
    }

    @Test
    void a_hierarchical_code_stands_for_itself_and_everything_under_it_a_range_for_its_block() {
        assertThat(PSYCHOTIC.contains(icd("F20.9"))).as("in the range's block").isTrue();
        assertThat(PSYCHOTIC.contains(icd("F29"))).isTrue();
        assertThat(PSYCHOTIC.contains(icd("F31.2"))).isTrue();
        assertThat(PSYCHOTIC.contains(icd("F31.1"))).as("a sibling of a listed code").isFalse();
        assertThat(PSYCHOTIC.contains(icd("F30"))).isFalse();
        assertThat(PSYCHOTIC.contains(icd("F19.9"))).isFalse();
        assertThat(PSYCHOTIC.contains(new Coding(CodeSystem.SNOMED_CT, "58214004"))).isTrue();
        assertThat(PSYCHOTIC.contains(new Coding(CodeSystem.ATC, "F20"))).as("another system's code").isFalse();

        ValueSet stimulants = new ValueSet("stimulants", 1, Set.of(),
                List.of(new ValueSet.Member.Code(new Coding(CodeSystem.ATC, "N06BA"))), null);
        assertThat(stimulants.contains(new Coding(CodeSystem.ATC, "N06BA04"))).as("methylphenidate").isTrue();
        assertThat(stimulants.contains(new Coding(CodeSystem.ATC, "N06AX12"))).as("bupropion").isFalse();
    }

    @Test
    void a_value_of_the_record_matches_by_word_or_by_code_and_says_how() {
        assertThat(PSYCHOTIC.match("schizophrenia")).contains("schizophrenia");
        assertThat(PSYCHOTIC.match(icd("F20.9").token())).contains("F20.9 (ICD-10-CM)");
        assertThat(PSYCHOTIC.match("bipolar_mania")).isEmpty();
        Terms terms = new Terms(Set.of("bipolar_mania"), List.of(PSYCHOTIC));
        assertThat(terms.match(icd("F25.0").token())).contains("F25.0 (ICD-10-CM) in psychotic_disorders v1");
        assertThat(terms.match("bipolar_mania")).contains("bipolar_mania");
        assertThat(terms.vocabulary()).containsExactlyInAnyOrder("bipolar_mania", "schizophrenia");
        assertThat(terms).hasToString("[bipolar_mania, psychotic_disorders v1]");
    }

    @Test
    void ranges_run_upwards_within_one_level_of_a_hierarchical_system() {
        assertThatThrownBy(() -> new ValueSet.Member.Range(CodeSystem.ICD_10_CM, "F29", "F20")).hasMessageContaining("lower to a higher");
        assertThatThrownBy(() -> new ValueSet.Member.Range(CodeSystem.ICD_10_CM, "F20", "F29.9")).hasMessageContaining("same length");
        assertThatThrownBy(() -> new ValueSet.Member.Range(CodeSystem.SNOMED_CT, "58214004", "58214004"))
                .hasMessageContaining("no order");
        assertThatThrownBy(() -> new ValueSet("empty", 1, Set.of(), List.of(), null)).hasMessageContaining("empty");
    }
}
