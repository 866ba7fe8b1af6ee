package org.kap.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.DefaultUriBuilderFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Idempotency-Key} on commands: a retry with the same key and the same request gets the
 * first answer (status and body, marked {@code Idempotent-Replayed: true}) and records nothing new,
 * for an allowed command and for a refusal alike; the same key with another request is refused; a
 * key belongs to the user who sent it; and keys survive a restart of the engine.
 */
class IdempotencyApiTest extends ApiTest {

    private static final String REPLAYED = "Idempotent-Replayed";

    private String c;
    /** Clinical time of the screening, 30 days ago; acts follow it by minutes. */
    private Instant t;

    /** A screened and consented course with a new id for every test. */
    @BeforeEach
    void aConsentedCourse() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        t = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        String id = "idem-" + UUID.randomUUID();
        c = "/api/v1/courses/" + id;
        assertThat(post("clinician", "/api/v1/courses", screening(id)).status()).isEqualTo(201);
        assertThat(post("clinician", c + "/consent", at(5)).status()).isEqualTo(200);
    }

    private Map<String, Object> screening(String courseId) {
        return Map.of("courseId", courseId, "clientId", "client-idem", "protocol", Map.of("id", "api-test", "version", 1),
                "indication", "depression", "at", t.toString(), "profile", profile(40, "80 kg"));
    }

    private String time(long minutes) {
        return t.plus(minutes, ChronoUnit.MINUTES).toString();
    }

    private Map<String, Object> at(long minutes) {
        return Map.of("at", time(minutes));
    }

    private Map<String, Object> with(long minutes, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.put("at", time(minutes));
        return body;
    }

    private static Map<String, String> key(String key) {
        return Map.of("Idempotency-Key", key);
    }

    private static String newKey() {
        return "key-" + UUID.randomUUID();
    }

    private JsonNode course() {
        Answer course = get("clinician", c);
        assertThat(course.status()).isEqualTo(200);
        return course.body();
    }

    private long entries() {
        return course().at("/entries").asLong();
    }

    /** The retry is the first answer, replayed. */
    private static void sameAnswer(Answer retry, Answer first) {
        assertThat(retry.status()).as(retry.raw()).isEqualTo(first.status());
        assertThat(retry.raw()).isEqualTo(first.raw());
        assertThat(retry.headers().getContentType()).isEqualTo(first.headers().getContentType());
        assertThat(retry.headers().getFirst(REPLAYED)).isEqualTo("true");
    }

    @Test
    void a_retried_command_gets_the_first_answer_and_records_nothing_new() {
        String k = newKey();
        Map<String, Object> body = at(60);
        Answer first = post("therapist", c + "/preparation-sessions", body, key(k));
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertThat(first.headers().getFirst(REPLAYED)).as("a first answer is not a replay").isNull();
        long after = entries();

        for (int retry = 0; retry < 3; retry++) {
            sameAnswer(post("therapist", c + "/preparation-sessions", body, key(k)), first);
        }

        assertThat(entries()).as("the retries recorded nothing").isEqualTo(after);
        assertThat(course().at("/preparationSessions").asInt()).isEqualTo(1);
        // without the key the same request is a new act
        assertThat(post("therapist", c + "/preparation-sessions", at(61)).status()).isEqualTo(200);
        assertThat(entries()).isEqualTo(after + 1);
    }

    @Test
    void a_retried_screening_gets_its_201_again_rather_than_a_conflict() {
        String id = "idem-" + UUID.randomUUID();
        String k = newKey();
        Answer first = post("clinician", "/api/v1/courses", screening(id), key(k));
        assertThat(first.status()).isEqualTo(201);
        Answer retry = post("clinician", "/api/v1/courses", screening(id), key(k));
        sameAnswer(retry, first);
        assertThat(first.headers().getLocation()).hasToString("/api/v1/courses/" + id);
        assertThat(retry.headers().getLocation()).as("the replay names the created course as the first answer did")
                .isEqualTo(first.headers().getLocation());
        assertThat(get("clinician", "/api/v1/courses/" + id).body().at("/entries").asLong()).isEqualTo(1);
    }

    @Test
    void a_retried_refusal_gets_the_same_422_and_is_recorded_once() {
        assertThat(post("therapist", c + "/preparation-sessions", at(60)).status()).isEqualTo(200);
        String k = newKey();
        Map<String, Object> body = with(2 * 24 * 60, Map.of("route", "IM", "dose", "0.6 mg/kg"));
        long before = entries();
        Answer first = post("prescriber", c + "/dose-approvals", body, key(k));
        assertThat(first.status()).as(first.raw()).isEqualTo(422);
        assertThat(first.text("/type")).isEqualTo("/problems/safety-refusal");
        assertThat(first.text("/violations/0/ruleId")).isEqualTo("DOSE-IM-START");
        assertThat(entries()).as("the refusal is recorded").isEqualTo(before + 1);

        Answer retry = post("prescriber", c + "/dose-approvals", body, key(k));
        sameAnswer(retry, first);
        assertThat(retry.headers().getContentType()).hasToString("application/problem+json");
        assertThat(entries()).as("and recorded once").isEqualTo(before + 1);
    }

    @Test
    void the_same_key_with_another_request_is_422_and_records_nothing() {
        String k = newKey();
        assertThat(post("therapist", c + "/preparation-sessions", at(60), key(k)).status()).isEqualTo(200);
        long after = entries();

        Answer otherBody = post("therapist", c + "/preparation-sessions", at(90), key(k));
        assertThat(otherBody.status()).as(otherBody.raw()).isEqualTo(422);
        assertThat(otherBody.headers().getContentType()).hasToString("application/problem+json");
        assertThat(otherBody.text("/type")).isEqualTo("/problems/idempotency-key-reused");
        assertThat(otherBody.body().at("/status").asInt()).isEqualTo(422);
        assertThat(otherBody.headers().getFirst(REPLAYED)).isNull();

        Answer otherPath = post("therapist", c + "/outcome-measures", with(90, Map.of("instrument", "phq9", "score", 12)), key(k));
        assertThat(otherPath.status()).isEqualTo(422);
        assertThat(otherPath.text("/type")).isEqualTo("/problems/idempotency-key-reused");

        assertThat(entries()).isEqualTo(after);
        assertThat(course().at("/preparationSessions").asInt()).isEqualTo(1);
    }

    @Test
    void keys_are_per_user() {
        String k = newKey();
        Map<String, Object> body = with(60, Map.of("instrument", "phq9", "score", 12));
        long before = entries();
        Answer byTherapist = post("therapist", c + "/outcome-measures", body, key(k));
        assertThat(byTherapist.status()).as(byTherapist.raw()).isEqualTo(200);

        // the same key, path and body from another user is that user's own, new request
        Answer byClinician = post("clinician", c + "/outcome-measures", body, key(k));
        assertThat(byClinician.status()).as(byClinician.raw()).isEqualTo(200);
        assertThat(byClinician.headers().getFirst(REPLAYED)).isNull();
        assertThat(entries()).as("two outcome measures recorded").isEqualTo(before + 2);

        // each user's retry is replayed from that user's own first answer
        sameAnswer(post("therapist", c + "/outcome-measures", body, key(k)), byTherapist);
        sameAnswer(post("clinician", c + "/outcome-measures", body, key(k)), byClinician);
        assertThat(entries()).isEqualTo(before + 2);
    }

    @Test
    void simultaneous_retries_with_one_key_record_once() throws Exception {
        String k = newKey();
        Map<String, Object> body = at(60);
        long before = entries();
        int threads = 6;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        List<Answer> answers = new ArrayList<>();
        try {
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(threads);
            List<java.util.concurrent.Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    together.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    return post("therapist", c + "/preparation-sessions", body, key(k));
                }));
            }
            for (var f : futures) {
                answers.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        List<Answer> firsts = answers.stream().filter(a -> a.status() == 200 && a.headers().getFirst(REPLAYED) == null).toList();
        assertThat(firsts).as(answers.toString()).hasSize(1);
        assertThat(answers).allSatisfy(a -> {
            if (a.status() == 200) {
                assertThat(a.raw()).isEqualTo(firsts.get(0).raw());
            } else {
                assertThat(a.status()).as(a.raw()).isEqualTo(409);
                assertThat(a.text("/type")).isEqualTo("/problems/idempotency-in-progress");
            }
        });
        assertThat(entries()).as("one preparation session, however many retries").isEqualTo(before + 1);
        sameAnswer(post("therapist", c + "/preparation-sessions", body, key(k)), firsts.get(0));
    }

    @Test
    void an_empty_or_overlong_key_is_400_and_records_nothing() {
        long before = entries();
        for (String bad : List.of(" ", "k".repeat(256))) {
            Answer answer = post("therapist", c + "/preparation-sessions", at(60), key(bad));
            assertThat(answer.status()).as(answer.raw()).isEqualTo(400);
            assertThat(answer.headers().getContentType()).hasToString("application/problem+json");
            assertThat(answer.text("/type")).isEqualTo("/problems/malformed-request");
        }
        assertThat(entries()).isEqualTo(before);
    }

    @Test
    void keys_survive_a_restart() throws IOException {
        // a database of its own, used by both starts: an H2 file, or a fresh PostgreSQL schema with -Ppostgres
        Map<String, String> properties = new HashMap<>(TestDatabase.fresh());
        properties.put("server.port", "0");
        properties.put("kap.publish-example-protocols", "false");
        properties.put("kap.protocols.second-signature", "false");
        properties.put("kap.obligations.check-interval", "1h");
        String protocol;
        try (var in = getClass().getResourceAsStream("/protocols/api-test.kap")) {
            protocol = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String id = "restart-" + UUID.randomUUID();
        String course = "/api/v1/courses/" + id;
        String k = newKey();
        String preparation = "{\"at\":\"" + time(60) + "\"}";

        ResponseEntity<String> first;
        try (ConfigurableApplicationContext app = start(properties)) {
            TestRestTemplate client = client(app);
            assertThat(send(client, "designer", "/api/v1/protocols", protocol, MediaType.TEXT_PLAIN, null)
                    .getStatusCode().value()).isEqualTo(201);
            assertThat(send(client, "clinician", "/api/v1/courses", json.writeValueAsString(screening(id)),
                    MediaType.APPLICATION_JSON, null).getStatusCode().value()).isEqualTo(201);
            assertThat(send(client, "clinician", course + "/consent", "{\"at\":\"" + time(5) + "\"}",
                    MediaType.APPLICATION_JSON, null).getStatusCode().value()).isEqualTo(200);
            first = send(client, "therapist", course + "/preparation-sessions", preparation, MediaType.APPLICATION_JSON, k);
            assertThat(first.getStatusCode().value()).as(first.getBody()).isEqualTo(200);
            assertThat(entries(client, course)).isEqualTo(3);
        }
        // the first application is closed: its database is on disk (or in its schema) only

        try (ConfigurableApplicationContext app = start(properties)) {
            TestRestTemplate client = client(app);
            ResponseEntity<String> retry = send(client, "therapist", course + "/preparation-sessions", preparation,
                    MediaType.APPLICATION_JSON, k);
            assertThat(retry.getStatusCode().value()).isEqualTo(200);
            assertThat(retry.getHeaders().getFirst(REPLAYED)).isEqualTo("true");
            assertThat(retry.getBody()).isEqualTo(first.getBody());
            assertThat(entries(client, course)).as("the retry after the restart recorded nothing").isEqualTo(3);

            ResponseEntity<String> reused = send(client, "therapist", course + "/preparation-sessions",
                    "{\"at\":\"" + time(90) + "\"}", MediaType.APPLICATION_JSON, k);
            assertThat(reused.getStatusCode().value()).isEqualTo(422);
            assertThat(json.readTree(reused.getBody()).at("/type").asText()).isEqualTo("/problems/idempotency-key-reused");
            assertThat(entries(client, course)).isEqualTo(3);
        }
    }

    /** Starts the whole application; the properties go in as command-line arguments so that they win over application.yml. */
    private static ConfigurableApplicationContext start(Map<String, String> properties) {
        List<String> args = new ArrayList<>();
        properties.forEach((name, value) -> args.add("--" + name + "=" + value));
        return new SpringApplicationBuilder(KapApplication.class).run(args.toArray(String[]::new));
    }

    private static TestRestTemplate client(ConfigurableApplicationContext app) {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        TestRestTemplate client = new TestRestTemplate();
        client.setUriTemplateHandler(new DefaultUriBuilderFactory("http://localhost:" + port));
        return client;
    }

    private long entries(TestRestTemplate client, String course) throws IOException {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("auditor", "auditor-demo");
        ResponseEntity<String> answer = client.exchange(course, HttpMethod.GET, new HttpEntity<>(headers), String.class);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        return json.readTree(answer.getBody()).at("/entries").asLong();
    }

    private static ResponseEntity<String> send(TestRestTemplate client, String user, String path, String body, MediaType type,
                                               String key) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, user + "-demo");
        headers.add(org.kap.api.security.SignedActs.PASSWORD_HEADER, user + "-demo"); // for the signed acts; others ignore it
        headers.setContentType(type);
        if (key != null) {
            headers.add("Idempotency-Key", key);
        }
        return client.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }
}
