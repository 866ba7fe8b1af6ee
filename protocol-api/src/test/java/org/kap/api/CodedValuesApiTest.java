package org.kap.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clinical systems send codes with their systems, as FHIR Codings: a code in a rule's value set is decided on like
 * the protocol's word, the answer says which value sets each code is in, and nothing unknown passes in silence.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CodedValuesApiTest extends ApiTest {

    private static final String ICD = "http://hl7.org/fhir/sid/icd-10-cm";

    @BeforeAll
    void publish() {
        assertThat(publish("coded-test.kap").status()).isIn(200, 201);
    }

    private Answer screen(List<Object> diagnoses, List<Object> medications) {
        String id = "coded-" + UUID.randomUUID();
        return post("clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-c",
                "protocol", Map.of("id", "coded-test", "version", 1), "indication", "depression",
                "profile", profile(40, "80 kg", "diagnoses", diagnoses, "medications", medications)));
    }

    private static Map<String, String> icd(String code) {
        return Map.of("system", ICD, "code", code);
    }

    @Test
    void a_schizophrenia_code_is_refused_like_the_word_naming_the_code_and_its_value_set() {
        Answer answer = screen(List.of(Map.of("system", ICD, "code", "F20.9", "display", "Schizophrenia, unspecified")), List.of());
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
        assertThat(answer.text("/eligible")).isEqualTo("false");
        JsonNode finding = answer.body().at("/screeningFindings/0");
        assertThat(finding.at("/ruleId").asText()).isEqualTo("CI-PSYCHOSIS");
        assertThat(finding.at("/observed").asText()).isEqualTo("diagnosis F20.9 (ICD-10-CM)");
        assertThat(finding.at("/limit").asText()).isEqualTo("psychotic_disorders v2");
        JsonNode code = answer.body().at("/client/codes/0");
        assertThat(code.at("/field").asText()).isEqualTo("diagnoses");
        assertThat(code.at("/system").asText()).isEqualTo(ICD);
        assertThat(code.at("/code").asText()).isEqualTo("F20.9");
        assertThat(code.at("/valueSets").toString()).isEqualTo("[\"psychotic_disorders v2\"]");
    }

    @Test
    void a_code_in_no_value_set_is_answered_with_a_warning_naming_it() {
        Answer answer = screen(List.of("major_depressive_disorder", icd("F99")), List.of());
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
        assertThat(answer.text("/eligible")).isEqualTo("true");
        assertThat(answer.body().at("/screeningFindings").findValuesAsText("text"))
                .containsExactly("ENGINE-UNKNOWN-CODE: diagnosis F99 (ICD-10-CM) is in no value set of coded-test v1");
        assertThat(answer.body().at("/client/codes/0/valueSets").size()).as("in none").isZero();
    }

    @Test
    void an_atc_code_under_a_listed_class_warns_and_a_known_code_screens_clean() {
        Answer answer = screen(List.of(icd("F33.1")), List.of(Map.of("system", "http://www.whocc.no/atc", "code", "N05BA12")));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
        assertThat(answer.body().at("/screeningFindings").findValuesAsText("ruleId")).containsExactly("WARN-BENZODIAZEPINE");
        assertThat(answer.body().at("/client/codes").findValuesAsText("code")).containsExactly("F33.1", "N05BA12");
    }

    @Test
    void a_word_the_protocol_does_not_know_is_a_400_naming_it_and_records_nothing() {
        Answer answer = screen(List.of("schizofrenia"), List.of());
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.headers().getContentType().toString()).startsWith("application/problem+json");
        assertThat(answer.raw()).contains("profile.diagnoses").contains("'schizofrenia' is not a word of coded-test v1")
                .contains("did you mean 'schizophrenia'?");
    }

    @Test
    void malformed_codes_and_unknown_systems_are_400s_naming_the_field() {
        Answer unknownSystem = screen(List.of(Map.of("system", "http://example.org/icd", "code", "F20.9")), List.of());
        assertThat(unknownSystem.status()).isEqualTo(400);
        assertThat(unknownSystem.raw()).contains("profile.diagnoses[0].system").contains("unknown code system 'http://example.org/icd'");

        Answer malformed = screen(List.of(icd("schizophrenia")), List.of());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.raw()).contains("profile.diagnoses[0].code").contains("is not a ICD-10-CM code");

        Answer token = screen(List.of(ICD + "|F20.9"), List.of());
        assertThat(token.status()).as("a code is sent as an object, never smuggled in a word").isEqualTo(400);
    }

    @Test
    void a_diagnosis_found_during_the_course_may_be_coded() {
        Answer screened = screen(List.of("major_depressive_disorder"), List.of());
        String c = "/api/v1/courses/" + screened.text("/courseId");
        Answer finding = post("clinician", c + "/findings", Map.of("type", "diagnosis", "code", icd("F25.0"), "positive", true));
        assertThat(finding.status()).as(finding.raw()).isEqualTo(200);
        assertThat(finding.body().findValuesAsText("ruleId")).contains("CI-PSYCHOSIS");
        assertThat(get("clinician", c).body().at("/client/diagnoses").toString()).contains(ICD + "|F25.0");
    }

    @Test
    void a_malformed_drug_code_is_named_as_the_drugs_code_even_with_a_dose() {
        Answer screened = screen(List.of("major_depressive_disorder"), List.of());
        String c = "/api/v1/courses/" + screened.text("/courseId");
        Answer taken = post("clinician", c + "/medications", Map.of("drug", Map.of("system", "http://www.whocc.no/atc", "code", "n06ba04"),
                "change", "taken", "dose", "20 mg", "route", "oral"));
        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.raw()).contains("drug.code").contains("(codes are upper case: N06BA04)").doesNotContain("\"change\"");
        Answer fhirCoding = post("clinician", c + "/medications", Map.of("drug", Map.of("system", "http://www.whocc.no/atc",
                "code", "N05BA12", "display", "alprazolam", "version", "2025", "userSelected", true), "change", "started"));
        assertThat(fhirCoding.status()).as("a whole FHIR Coding is read: " + fhirCoding.raw()).isEqualTo(200);
        assertThat(fhirCoding.body().findValuesAsText("ruleId")).contains("WARN-BENZODIAZEPINE");
    }

    @Test
    void the_published_version_shows_its_value_sets_and_vocabulary_to_integrators() {
        Answer detail = get("clinician", "/api/v1/protocols/coded-test/versions/1");
        assertThat(detail.status()).isEqualTo(200);
        JsonNode psychotic = detail.body().at("/valueSets/0");
        assertThat(psychotic.at("/name").asText()).isEqualTo("psychotic_disorders");
        assertThat(psychotic.at("/version").asInt()).isEqualTo(2);
        assertThat(psychotic.at("/codes/" + ICD.replace("/", "~1")).toString()).isEqualTo("[\"F20-F29\"]");
        assertThat(psychotic.at("/cite").asText()).contains("F20-F29");
        assertThat(detail.body().at("/vocabulary").toString()).contains("\"schizophrenia\"", "\"major_depressive_disorder\"");
    }

    @Test
    void a_score_assessed_in_the_session_is_recorded_shown_and_refused_when_out_of_range() {
        Answer screened = screen(List.of("major_depressive_disorder"), List.of());
        String c = "/api/v1/courses/" + screened.text("/courseId");
        assertThat(post("clinician", c + "/session-scores", Map.of("instrument", "moaas", "score", 3)).status())
                .as("no session is open").isEqualTo(409);
        assertThat(post("clinician", c + "/session-scores", Map.of("instrument", "moaas", "score", 7)).status())
                .as("MOAA/S ranges 0-5").isEqualTo(400);
        assertThat(post("therapist", c + "/session-scores", Map.of("instrument", "moaas", "score", 3)).status()).isEqualTo(403);
    }
}
