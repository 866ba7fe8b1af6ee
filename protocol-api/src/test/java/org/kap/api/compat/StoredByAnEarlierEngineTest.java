package org.kap.api.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No stored event of an existing course changes meaning. Each subclass gives an embedded store written by an
 * earlier engine (by its journey scenarios: every event type of that time, snapshots included); the engine of today
 * opens it: every course still loads and replays (old snapshots of another revision are set aside, not misread),
 * keeps its status, verifies intact, summarises its history in words, and takes new acts, and every protocol
 * version is pinned and served.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"kap.obligations.check-interval=1h", "kap.obligations.first-check=1h"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class StoredByAnEarlierEngineTest {

    @Autowired
    TestRestTemplate http;

    @Autowired
    ObjectMapper json;

    /**
     * The old store, copied to a fresh directory: always the embedded H2 it was written on, whatever the test database;
     * with the signing keys it was written with, when it has them.
     */
    static void openOldStore(DynamicPropertyRegistry registry, String store, String keys) {
        try {
            Path dir = Files.createTempDirectory("kap-compat-");
            try (InputStream in = new GZIPInputStream(StoredByAnEarlierEngineTest.class.getResourceAsStream(store))) {
                Files.copy(in, dir.resolve("kap.mv.db"));
            }
            if (keys != null) {
                Files.createDirectories(dir.resolve("keys"));
                for (String name : new String(StoredByAnEarlierEngineTest.class.getResourceAsStream(keys + "/index.txt").readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8).lines().toList()) {
                    try (InputStream key = StoredByAnEarlierEngineTest.class.getResourceAsStream(keys + "/" + name)) {
                        Files.copy(key, dir.resolve("keys").resolve(name));
                    }
                }
            }
            registry.add("kap.data-dir", dir::toString);
            registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + dir.resolve("kap") + ";AUTO_SERVER=FALSE");
            registry.add("spring.datasource.username", () -> "sa");
            registry.add("spring.datasource.password", () -> "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode get(String user, String path) {
        ResponseEntity<String> answer = http.withBasicAuth(user, user + "-demo").getForEntity(path, String.class);
        assertThat(answer.getStatusCode().value()).as(path + ": " + answer.getBody()).isEqualTo(200);
        try {
            return json.readTree(answer.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<JsonNode> courses() {
        List<JsonNode> all = new ArrayList<>();
        get("auditor", "/api/v1/courses?size=200").path("courses").forEach(all::add);
        return all;
    }

    @Test
    void every_course_written_before_loads_replays_keeps_its_status_and_verifies_intact() {
        List<JsonNode> courses = courses();
        assertThat(courses).as("the journeys' courses").hasSizeGreaterThanOrEqualTo(40);
        for (JsonNode listed : courses) {
            String id = listed.path("courseId").asText();
            JsonNode course = get("auditor", "/api/v1/courses/" + id);
            assertThat(course.path("status").asText()).as(id + " keeps the status the list recorded")
                    .isEqualTo(listed.path("status").asText());
            JsonNode verification = get("auditor", "/api/v1/courses/" + id + "/verification");
            assertThat(verification.path("intact").asBoolean()).as(id + ": " + verification).isTrue();
            JsonNode history = get("auditor", "/api/v1/courses/" + id + "/history?size=1000");
            assertThat(history.path("events")).as(id).isNotEmpty();
            history.path("events").forEach(e -> assertThat(e.path("summary").asText())
                    .as(id + " summarises " + e.path("type").asText() + " in words").isNotEqualTo(e.path("type").asText()));
        }
    }

    /** The lists' totals, which the store did not keep when it was written, are counted from its rows as it opens. */
    @Test
    void the_lists_totals_are_counted_from_the_rows_the_store_holds() {
        List<JsonNode> courses = courses();
        assertThat(get("auditor", "/api/v1/courses?size=1").path("total").asLong()).isEqualTo(courses.size());
        courses.stream().map(c -> c.path("status").asText()).distinct().forEach(status -> assertThat(
                get("auditor", "/api/v1/courses?size=1&status=" + status).path("total").asLong()).as(status)
                .isEqualTo(courses.stream().filter(c -> c.path("status").asText().equals(status)).count()));
        for (String state : List.of("open", "all")) {
            JsonNode page = get("auditor", "/api/v1/obligations?size=500&status=" + state);
            assertThat(page.path("next").isNull()).as("one page holds them all").isTrue();
            assertThat(page.path("total").asLong()).as(state).isEqualTo(page.path("obligations").size());
        }
    }

    @Test
    void every_version_published_before_pinning_is_pinned_at_start_and_served() {
        JsonNode protocols = get("auditor", "/api/v1/protocols");
        assertThat(protocols.size()).isPositive();
        protocols.forEach(p -> {
            assertThat(p.path("meaningSha256").asText()).as(p.path("id") + " v" + p.path("version")).hasSize(64);
            get("auditor", "/api/v1/protocols/" + p.path("id").asText() + "/versions/" + p.path("version").asInt());
        });
    }

    @Test
    void an_old_course_takes_a_new_fact_and_its_old_events_keep_their_meaning() {
        // the journeys ran on a clock of their own; a course whose acts all lie in the past takes an act now
        JsonNode active = courses().stream().filter(c -> c.path("status").asText().equals("active")
                        || c.path("status").asText().equals("awaiting_integration"))
                .filter(c -> java.time.Instant.parse(c.path("lastActAt").asText()).isBefore(java.time.Instant.now()))
                .findFirst().orElseThrow(() -> new AssertionError("the old store holds an active course"));
        String id = active.path("courseId").asText();
        JsonNode before = get("clinician", "/api/v1/courses/" + id);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String weighedAt = java.time.Instant.parse(before.path("latestAct").asText()).plusSeconds(60).toString();
        ResponseEntity<String> weighed = http.withBasicAuth("clinician", "clinician-demo").exchange("/api/v1/courses/" + id
                + "/weights", HttpMethod.POST, new HttpEntity<>(Map.of("weight", "71 kg", "at", weighedAt), headers), String.class);
        assertThat(weighed.getStatusCode().value()).as(weighed.getBody()).isEqualTo(200);
        JsonNode after = get("clinician", "/api/v1/courses/" + id);
        assertThat(after.path("entries").asLong()).isEqualTo(before.path("entries").asLong() + 1);
        assertThat(after.path("sessions")).as("the sessions read as before").isEqualTo(before.path("sessions"));
        assertThat(after.path("screeningFindings")).as("the screening as recorded").isEqualTo(before.path("screeningFindings"));
        assertThat(after.path("client").path("weight").asText()).isEqualTo("71 kg");
        assertThat(get("auditor", "/api/v1/courses/" + id + "/verification").path("intact").asBoolean()).isTrue();
        // the course list's row, written by the older engine in the older shape, is rebuilt and takes the new act
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                courses().stream().filter(c -> c.path("courseId").asText().equals(id)).findFirst().orElseThrow()
                        .path("lastActAt").asText()).isEqualTo(weighedAt));
    }
}
