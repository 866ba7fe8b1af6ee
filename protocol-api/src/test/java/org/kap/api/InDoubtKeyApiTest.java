package org.kap.api;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request cut off by a crash leaves its Idempotency-Key claimed "in progress". After the in-doubt time
 * (120 s) the record decides: a command that was recorded is answered from its events and never recorded
 * twice; one that was not (or never reached a course) runs again under the same key. The crash is
 * reproduced in the claim's row: a finished request's answer taken away and its claim moved into the past,
 * or a claim with no request behind it.
 */
class InDoubtKeyApiTest extends ApiTest {

    @Autowired
    JdbcTemplate jdbc;

    private String c;
    private Instant t;

    @BeforeEach
    void aConsentedCourse() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        t = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        String id = "in-doubt-" + UUID.randomUUID();
        c = "/api/v1/courses/" + id;
        assertThat(post("clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-doubt",
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", t.toString(),
                "profile", profile(40, "80 kg"))).status()).isEqualTo(201);
        assertThat(post("clinician", c + "/consent", Map.of("at", t.plus(5, ChronoUnit.MINUTES).toString())).status()).isEqualTo(200);
    }

    private long entries() {
        return get("auditor", c).body().at("/entries").asLong();
    }

    private Answer prepare(String key) {
        return post("therapist", c + "/preparation-sessions", Map.of("at", t.plus(60, ChronoUnit.MINUTES).toString()),
                Map.of("Idempotency-Key", key));
    }

    /** The state a crash leaves: the claim in progress, claimed {@code secondsAgo} ago, no answer kept. */
    private void cutOff(String principal, String key, long secondsAgo) {
        assertThat(jdbc.update("UPDATE idempotency_record SET status = 0, body = NULL, content_type = NULL, location = NULL, "
                + "created_at = ? WHERE principal = ? AND idempotency_key = ?", Timestamp.from(Instant.now().minusSeconds(secondsAgo)),
                principal, key)).isEqualTo(1);
    }

    private void cutOff(String key, long secondsAgo) {
        cutOff("therapist", key, secondsAgo);
    }

    @Test
    void a_recorded_request_cut_off_before_its_answer_is_answered_from_the_record_and_not_recorded_twice() {
        assertThat(prepare("doubt-1").status()).isEqualTo(200);
        long recorded = entries();
        cutOff("doubt-1", 300);

        Answer retry = prepare("doubt-1");
        assertThat(retry.status()).as(retry.raw()).isEqualTo(200);
        assertThat(retry.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.body().at("/recorded").findValuesAsText("event")).containsExactly("PreparationSessionRecorded");
        assertThat(entries()).as("recorded once").isEqualTo(recorded);
        Answer again = prepare("doubt-1");
        assertThat(again.raw()).as("the answer from the record is now the key's answer").isEqualTo(retry.raw());
    }

    @Test
    void a_request_cut_off_before_it_was_recorded_runs_again_under_the_same_key() {
        long before = entries();
        jdbc.update("INSERT INTO idempotency_record (principal, idempotency_key, method, path, request_sha256, status, created_at, "
                        + "course_id) VALUES ('therapist', 'doubt-2', 'POST', ?, ?, 0, ?, ?)", c + "/preparation-sessions",
                "0".repeat(64), Timestamp.from(Instant.now().minusSeconds(300)), c.substring(c.lastIndexOf('/') + 1));
        // the claim's fingerprint is of another request: the key was used for something else
        assertThat(prepare("doubt-2").status()).isEqualTo(422);

        assertThat(prepare("doubt-3").status()).isEqualTo(200);
        long afterFirst = entries();
        assertThat(afterFirst).isEqualTo(before + 1);
        // as if the command had never committed: the claim in progress, and no event carries its tag
        jdbc.update("UPDATE idempotency_record SET status = 0, body = NULL, created_at = ?, course_id = 'another-course' "
                + "WHERE principal = 'therapist' AND idempotency_key = 'doubt-3'", Timestamp.from(Instant.now().minusSeconds(300)));
        Answer rerun = prepare("doubt-3");
        assertThat(rerun.headers().getFirst("Idempotent-Replayed")).as("run, not replayed").isNull();
        assertThat(rerun.status()).as(rerun.raw()).isEqualTo(200);
        assertThat(entries()).as("the request ran again and recorded its act").isEqualTo(afterFirst + 1);
    }

    @Test
    void a_claim_younger_than_the_in_doubt_time_is_still_in_progress() {
        assertThat(prepare("doubt-4").status()).isEqualTo(200);
        cutOff("doubt-4", 5);
        Answer retry = prepare("doubt-4");
        assertThat(retry.status()).isEqualTo(409);
        assertThat(retry.text("/type")).isEqualTo("/problems/idempotency-in-progress");
    }

    @Test
    void a_screening_cut_off_before_its_answer_is_answered_201_with_its_location() {
        String id = "in-doubt-screened-" + UUID.randomUUID();
        Map<String, Object> screening = Map.of("courseId", id, "clientId", "client-doubt", "protocol",
                Map.of("id", "api-test", "version", 1), "indication", "depression", "at", t.toString(), "profile", profile(40, "80 kg"));
        assertThat(post("clinician", "/api/v1/courses", screening, Map.of("Idempotency-Key", "doubt-screen")).status()).isEqualTo(201);
        cutOff("clinician", "doubt-screen", 300);

        Answer retry = post("clinician", "/api/v1/courses", screening, Map.of("Idempotency-Key", "doubt-screen"));
        assertThat(retry.status()).as(retry.raw()).isEqualTo(201);
        assertThat(retry.headers().getLocation()).hasToString("/api/v1/courses/" + id);
        assertThat(retry.body().at("/recorded").findValuesAsText("event")).contains("ClientScreened");
    }

    @Test
    void of_two_retries_of_a_request_that_was_not_recorded_one_runs_and_the_other_waits() throws Exception {
        assertThat(prepare("doubt-5").status()).isEqualTo(200);
        long afterFirst = entries();
        jdbc.update("UPDATE idempotency_record SET status = 0, body = NULL, created_at = ?, course_id = 'another-course' "
                + "WHERE principal = 'therapist' AND idempotency_key = 'doubt-5'", Timestamp.from(Instant.now().minusSeconds(300)));
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
            java.util.List<java.util.concurrent.Future<Answer>> retries = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                retries.add(two.submit(() -> {
                    together.await();
                    return prepare("doubt-5");
                }));
            }
            java.util.List<Integer> statuses = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Answer> retry : retries) {
                statuses.add(retry.get().status());
            }
            assertThat(statuses).as("one ran; the other found it running, or its answer").containsAnyOf(200).hasSize(2);
            assertThat(statuses.stream().filter(s -> s == 200).count() + statuses.stream().filter(s -> s == 409).count()).isEqualTo(2);
        } finally {
            two.shutdownNow();
        }
        assertThat(entries()).as("run once more, not twice").isEqualTo(afterFirst + 1);
    }

    @Test
    void a_claim_from_before_claims_had_ids_is_not_guessed() {
        // a claim as the engine wrote them before claims had ids: the fingerprint of the same request, no claim id
        assertThat(prepare("doubt-6-template").status()).isEqualTo(200);
        jdbc.update("INSERT INTO idempotency_record (principal, idempotency_key, method, path, request_sha256, status, created_at) "
                        + "SELECT 'therapist', 'doubt-6', 'POST', path, request_sha256, 0, ? FROM idempotency_record "
                        + "WHERE principal = 'therapist' AND idempotency_key = 'doubt-6-template'",
                Timestamp.from(Instant.now().minusSeconds(300)));
        long before = entries();
        Answer retry = prepare("doubt-6");
        assertThat(retry.status()).as(retry.raw()).isEqualTo(409);
        assertThat(retry.text("/detail")).contains("read the course");
        assertThat(entries()).isEqualTo(before);
    }

    @Test
    void a_keyed_command_to_an_id_no_course_can_have_is_404_and_notes_nothing() {
        Answer answer = post("therapist", "/api/v1/courses/" + "x".repeat(150) + "/preparation-sessions",
                Map.of("at", t.plus(60, ChronoUnit.MINUTES).toString()), Map.of("Idempotency-Key", "doubt-long-id"));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(404);
        assertThat(answer.headers().getContentType()).hasToString("application/problem+json");
    }
}
