package org.kap.api;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every class of error as problem+json with a stable type, never a 500 or a stack trace for bad
 * input; malformed input and state conflicts record nothing, a safety refusal is recorded.
 */
class ErrorHandlingApiTest extends ApiTest {

    private String id;
    private String c;
    private Instant t;

    @BeforeEach
    void activeCourse() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        id = "errors-" + UUID.randomUUID();
        c = "/api/v1/courses/" + id;
        t = Instant.now().minus(5, ChronoUnit.DAYS);
        assertThat(post("clinician", "/api/v1/courses", screening(id)).status()).isEqualTo(201);
        assertThat(post("clinician", c + "/consent", Map.of("at", t.plusSeconds(60).toString())).status()).isEqualTo(200);
    }

    private Map<String, Object> screening(String courseId) {
        return Map.of("courseId", courseId, "clientId", "client-err", "protocol", Map.of("id", "api-test", "version", 1),
                "indication", "depression", "at", t.toString(), "profile", Map.of("ageYears", 40, "weight", "80 kg"));
    }

    private long entries() {
        return get("clinician", c).body().at("/entries").asLong();
    }

    private Answer problem(Answer answer, int status, String type) {
        assertThat(answer.status()).as(answer.raw()).isEqualTo(status);
        assertThat(answer.headers().getContentType()).hasToString("application/problem+json");
        assertThat(answer.text("/type")).isEqualTo(type);
        assertThat(answer.body().at("/status").asInt()).isEqualTo(status);
        assertThat(answer.raw()).doesNotContain("at org.").doesNotContain("Exception").doesNotContain("\\tat ");
        return answer;
    }

    private void malformed(Answer answer, String field) {
        problem(answer, 400, "/problems/malformed-request");
        assertThat(answer.body().at("/errors").findValuesAsText("field")).contains(field);
    }

    @Test
    void malformed_input_names_each_bad_field_and_records_nothing() {
        long before = entries();
        malformed(post("clinician", "/api/v1/courses", Map.of("protocol", Map.of("id", "api-test", "version", 1),
                "indication", "depression", "profile", Map.of("ageYears", 40, "weight", "80 kg"))), "clientId");
        malformed(post("clinician", c + "/adverse-events", Map.of("type", "sedation", "grade", "three")), "grade");
        malformed(post("prescriber", c + "/dose-approvals", Map.of("route", "nasal", "dose", "1 mg")), "route");
        malformed(post("prescriber", c + "/dose-approvals", Map.of("route", "IM", "dose", "-1 mg")), "dose");
        malformed(post("prescriber", c + "/dose-approvals", Map.of("route", "IM", "dose", "5 mmHg")), "dose");
        malformed(post("prescriber", c + "/dose-approvals", Map.of("route", "IM")), "dose");
        malformed(post("prescriber", c + "/dose-approvals", "{\"route\": \"IM\", \"dose\": "), "body");
        malformed(post("prescriber", c + "/dose-approvals", Map.of("route", "IM", "dose", "0.5 mg/kg", "approvedBy", "me")),
                "approvedBy");
        malformed(post("clinician", c + "/adverse-events", Map.of("type", "sedation", "grade", 7)), "grade");
        malformed(post("clinician", c + "/outcome-measures", Map.of("instrument", "phq9", "score", 30)), "score");
        malformed(post("prescriber", c + "/dose-approvals", Map.of("route", "IM", "dose", "0.5 mg/kg",
                "at", Instant.now().plus(1, ChronoUnit.HOURS).toString())), "at");
        malformed(post("clinician", c + "/vitals", Map.of("vitals", Map.of("spo2", "140 %"))), "body");
        String huge = "{\"reason\":\"" + "x".repeat(70_000) + "\"}";
        malformed(post("prescriber", c + "/end", huge), "body");
        assertThat(entries()).as("malformed input records nothing").isEqualTo(before);
    }

    @Test
    void unknown_things_are_404() {
        problem(post("prescriber", "/api/v1/courses/no-such-course/dose-approvals", Map.of("route", "IM", "dose", "0.5 mg/kg")),
                404, "/problems/not-found");
        problem(get("clinician", "/api/v1/courses/no-such-course"), 404, "/problems/not-found");
        var unknownProtocol = new java.util.HashMap<>(screening("errors-" + UUID.randomUUID()));
        unknownProtocol.put("protocol", Map.of("id", "api-test", "version", 99));
        problem(post("clinician", "/api/v1/courses", unknownProtocol), 404, "/problems/not-found");
        problem(post("clinician", c + "/adverse-events/AE-9/resolution", Map.of("resolution", "gone")), 404, "/problems/not-found");
    }

    @Test
    void a_command_that_does_not_fit_the_state_is_409_and_records_nothing() {
        long before = entries();
        Answer conflict = problem(post("clinician", c + "/discharge", Map.of("scores", Map.of("moaas", 5))), 409,
                "/problems/state-conflict");
        assertThat(conflict.text("/detail")).contains("no session is open");
        problem(post("clinician", "/api/v1/courses", screening(id)), 409, "/problems/state-conflict");
        problem(post("clinician", c + "/consent", Map.of("at", t.minus(1, ChronoUnit.DAYS).toString())), 409,
                "/problems/clinical-time-order");
        assertThat(entries()).isEqualTo(before);
    }

    @Test
    void a_safety_refusal_is_422_with_its_violations_and_is_recorded() {
        assertThat(post("therapist", c + "/preparation-sessions", Map.of("at", t.plusSeconds(120).toString())).status())
                .isEqualTo(200);
        long before = entries();
        Answer refused = problem(post("prescriber", c + "/dose-approvals", Map.of("route", "IM", "dose", "0.6 mg/kg",
                "at", t.plusSeconds(180).toString())), 422, "/problems/safety-refusal");
        assertThat(refused.text("/violations/0/ruleId")).isEqualTo("DOSE-IM-START");
        assertThat(refused.text("/violations/0/observed")).isEqualTo("first dose 0.6 mg/kg (48 mg at 80 kg)");
        assertThat(refused.text("/violations/0/limit")).isEqualTo("0.5 mg/kg");
        assertThat(refused.text("/violations/0/protocolId")).isEqualTo("api-test");
        assertThat(entries()).as("the refusal is part of the record").isEqualTo(before + 1);
    }

    @Test
    void no_credentials_is_401_and_a_role_that_may_not_is_403() {
        problem(exchange(null, HttpMethod.POST, c + "/consent", Map.of(), Map.of()), 401, "/problems/unauthenticated");
        problem(exchange(null, HttpMethod.GET, c, null, Map.of("Authorization", "Basic " + java.util.Base64.getEncoder()
                .encodeToString("clinician:wrong".getBytes()))), 401, "/problems/unauthenticated");
        problem(post("clinician", c + "/dose-approvals", Map.of("route", "IM", "dose", "0.5 mg/kg")), 403, "/problems/forbidden");
        problem(post("auditor", c + "/end", Map.of("reason", "no")), 403, "/problems/forbidden");
        assertThat(List.of(get("auditor", c).status())).containsExactly(200);
    }
}
