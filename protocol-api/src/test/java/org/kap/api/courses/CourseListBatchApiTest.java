package org.kap.api.courses;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;
import org.kap.api.ReadModelsReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The course list takes a busy moment's events of many courses as one batch: it reads their rows together when the
 * batch begins and writes their list columns together when it ends. Such a batch is made here by stopping the course
 * list while acts on several courses are recorded: a course with no row yet, courses whose status moves, a course
 * that only gains an entry, a course acted on twice. Each row must come out as if its events had come one at a time.
 */
class CourseListBatchApiTest extends ApiTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    EventStore eventStore;

    private final Instant t = Instant.now().minus(1, ChronoUnit.DAYS);

    @Test
    void one_batch_of_many_courses_leaves_each_row_as_its_own_events_would() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String scored = "scored-" + tag, consented = "consented-" + tag, twice = "twice-" + tag, fresh = "fresh-" + tag;
        screen(scored);
        consent(scored);
        screen(consented);
        screen(twice);
        await().atMost(Duration.ofSeconds(20)).until(() -> entries(scored) == 2 && entries(consented) == 1 && entries(twice) == 1);

        var courseList = processing.eventProcessor("course-list", StreamingEventProcessor.class).orElseThrow();
        courseList.shutDown();
        score(scored, 12);
        consent(consented);
        consent(twice);
        score(twice, 20);
        screen(fresh);
        ReadModelsReader.awaitFetchedAll(processing, eventStore);
        courseList.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> entries(fresh) == 1 && entries(twice) == 3);
        assertThat(row(scored)).as("a row that only gained an entry").containsEntry("STATUS", "ACTIVE").containsEntry("ENTRIES", 3L);
        assertThat(row(consented)).as("a row whose status moved").containsEntry("STATUS", "ACTIVE").containsEntry("ENTRIES", 2L);
        assertThat(row(twice)).as("a row acted on twice in the batch").containsEntry("STATUS", "ACTIVE").containsEntry("ENTRIES", 3L);
        assertThat(row(fresh)).as("a row made by the batch").containsEntry("STATUS", "SCREENED").containsEntry("ENTRIES", 1L)
                .containsEntry("CLIENT_ID", "client-" + fresh);
        for (String status : List.of("SCREENED", "ACTIVE")) {
            assertThat(jdbc.queryForObject("SELECT courses FROM course_status_count WHERE status = ?", Long.class, status))
                    .as("the %s total moved with the rows", status)
                    .isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM course_summary WHERE status = ?", Long.class, status));
        }
        assertThat(get("auditor", "/api/v1/courses?status=active").body().at("/courses").findValuesAsText("courseId"))
                .as("the list as its readers see it").contains(scored, consented, twice).doesNotContain(fresh);

        // and the states the batch remembered are the ones folded onto next
        score(consented, 9);
        await().atMost(Duration.ofSeconds(20)).until(() -> entries(consented) == 3);
        assertThat(row(consented)).containsEntry("STATUS", "ACTIVE");
    }

    private void screen(String id) {
        assertThat(post("clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-" + id,
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression",
                "at", t.toString(), "profile", profile(40, "80 kg"))).status()).isEqualTo(201);
    }

    private void consent(String id) {
        assertThat(post("clinician", "/api/v1/courses/" + id + "/consent", Map.of("at", t.plusSeconds(60).toString())).status())
                .isEqualTo(200);
    }

    private void score(String id, int score) {
        assertThat(post("therapist", "/api/v1/courses/" + id + "/outcome-measures", Map.of("instrument", "phq9", "score", score))
                .status() / 100).isEqualTo(2);
    }

    private long entries(String courseId) {
        return jdbc.query("SELECT entries FROM course_summary WHERE course_id = ?", (row, n) -> row.getLong(1), courseId)
                .stream().findFirst().orElse(0L);
    }

    /** The row's list columns, by their upper-case names (as both H2 and the test's reading give them). */
    private Map<String, Object> row(String courseId) {
        Map<String, Object> row = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        row.putAll(jdbc.queryForMap("SELECT client_id, status, entries FROM course_summary WHERE course_id = ?", courseId));
        Map<String, Object> upper = new java.util.LinkedHashMap<>();
        row.forEach((name, value) -> upper.put(name.toUpperCase(java.util.Locale.ROOT),
                value instanceof Number n && !(value instanceof Long) ? n.longValue() : value));
        return upper;
    }
}
