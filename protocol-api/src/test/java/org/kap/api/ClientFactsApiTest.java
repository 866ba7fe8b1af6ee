package org.kap.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Facts over time over HTTP: what a protocol version says it reads, findings, medications and weights recorded
 * at their clinical time, a session closed by transfer, a structured correction; malformed input answered 400
 * naming the field with nothing recorded.
 */
class ClientFactsApiTest extends ApiTest {

    private Instant t;
    private String c;

    @BeforeEach
    void publish() {
        assertThat(publish("facts-test.kap").status()).isIn(200, 201);
        t = Instant.now().minus(20, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
    }

    private Map<String, Object> at(long minutes, Object... fields) {
        Map<String, Object> body = new HashMap<>();
        body.put("at", t.plus(minutes, ChronoUnit.MINUTES).toString());
        for (int i = 0; i < fields.length; i += 2) {
            body.put((String) fields[i], fields[i + 1]);
        }
        return body;
    }

    private Answer screen(Map<String, Object> profile) {
        String courseId = "facts-" + java.util.UUID.randomUUID();
        c = "/api/v1/courses/" + courseId;
        return post("clinician", "/api/v1/courses", Map.of("courseId", courseId, "clientId", "client-f",
                "protocol", Map.of("id", "facts-test", "version", 1), "indication", "depression", "at", t.toString(),
                "profile", profile));
    }

    private void consented() {
        assertThat(screen(profile(40, "70 kg")).status()).isEqualTo(201);
        assertThat(post("clinician", c + "/consent", at(5)).status()).isEqualTo(200);
    }

    private long entries() {
        return get("clinician", c).body().path("entries").asLong();
    }

    private static List<String> texts(JsonNode findings) {
        List<String> all = new ArrayList<>();
        findings.forEach(f -> all.add(f.path("text").asText()));
        return all;
    }

    @Test
    void a_version_says_which_facts_it_requires_and_which_each_rule_reads() {
        JsonNode version = get("auditor", "/api/v1/protocols/facts-test/versions/1").body();
        assertThat(version.path("requiredFacts")).extracting(JsonNode::asText).containsExactly("age", "pregnancy", "systolic");
        JsonNode hold = null;
        for (JsonNode rule : version.path("rules")) {
            if (rule.path("id").asText().equals("HOLD-STIMULANTS")) {
                hold = rule;
            }
        }
        assertThat(hold).isNotNull();
        assertThat(hold.path("reads")).extracting(JsonNode::asText).containsExactly("medications_taken");
    }

    @Test
    void a_screening_without_age_is_not_eligible_for_the_missing_fact_until_the_age_is_recorded() {
        Map<String, Object> noAge = new HashMap<>(profile(40, "70 kg"));
        noAge.remove("ageYears");
        Answer screened = screen(noAge);
        assertThat(screened.status()).as(screened.raw()).isEqualTo(201);
        assertThat(screened.text("/status")).isEqualTo("ineligible");
        assertThat(texts(screened.body().path("screeningFindings")))
                .containsExactlyInAnyOrder("FACTS-REQUIRED: age not recorded", "CI-AGE: age not recorded");
        Answer age = post("clinician", c + "/findings", at(10, "type", "age", "ageYears", 41));
        assertThat(age.status()).as(age.raw()).isEqualTo(200);
        assertThat(get("clinician", c).text("/status")).isEqualTo("screened");
    }

    @Test
    void a_positive_pregnancy_test_is_recorded_halts_the_course_and_the_next_dose_is_refused_and_recorded() {
        consented();
        Answer test = post("clinician", c + "/findings", at(60, "type", "pregnancy_test", "positive", true));
        assertThat(test.status()).as(test.raw()).isEqualTo(200);
        assertThat(test.text("/outcome")).isEqualTo("allowed_with_warnings");
        assertThat(texts(test.body().path("findings"))).containsExactly("CI-PREGNANCY: pregnant = excluded");
        JsonNode course = get("clinician", c).body();
        assertThat(course.path("haltedBy").asText()).isEqualTo("CI-PREGNANCY");
        assertThat(course.path("client").path("pregnant").asBoolean()).isTrue();
        long before = entries();
        Answer approval = post("prescriber", c + "/dose-approvals", at(24 * 60, "route", "IM", "dose", "0.5 mg/kg"));
        assertThat(approval.status()).as(approval.raw()).isEqualTo(422);
        assertThat(approval.text("/violations/0/ruleId")).isEqualTo("CI-PREGNANCY");
        assertThat(entries()).as("the refused attempt is recorded").isEqualTo(before + 1);
    }

    @Test
    void a_stimulant_taken_two_hours_before_the_approval_holds_it() {
        consented();
        Answer taken = post("clinician", c + "/medications", at(3 * 24 * 60 - 120, "drug", "adhd_stimulant", "change", "taken",
                "dose", "20 mg", "route", "oral"));
        assertThat(taken.status()).as(taken.raw()).isEqualTo(200);
        Answer approval = post("prescriber", c + "/dose-approvals", at(3 * 24 * 60, "route", "IM", "dose", "0.5 mg/kg"));
        assertThat(approval.status()).as(approval.raw()).isEqualTo(422);
        assertThat(approval.text("/violations/0/text")).startsWith("HOLD-STIMULANTS: adhd_stimulant 20 mg oral taken ");
    }

    @Test
    void a_laboratory_result_is_recorded_in_its_unit_and_shown_with_what_the_course_knows() {
        consented();
        Answer alt = post("clinician", c + "/findings", at(60, "type", "lab", "code", "alt", "value", "150 U/L"));
        assertThat(alt.status()).as(alt.raw()).isEqualTo(200);
        assertThat(get("clinician", c).text("/client/labs/alt")).isEqualTo("150 U/L");
    }

    @Test
    void a_new_weight_is_what_an_mg_per_kg_dose_is_computed_on() {
        consented();
        assertThat(post("clinician", c + "/weights", at(60, "weight", "60 kg")).status()).isEqualTo(200);
        Answer approval = post("prescriber", c + "/dose-approvals", at(24 * 60, "route", "IM", "dose", "0.5 mg/kg"));
        assertThat(approval.status()).as(approval.raw()).isEqualTo(200);
        assertThat(get("clinician", c).text("/pendingApproval/amount")).isEqualTo("30 mg");
    }

    @Test
    void malformed_facts_are_400_naming_the_field_and_record_nothing() {
        consented();
        long before = entries();
        assertMalformed(post("clinician", c + "/weights", at(60, "weight", "64 mmHg")), "weight");
        assertMalformed(post("clinician", c + "/weights", at(60, "weight", "0 kg")), "weight");
        assertMalformed(post("clinician", c + "/medications", at(60, "drug", "sertraline", "change", "stopped",
                "dose", "50 mg")), "change");
        assertMalformed(post("clinician", c + "/findings", at(60, "type", "diagnosis", "positive", true)), "code");
        assertMalformed(post("clinician", c + "/findings", at(60, "type", "pregnancy_test")), "positive");
        assertMalformed(post("clinician", c + "/findings", at(60, "type", "lab", "code", "alt", "value", "150 mg")), "value");
        assertMalformed(post("clinician", c + "/findings", at(60, "type", "lab", "code", "troponin", "value", "3 U/L")), "code");
        assertMalformed(post("clinician", c + "/findings", Map.of("type", "pregnancy_test", "positive", true,
                "at", t.minus(1, ChronoUnit.DAYS).toString())), null);
        assertThat(entries()).as("nothing recorded").isEqualTo(before);
        assertThat(post("therapist", c + "/weights", at(60, "weight", "64 kg")).status()).isEqualTo(403);
    }

    private static void assertMalformed(Answer answer, String field) {
        assertThat(answer.status()).as(answer.raw()).isIn(400, 409);
        assertThat(answer.headers().getContentType()).hasToString("application/problem+json");
        if (field != null) {
            assertThat(answer.status()).as(answer.raw()).isEqualTo(400);
            assertThat(answer.raw()).contains("\"" + field + "\"");
        }
    }

    @Test
    void a_session_closed_by_transfer_halts_the_course_and_a_corrected_reading_decides_the_discharge() {
        consented();
        long day = 24 * 60;
        assertThat(post("prescriber", c + "/dose-approvals", at(day, "route", "IM", "dose", "0.5 mg/kg")).status()).isEqualTo(200);
        Answer started = post("clinician", c + "/sessions", at(day + 10, "preDoseVitals", Map.of("systolic", "124 mmHg")));
        assertThat(started.status()).as(started.raw()).isEqualTo(200);
        Answer reading = post("clinician", c + "/vitals", Map.of("vitals", Map.of("measuredAt",
                t.plus(day + 40, ChronoUnit.MINUTES).toString(), "systolic", "130 mmHg")));
        assertThat(reading.status()).isEqualTo(200);
        long readingEntry = entries();
        Answer wrong = post("clinician", c + "/corrections", at(day + 60, "entryNumber", readingEntry, "correction", "x",
                "reason", "y", "corrected", Map.of("weight", "60 kg")));
        assertThat(wrong.status()).as(wrong.raw()).isEqualTo(400);
        assertThat(wrong.raw()).contains("corrected.weight");
        Answer corrected = post("clinician", c + "/corrections", at(day + 60, "entryNumber", readingEntry,
                "correction", "systolic was 192", "reason", "typed from the wrong row",
                "corrected", Map.of("reading", Map.of("systolic", "192 mmHg"))));
        assertThat(corrected.status()).as(corrected.raw()).isEqualTo(200);
        Answer discharge = post("clinician", c + "/discharge", at(day + 80, "escortPresent", true, "transport", "driven_by_escort"));
        assertThat(discharge.status()).as(discharge.raw()).isEqualTo(422);
        assertThat(discharge.text("/violations/0/text")).isEqualTo("DIS-SBP: systolic 192 mmHg >= 160 mmHg");
        Answer closed = post("clinician", c + "/sessions/current/closure", at(day + 90, "disposition",
                "transferred_to_emergency_care", "note", "hypertensive urgency; ambulance"));
        assertThat(closed.status()).as(closed.raw()).isEqualTo(200);
        JsonNode course = get("clinician", c).body();
        assertThat(course.path("sessions").get(0).path("disposition").asText()).isEqualTo("transferred_to_emergency_care");
        assertThat(course.path("haltedBy").asText()).isEqualTo("OBS-TRANSFER");
        assertThat(post("clinician", c + "/sessions/current/closure", at(day + 95, "disposition", "admitted", "note", "again"))
                .status()).as("no session is open any more").isEqualTo(409);
    }
}
