package org.kap.api;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A full course over HTTP: screening, consent, preparation, three sessions each with integration. */
class CourseJourneyApiTest extends ApiTest {

    private String c;
    private Instant t;

    @BeforeEach
    void publishAndScreen() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        t = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        String courseId = "journey-" + java.util.UUID.randomUUID();
        c = "/api/v1/courses/" + courseId;
        Answer screened = post("clinician", "/api/v1/courses", Map.of("courseId", courseId, "clientId", "client-0001",
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", t.toString(),
                "profile", profile(44, "80 kg", "diagnoses", List.of("major_depressive_disorder"),
                        "vitals", Map.of("systolic", "128 mmHg", "diastolic", "82 mmHg"))));
        assertThat(screened.status()).isEqualTo(201);
        assertThat(screened.headers().getLocation()).hasToString(c);
        assertThat(screened.text("/status")).isEqualTo("screened");
        assertThat(post("clinician", c + "/consent", at(5)).status()).isEqualTo(200);
        assertThat(post("therapist", c + "/preparation-sessions", at(60 * 24)).status()).isEqualTo(200);
    }

    /** Minutes after the screening time, as the body's clinical time. */
    private Map<String, Object> at(long minutes) {
        return Map.of("at", t.plus(minutes, ChronoUnit.MINUTES).toString());
    }

    private Map<String, Object> with(long minutes, Map<String, Object> fields) {
        var body = new java.util.HashMap<>(fields);
        body.put("at", t.plus(minutes, ChronoUnit.MINUTES).toString());
        return body;
    }

    /** One session {@code day} days after screening: approve, dose, observe 2 h, discharge, integrate a day after discharge. */
    private void session(int day, String dose) {
        long m = day * 24L * 60;
        Answer approved = post("prescriber", c + "/dose-approvals", with(m, Map.of("route", "IM", "dose", dose)));
        assertThat(approved.status()).as(approved.raw()).isEqualTo(200);
        Answer started = post("clinician", c + "/sessions", with(m + 10, Map.of("setting", List.of("pulse_oximeter"),
                "preDoseVitals", Map.of("measuredAt", t.plus(m + 5, ChronoUnit.MINUTES).toString(),
                        "systolic", "126 mmHg", "diastolic", "80 mmHg"))));
        assertThat(started.status()).as(started.raw()).isEqualTo(200);
        assertThat(post("clinician", c + "/vitals", Map.of("vitals", Map.of("measuredAt", t.plus(m + 50, ChronoUnit.MINUTES).toString(),
                "systolic", "134 mmHg", "diastolic", "84 mmHg", "spo2", "97 %"))).status()).isEqualTo(200);
        Answer discharged = post("clinician", c + "/discharge", with(m + 135, Map.of("scores", Map.of("moaas", 5),
                "escortPresent", true, "transport", "driven_by_escort")));
        assertThat(discharged.status()).as(discharged.raw()).isEqualTo(200);
        Answer integrated = post("therapist", c + "/integrations", at(m + 24 * 60 + 200));
        assertThat(integrated.status()).as(integrated.raw()).isEqualTo(200);
        assertThat(integrated.text("/outcome")).isEqualTo("allowed");
    }

    @Test
    void three_sessions_with_integrations_from_screening() {
        session(2, "0.5 mg/kg");
        session(5, "0.75 mg/kg");
        session(8, "1.0 mg/kg");

        Answer course = get("clinician", c);
        assertThat(course.status()).isEqualTo(200);
        assertThat(course.text("/status")).isEqualTo("active");
        assertThat(course.body().at("/sessions")).hasSize(3);
        assertThat(course.text("/sessions/0/total")).isEqualTo("40 mg");
        assertThat(course.text("/sessions/2/total")).isEqualTo("80 mg");
        assertThat(course.body().at("/obligations")).hasSize(3);
        assertThat(course.text("/protocolId")).isEqualTo("api-test");
    }

    @Test
    void a_refusal_is_answered_422_with_its_violations_and_recorded() {
        session(2, "0.5 mg/kg");
        Answer refused = post("prescriber", c + "/dose-approvals", with(5 * 24 * 60, Map.of("route", "IM", "dose", "1.0 mg/kg")));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.headers().getContentType()).hasToString("application/problem+json");
        assertThat(refused.text("/type")).isEqualTo("/problems/safety-refusal");
        assertThat(refused.text("/violations/0/ruleId")).isEqualTo("DOSE-IM-STEP");
        assertThat(refused.text("/violations/0/observed")).matches("increase 0\\.5 mg/kg \\(40 mg at 80 kg weighed \\d{4}-\\d{2}-\\d{2}\\) over 40 mg");
        assertThat(refused.text("/violations/0/limit")).isEqualTo("0.25 mg/kg");
        long entriesBefore = get("clinician", c).body().at("/entries").asLong();
        assertThat(post("prescriber", c + "/dose-approvals", with(5 * 24 * 60 + 1, Map.of("route", "IM", "dose", "1.0 mg/kg")))
                .status()).isEqualTo(422);
        assertThat(get("clinician", c).body().at("/entries").asLong()).as("each refusal is recorded").isEqualTo(entriesBefore + 1);
    }
}
