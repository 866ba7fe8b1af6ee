package org.kap.api;

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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Idempotency-Key: a retry gets the first answer and records nothing new, per user, across restarts. */
class IdempotencyApiTest extends ApiTest {

    private String c;
    private Instant t;

    @BeforeEach
    void activeCourse() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        String id = "idem-" + UUID.randomUUID();
        c = "/api/v1/courses/" + id;
        t = Instant.now().minus(3, ChronoUnit.DAYS);
        assertThat(post("clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-idem",
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", t.toString(),
                "profile", Map.of("ageYears", 40, "weight", "80 kg"))).status()).isEqualTo(201);
        assertThat(post("clinician", c + "/consent", Map.of("at", t.plusSeconds(60).toString())).status()).isEqualTo(200);
    }

    private long entries() {
        return get("clinician", c).body().at("/entries").asLong();
    }

    private Map<String, String> key(String key) {
        return Map.of("Idempotency-Key", key);
    }

    @Test
    void a_retry_returns_the_first_answer_and_records_nothing_new() {
        Map<String, Object> body = Map.of("at", t.plusSeconds(120).toString());
        Answer first = post("therapist", c + "/preparation-sessions", body, key("prep-1"));
        assertThat(first.status()).isEqualTo(200);
        long after = entries();
        Answer retry = post("therapist", c + "/preparation-sessions", body, key("prep-1"));
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.raw()).isEqualTo(first.raw());
        assertThat(retry.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(entries()).isEqualTo(after);
        assertThat(get("clinician", c).body().at("/preparationSessions").asInt()).isEqualTo(1);
    }

    @Test
    void a_refusal_is_replayed_too_and_recorded_once() {
        Map<String, Object> body = Map.of("route", "IM", "dose", "0.6 mg/kg", "at", t.plusSeconds(180).toString());
        Answer first = post("prescriber", c + "/dose-approvals", body, key("dose-1"));
        assertThat(first.status()).isEqualTo(422);
        long after = entries();
        Answer retry = post("prescriber", c + "/dose-approvals", body, key("dose-1"));
        assertThat(retry.status()).isEqualTo(422);
        assertThat(retry.raw()).isEqualTo(first.raw());
        assertThat(entries()).isEqualTo(after);
    }

    @Test
    void the_same_key_with_another_request_is_refused_and_keys_are_per_user() {
        assertThat(post("therapist", c + "/preparation-sessions", Map.of("at", t.plusSeconds(120).toString()), key("k")).status())
                .isEqualTo(200);
        Answer reused = post("therapist", c + "/preparation-sessions", Map.of("at", t.plusSeconds(240).toString()), key("k"));
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.text("/type")).isEqualTo("/problems/idempotency-key-reused");
        Answer otherUser = post("clinician", c + "/outcome-measures", Map.of("instrument", "phq9", "score", 12,
                "at", t.plusSeconds(300).toString()), key("k"));
        assertThat(otherUser.status()).as("another user's key space").isEqualTo(200);
        assertThat(otherUser.headers().getFirst("Idempotent-Replayed")).isNull();
    }

    @Test
    void keys_survive_a_restart() throws IOException {
        var dir = Files.createTempDirectory("kap-restart-");
        String url = TestDatabase.postgres()
                ? null
                : "jdbc:h2:file:" + dir.resolve("kap") + ";AUTO_SERVER=FALSE";
        String[] properties = url == null
                ? postgresProperties()
                : new String[]{"server.port=0", "spring.datasource.url=" + url, "kap.publish-example-protocols=false",
                "kap.obligations.check-interval=1h", "kap.data-dir=" + dir};
        String protocol = new String(getClass().getResourceAsStream("/protocols/api-test.kap").readAllBytes(), StandardCharsets.UTF_8);
        String screen = "{\"courseId\":\"restart-1\",\"clientId\":\"client-r\",\"protocol\":{\"id\":\"api-test\",\"version\":1},"
                + "\"indication\":\"depression\",\"at\":\"" + t + "\",\"profile\":{\"ageYears\":40,\"weight\":\"80 kg\"}}";

        ResponseEntity<String> first;
        try (ConfigurableApplicationContext app = start(properties)) {
            TestRestTemplate client = client(app);
            assertThat(send(client, "designer", "/api/v1/protocols", protocol, MediaType.TEXT_PLAIN, null).getStatusCode().value())
                    .isEqualTo(201);
            first = send(client, "clinician", "/api/v1/courses", screen, MediaType.APPLICATION_JSON, "screen-restart-1");
            assertThat(first.getStatusCode().value()).isEqualTo(201);
        }
        try (ConfigurableApplicationContext app = start(properties)) {
            ResponseEntity<String> retry = send(client(app), "clinician", "/api/v1/courses", screen, MediaType.APPLICATION_JSON,
                    "screen-restart-1");
            assertThat(retry.getStatusCode().value()).as("the first answer, not a 409 for an existing course").isEqualTo(201);
            assertThat(retry.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
            assertThat(retry.getBody()).isEqualTo(first.getBody());
        }
    }

    private String[] postgresProperties() {
        String schema = "kap_test_restart_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String base = System.getProperty("kap.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
        TestDatabase.dropAtExit(base, schema);
        return new String[]{"server.port=0", "spring.datasource.url=" + base + "?currentSchema=" + schema,
                "spring.datasource.username=postgres", "spring.datasource.password=", "spring.flyway.schemas=" + schema,
                "spring.flyway.default-schema=" + schema, "kap.publish-example-protocols=false", "kap.obligations.check-interval=1h"};
    }

    /** As command-line arguments, so that they win over application.yml (builder properties would not). */
    private static ConfigurableApplicationContext start(String[] properties) {
        return new SpringApplicationBuilder(KapApplication.class)
                .run(java.util.Arrays.stream(properties).map(p -> "--" + p).toArray(String[]::new));
    }

    private static TestRestTemplate client(ConfigurableApplicationContext app) {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        TestRestTemplate client = new TestRestTemplate();
        client.setUriTemplateHandler(new org.springframework.web.util.DefaultUriBuilderFactory("http://localhost:" + port));
        return client;
    }

    private static ResponseEntity<String> send(TestRestTemplate client, String user, String path, String body, MediaType type,
                                               String key) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, user + "-demo");
        headers.setContentType(type);
        if (key != null) {
            headers.add("Idempotency-Key", key);
        }
        return client.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }
}
