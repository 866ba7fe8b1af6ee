package org.kap.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every class of error is answered as problem+json (RFC 9457) with a stable {@code type} and the
 * HTTP status repeated in {@code status}, never with a stack trace. Malformed input (400), unknown
 * things (404), state conflicts (409), missing credentials (401) and a role that may not (403)
 * record nothing, which each test checks by the course's entry count before and after; a safety
 * refusal (422) is recorded, so the count grows by one.
 */
class ErrorHandlingApiTest extends ApiTest {

    private static final String MALFORMED = "/problems/malformed-request";

    /** The course under test: screened and consented, a new one (and id) for every test. */
    private String id;
    private String c;
    /** Clinical time of the screening, 30 days ago; every later act is a few minutes after it. */
    private Instant t;

    @BeforeEach
    void aConsentedCourse() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        t = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        id = "errors-" + UUID.randomUUID();
        c = "/api/v1/courses/" + id;
        Answer screened = post("clinician", "/api/v1/courses", screening(id));
        assertThat(screened.status()).as(screened.raw()).isEqualTo(201);
        assertThat(post("clinician", c + "/consent", at(5)).status()).isEqualTo(200);
        assertThat(entries()).isEqualTo(2);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private Map<String, Object> screening(String courseId) {
        Map<String, Object> body = new HashMap<>();
        body.put("courseId", courseId);
        body.put("clientId", "client-errors");
        body.put("protocol", Map.of("id", "api-test", "version", 1));
        body.put("indication", "depression");
        body.put("at", t.toString());
        body.put("profile", profile(40, "80 kg"));
        return body;
    }

    /** Minutes after the screening, as a body with only the clinical time. */
    private Map<String, Object> at(long minutes) {
        return Map.of("at", time(minutes));
    }

    private String time(long minutes) {
        return t.plus(minutes, ChronoUnit.MINUTES).toString();
    }

    private Map<String, Object> with(long minutes, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.put("at", time(minutes));
        return body;
    }

    private long entries() {
        Answer course = get("auditor", c);
        assertThat(course.status()).as(course.raw()).isEqualTo(200);
        return course.body().at("/entries").asLong();
    }

    /** Sends the request and checks that the course's entry count is the same afterwards. */
    private Answer recordsNothing(Supplier<Answer> request) {
        long before = entries();
        Answer answer = request.get();
        assertThat(entries()).as("recorded nothing: " + answer.raw()).isEqualTo(before);
        return answer;
    }

    /** problem+json with the given status and stable type, and no trace of the implementation. */
    private Answer problem(Answer answer, int status, String type) {
        assertThat(answer.status()).as(answer.raw()).isEqualTo(status);
        assertThat(answer.headers().getContentType()).as(answer.raw()).isNotNull();
        assertThat(answer.headers().getContentType().toString()).isEqualTo("application/problem+json");
        assertThat(answer.text("/type")).as(answer.raw()).isEqualTo(type);
        assertThat(answer.body().at("/status").asInt()).as(answer.raw()).isEqualTo(status);
        assertThat(answer.text("/title")).isNotBlank();
        noStackTrace(answer.raw());
        return answer;
    }

    private static void noStackTrace(String body) {
        assertThat(body).as("no Java stack trace or exception name")
                .doesNotContain("at org.").doesNotContain("at java.").doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("\\tat ").doesNotContain("\"trace\"");
    }

    /** Posts the text as it is, declared as JSON. */
    private Answer postJson(String user, String path, String text) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, user + "-demo");
        headers.add(org.kap.api.security.SignedActs.PASSWORD_HEADER, user + "-demo"); // for the signed acts; others ignore it
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> response = http.exchange(path, HttpMethod.POST, new HttpEntity<>(text, headers), String.class);
        String raw = response.getBody();
        try {
            return new Answer(response.getStatusCode().value(), raw == null ? json.nullNode() : json.readTree(raw),
                    response.getHeaders(), raw);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A 400 naming the field or an element of it ({@code scores[phq9]}, {@code setting[]}). */
    private Answer malformedAt(Answer answer, String field) {
        problem(answer, 400, MALFORMED);
        List<String> fields = new ArrayList<>();
        answer.body().at("/errors").forEach(error -> fields.add(error.at("/field").asText()));
        assertThat(fields).as(answer.raw()).anySatisfy(f -> assertThat(f).startsWith(field));
        return answer;
    }

    /** A 400 naming the field. */
    private Answer malformed(Answer answer, String field) {
        problem(answer, 400, MALFORMED);
        List<String> fields = new ArrayList<>();
        for (JsonNode error : answer.body().at("/errors")) {
            fields.add(error.at("/field").asText());
            assertThat(error.at("/reason").asText()).as("every bad field says why").isNotBlank();
        }
        assertThat(fields).as(answer.raw()).contains(field);
        return answer;
    }

    // ---- 400: malformed input, recorded nothing ----------------------------------------------------

    @Test
    void a_missing_field_is_400_naming_it_and_creates_no_course() {
        String other = "errors-" + UUID.randomUUID();
        Map<String, Object> body = screening(other);
        body.remove("clientId");
        malformed(recordsNothing(() -> post("clinician", "/api/v1/courses", body)), "clientId");
        problem(get("clinician", "/api/v1/courses/" + other), 404, "/problems/not-found");

        Map<String, Object> reasonless = new HashMap<>(at(10));
        malformed(recordsNothing(() -> post("prescriber", c + "/end", reasonless)), "reason");
    }

    @Test
    void a_command_whose_answer_the_client_cannot_accept_is_refused_before_it_runs() {
        for (String accept : List.of("application/xml", "text/html", "text/plain")) {
            Answer answer = recordsNothing(() -> post("prescriber", c + "/dose-approvals",
                    with(10, Map.of("route", "IM", "dose", "0.5 mg/kg")), Map.of("Accept", accept)));
            assertThat(answer.status()).as(accept + ": " + answer.raw()).isEqualTo(406);
        }
        Answer json = post("prescriber", c + "/dose-approvals", with(10, Map.of("route", "IM", "dose", "0.5 mg/kg")),
                Map.of("Accept", "application/json"));
        assertThat(json.status()).as(json.raw()).isIn(200, 422);
    }

    @Test
    void a_clinical_value_is_never_coerced_and_a_key_given_twice_is_malformed() {
        malformed(recordsNothing(() -> postJson("clinician", c + "/adverse-events",
                "{\"type\":\"hypertension\",\"grade\":2.99,\"at\":\"" + time(10) + "\"}")), "grade");
        malformed(recordsNothing(() -> postJson("prescriber", c + "/dose-approvals",
                "{\"route\":1,\"dose\":\"0.5 mg/kg\",\"at\":\"" + time(10) + "\"}")), "route");
        Answer twice = recordsNothing(() -> postJson("clinician", c + "/adverse-events",
                "{\"type\":\"nausea_vomiting\",\"grade\":1,\"grade\":3,\"at\":\"" + time(10) + "\"}"));
        assertThat(twice.status()).as(twice.raw()).isEqualTo(400);
        assertThat(twice.headers().getContentType()).hasToString("application/problem+json");
    }

    @Test
    void a_time_beyond_any_course_is_400_never_wrapped_round() {
        malformed(recordsNothing(() -> post("prescriber", c + "/dose-approvals", with(10, Map.of("route", "IV",
                "dose", "0.5 mg/kg", "infusionDuration", "4611686018427387944 min")))), "infusionDuration");
        assertThat(post("prescriber", c + "/dose-approvals", with(20, Map.of("route", "IM", "dose", "0.5 mg/kg"))).status())
                .isIn(200, 422);
        malformed(recordsNothing(() -> post("clinician", c + "/sessions", with(30, Map.of("setting", List.of("pulse_oximeter"),
                "administrationEnd", "+999999999-12-31T23:59:59Z")))), "administrationEnd");
    }

    @Test
    void a_value_of_the_wrong_type_is_400_naming_the_field() {
        malformed(recordsNothing(() -> post("clinician", c + "/adverse-events",
                with(10, Map.of("type", "sedation", "grade", "three")))), "grade");
        malformed(recordsNothing(() -> post("clinician", c + "/adverse-events",
                Map.of("type", "sedation", "grade", 2, "at", "yesterday"))), "at");
        malformed(recordsNothing(() -> post("clinician", "/api/v1/courses/" + id + "/outcome-measures",
                with(10, Map.of("instrument", "phq9", "score", List.of(12))))), "score");
    }

    @Test
    void an_unknown_enum_value_is_400_naming_the_field_and_the_allowed_values() {
        Answer answer = malformed(recordsNothing(() -> post("prescriber", c + "/dose-approvals",
                with(10, Map.of("route", "nasal", "dose", "0.5 mg/kg")))), "route");
        assertThat(answer.body().at("/errors/0/reason").asText()).contains("nasal").contains("im");
    }

    @Test
    void a_negative_dose_is_400_naming_the_dose() {
        malformed(recordsNothing(() -> post("prescriber", c + "/dose-approvals",
                with(10, Map.of("route", "IM", "dose", "-1 mg")))), "dose");
    }

    @Test
    void a_dose_in_the_wrong_unit_is_400_naming_the_dose() {
        Answer answer = malformed(recordsNothing(() -> post("prescriber", c + "/dose-approvals",
                with(10, Map.of("route", "IM", "dose", "5 mmHg")))), "dose");
        assertThat(answer.body().at("/errors/0/reason").asText()).contains("mmHg");
    }

    @Test
    void a_vital_sign_out_of_range_is_400_naming_the_sign() {
        // the domain refuses SpO2 over 100 %; the answer names the sign, not just "the body"
        malformed(recordsNothing(() -> post("clinician", c + "/vitals",
                Map.of("vitals", Map.of("measuredAt", time(10), "spo2", "140 %")))), "vitals.spo2");
        malformed(recordsNothing(() -> post("clinician", c + "/vitals",
                Map.of("vitals", Map.of("measuredAt", time(10))))), "vitals");
    }

    @Test
    void bad_json_is_400() {
        malformed(recordsNothing(() -> post("prescriber", c + "/dose-approvals", "{\"route\": \"IM\", \"dose\": ")), "body");
        malformed(recordsNothing(() -> post("prescriber", c + "/dose-approvals", "{\"route\": \"IM\" \"dose\": \"1 mg\"}")), "body");
        malformed(recordsNothing(() -> post("prescriber", c + "/end", List.of("not", "an", "object"))), "body");
        malformed(recordsNothing(() -> postJson("prescriber", c + "/end", "")), "body");
        malformed(recordsNothing(() -> postJson("prescriber", c + "/end", "null")), "body");
        // not JSON at all: the media type is refused, also as problem+json
        problem(recordsNothing(() -> post("prescriber", c + "/end", "reason: done")), 415, "/problems/http-415");
    }

    @Test
    void an_unknown_field_is_400_naming_it() {
        Answer answer = malformed(recordsNothing(() -> post("prescriber", c + "/dose-approvals",
                with(10, Map.of("route", "IM", "dose", "0.5 mg/kg", "approvedBy", "someone-else")))), "approvedBy");
        assertThat(answer.body().at("/errors/0/reason").asText()).contains("not a field");
    }

    @Test
    void an_oversized_body_is_413_however_it_arrives_and_records_nothing() throws Exception {
        String huge = "{\"reason\":\"" + "x".repeat(70_000) + "\",\"at\":\"" + time(10) + "\"}";
        byte[] bytes = huge.getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).isGreaterThan(65_536);
        long before = entries();
        // the JDK client sends a byte array with its Content-Length, and a stream of unknown length chunked
        for (HttpRequest.BodyPublisher body : List.of(HttpRequest.BodyPublishers.ofByteArray(bytes),
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes)))) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + c + "/end"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("prescriber:prescriber-demo"
                            .getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json")
                    .POST(body).build(), HttpResponse.BodyHandlers.ofString());
            HttpHeaders headers = new HttpHeaders();
            response.headers().map().forEach(headers::addAll);
            Answer answer = new Answer(response.statusCode(), json.readTree(response.body()), headers, response.body());
            problem(answer, 413, "/problems/payload-too-large");
            assertThat(answer.body().at("/errors/0/field").asText()).isEqualTo("body");
            assertThat(answer.text("/detail")).contains("65536");
        }
        assertThat(entries()).isEqualTo(before);
        assertThat(get("clinician", c).text("/status")).as("the course did not end").isNotEqualTo("ended");
    }

    @Test
    void a_clinical_time_in_the_future_is_400_naming_at() {
        String future = Instant.now().plus(1, ChronoUnit.HOURS).toString();
        malformed(recordsNothing(() -> post("therapist", c + "/preparation-sessions", Map.of("at", future))), "at");
        malformed(recordsNothing(() -> post("prescriber", c + "/dose-approvals",
                Map.of("route", "IM", "dose", "0.5 mg/kg", "at", future))), "at");
        malformed(recordsNothing(() -> post("clinician", c + "/vitals",
                Map.of("vitals", Map.of("measuredAt", future, "systolic", "120 mmHg")))), "vitals.measuredAt");
        String other = "errors-" + UUID.randomUUID();
        Map<String, Object> futureScreening = screening(other);
        futureScreening.put("at", future);
        malformed(post("clinician", "/api/v1/courses", futureScreening), "at");
        problem(get("clinician", "/api/v1/courses/" + other), 404, "/problems/not-found");
    }

    @Test
    void null_inside_a_list_set_or_map_is_400_naming_the_field_never_500() {
        Map<String, Object> profile = new HashMap<>(profile(40, "80 kg"));
        Map<String, Object> nullScore = new HashMap<>();
        nullScore.put("phq9", null);
        profile.put("scores", nullScore);
        Map<String, Object> screening = screening("errors-" + UUID.randomUUID());
        screening.put("profile", profile);
        malformedAt(post("clinician", "/api/v1/courses", screening), "profile.scores");

        profile.remove("scores");
        profile.put("substanceUse", java.util.Arrays.asList((Object) null));
        malformedAt(post("clinician", "/api/v1/courses", screening), "profile.substanceUse");

        malformedAt(recordsNothing(() -> postJson("clinician", c + "/adverse-events",
                "{\"type\":\"sedation\",\"grade\":1,\"seriousness\":[null],\"at\":\"" + time(10) + "\"}")), "seriousness");
        malformedAt(recordsNothing(() -> postJson("clinician", c + "/sessions",
                "{\"setting\":[null],\"at\":\"" + time(10) + "\"}")), "setting");
        malformedAt(recordsNothing(() -> postJson("clinician", c + "/discharge",
                "{\"scores\":{\"moaas\":null},\"escortPresent\":true,\"at\":\"" + time(10) + "\"}")), "scores");
    }

    @Test
    void a_value_the_domain_refuses_is_400_naming_its_field() {
        Map<String, Object> screening = screening("errors-" + UUID.randomUUID());
        screening.put("profile", profile(40, "0 kg"));
        malformed(post("clinician", "/api/v1/courses", screening), "profile.weight");
        screening.put("profile", profile(40, "80 kg", "scores", Map.of("phq9", 99)));
        malformed(post("clinician", "/api/v1/courses", screening), "profile.scores.phq9");
        screening.put("profile", profile(140, "80 kg"));
        malformed(post("clinician", "/api/v1/courses", screening), "profile.ageYears");
        problem(get("clinician", "/api/v1/courses/" + screening.get("courseId")), 404, "/problems/not-found");
    }

    @Test
    void a_course_id_outside_the_one_pattern_is_400_and_creates_nothing() {
        for (String bad : List.of("a/b", "a b", "a?b", "a#b", "50%", "rp|x", "a;b", "..", "kap-im:77", "-a", "ä")) {
            Map<String, Object> screening = screening(bad);
            malformed(post("clinician", "/api/v1/courses", screening), "courseId");
            assertThat(get("auditor", "/api/v1/courses?size=200").raw()).as("no course " + bad).doesNotContain("\"" + bad + "\"");
        }
        Map<String, Object> tooLong = screening("x".repeat(101));
        malformed(post("clinician", "/api/v1/courses", tooLong), "courseId");
    }

    // ---- 404 ---------------------------------------------------------------------------------------

    @Test
    void an_unknown_course_is_404() {
        String unknown = "/api/v1/courses/no-such-course-" + UUID.randomUUID();
        problem(get("clinician", unknown), 404, "/problems/not-found");
        problem(post("therapist", unknown + "/preparation-sessions", at(10)), 404, "/problems/not-found");
        problem(post("prescriber", unknown + "/dose-approvals", with(10, Map.of("route", "IM", "dose", "0.5 mg/kg"))),
                404, "/problems/not-found");
        problem(get("clinician", unknown), 404, "/problems/not-found");
        problem(recordsNothing(() -> post("clinician", c + "/adverse-events/AE-9/resolution",
                with(10, Map.of("resolution", "gone")))), 404, "/problems/not-found");
    }

    @Test
    void screening_under_an_unknown_protocol_version_is_404_and_creates_no_course() {
        String other = "errors-" + UUID.randomUUID();
        Map<String, Object> body = screening(other);
        body.put("protocol", Map.of("id", "api-test", "version", 99));
        problem(post("clinician", "/api/v1/courses", body), 404, "/problems/not-found");
        body.put("protocol", Map.of("id", "no-such-protocol", "version", 1));
        problem(post("clinician", "/api/v1/courses", body), 404, "/problems/not-found");
        problem(get("clinician", "/api/v1/courses/" + other), 404, "/problems/not-found");
        problem(get("clinician", "/api/v1/protocols/api-test/versions/99"), 404, "/problems/not-found");
    }

    // ---- 409 ---------------------------------------------------------------------------------------

    @Test
    void discharge_without_an_open_session_is_409_and_records_nothing() {
        Answer conflict = problem(recordsNothing(() -> post("clinician", c + "/discharge", with(10, Map.of(
                "scores", Map.of("moaas", 5), "escortPresent", true, "transport", "driven_by_escort")))),
                409, "/problems/state-conflict");
        assertThat(conflict.text("/detail")).contains("no session is open");
    }

    @Test
    void reusing_a_course_id_is_409_and_leaves_the_course_as_it_was() {
        Map<String, Object> again = screening(id);
        again.put("clientId", "another-client");
        problem(recordsNothing(() -> post("clinician", "/api/v1/courses", again)), 409, "/problems/state-conflict");
        Answer course = get("clinician", c);
        assertThat(course.text("/clientId")).isEqualTo("client-errors");
        assertThat(course.text("/status")).isEqualTo("active");
    }

    // ---- 422: a safety refusal, which is recorded --------------------------------------------------

    @Test
    void a_safety_refusal_is_422_with_its_violations_and_is_recorded() {
        assertThat(post("therapist", c + "/preparation-sessions", at(60)).status()).isEqualTo(200);
        long before = entries();
        Answer refused = problem(post("prescriber", c + "/dose-approvals",
                with(2 * 24 * 60, Map.of("route", "IM", "dose", "0.6 mg/kg"))), 422, "/problems/safety-refusal");
        assertThat(refused.body().at("/violations")).hasSize(1);
        assertThat(refused.text("/violations/0/ruleId")).isEqualTo("DOSE-IM-START");
        assertThat(refused.text("/violations/0/observed")).matches("first dose 0\\.6 mg/kg \\(48 mg at 80 kg weighed \\d{4}-\\d{2}-\\d{2}\\)");
        assertThat(refused.text("/violations/0/limit")).isEqualTo("0.5 mg/kg");
        assertThat(refused.text("/violations/0/severity")).isEqualTo("refusal");
        assertThat(refused.text("/courseId")).isEqualTo(id);
        assertThat(entries()).as("the refusal is part of the record").isEqualTo(before + 1);
        assertThat(get("clinician", c).body().at("/pendingApproval").isNull()).as("nothing was approved").isTrue();
    }

    // ---- 401 and 403 -------------------------------------------------------------------------------

    @Test
    void no_credentials_is_401_and_records_nothing() {
        Answer anonymous = problem(recordsNothing(() -> exchange(null, HttpMethod.POST, c + "/preparation-sessions",
                at(60), Map.of())), 401, "/problems/unauthenticated");
        assertThat(anonymous.headers().getFirst("WWW-Authenticate")).isNotBlank();
        problem(exchange(null, HttpMethod.GET, c, null, Map.of()), 401, "/problems/unauthenticated");
        String wrongPassword = "Basic " + Base64.getEncoder().encodeToString("therapist:wrong".getBytes(StandardCharsets.UTF_8));
        problem(recordsNothing(() -> exchange(null, HttpMethod.POST, c + "/preparation-sessions", at(60),
                Map.of("Authorization", wrongPassword))), 401, "/problems/unauthenticated");
        assertThat(get("clinician", c).body().at("/preparationSessions").asInt()).isZero();
    }

    @Test
    void a_clinician_approving_a_dose_is_403_and_records_nothing() {
        assertThat(post("therapist", c + "/preparation-sessions", at(60)).status()).isEqualTo(200);
        problem(recordsNothing(() -> post("clinician", c + "/dose-approvals",
                with(2 * 24 * 60, Map.of("route", "IM", "dose", "0.5 mg/kg")))), 403, "/problems/forbidden");
        assertThat(get("clinician", c).body().at("/pendingApproval").isNull()).isTrue();
        problem(recordsNothing(() -> post("auditor", c + "/end", with(60 * 2, Map.of("reason", "audit")))), 403,
                "/problems/forbidden");
    }

}
