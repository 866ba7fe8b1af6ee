package org.kap.api;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The course list's rows: the course state each keeps is a checkpoint, and a read model that cannot take an event never
 * skips it: the course list retries the event until it
 * can write it, and meanwhile health is DOWN naming the projection. Here the database refuses one
 * client's row (a constraint added by the test, as a full disk or a bad value would) and then takes it.
 */
class ProjectionFailureApiTest extends ApiTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.axonframework.config.EventProcessingConfiguration processing;
    @Autowired
    org.axonframework.eventsourcing.eventstore.EventStore eventStore;

    /** A test that failed with its constraint in place would refuse the next tests' rows too: each is dropped here. */
    @org.junit.jupiter.api.AfterEach
    void dropTheRefusals() {
        for (String constraint : java.util.List.of("refuse_one_client", "refuse_fifth_entry", "refuse_third_entry")) {
            jdbc.execute("ALTER TABLE course_summary DROP CONSTRAINT IF EXISTS " + constraint);
        }
    }

    @Test
    void a_projection_write_that_fails_is_retried_and_surfaces_on_health_until_it_succeeds() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        jdbc.execute("ALTER TABLE course_summary ADD CONSTRAINT refuse_one_client CHECK (client_id <> 'unlisted-client')");
        Answer screened = post("clinician", "/api/v1/courses", Map.of("courseId", "unlisted", "clientId", "unlisted-client",
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression",
                "at", Instant.now().minus(1, ChronoUnit.DAYS).toString(), "profile", profile(40, "80 kg")));
        assertThat(screened.status()).as("the course is recorded; only its list row waits").isEqualTo(201);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Answer health = get("admin", "/actuator/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.text("/components/projections/status")).isEqualTo("DOWN");
            assertThat(health.text("/components/projections/details/course-list/error")).contains("retrying");
            assertThat(health.body().at("/components/projections/details/course-list/eventsBehind").asLong()).isPositive();
        });
        assertThat(get(null, "/actuator/health").raw()).as("no details for anyone else").doesNotContain("course-list");
        assertThat(get("auditor", "/api/v1/courses").body().at("/courses").findValuesAsText("courseId")).doesNotContain("unlisted");

        jdbc.execute("ALTER TABLE course_summary DROP CONSTRAINT refuse_one_client");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(get("auditor", "/api/v1/courses").body().at("/courses").findValuesAsText("courseId")).contains("unlisted"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Answer health = get("admin", "/actuator/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.body().at("/components/projections/details/course-list/segmentsClaimedHere").asInt()).isEqualTo(1);
            assertThat(health.body().at("/components/projections/details/course-list/eventsBehind").asLong()).isZero();
        });
    }

    /**
     * The course list folds a batch's events into the state it wrote last and writes the row at the batch's end; the
     * course state the row keeps is only a checkpoint (written when the row is made, then every hundred entries). A
     * batch whose write fails must not leave its half-folded state to be taken for the row: when the write succeeds on
     * a retry, the course has been folded again from the row's checkpoint and the events after it in the log (here the
     * consent, which made the course active, is after the checkpoint), and the next event is folded onto that.
     */
    @Test
    void a_course_list_write_that_fails_is_folded_again_from_the_checkpoint_and_the_log_not_from_memory() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        String id = "refolded-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String c = "/api/v1/courses/" + id;
        Instant t = Instant.now().minus(1, ChronoUnit.DAYS);
        assertThat(post("clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-" + id,
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression",
                "at", t.toString(), "profile", profile(40, "80 kg"))).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> entries(id) == 1);
        assertThat(post("clinician", c + "/consent", Map.of("at", t.plusSeconds(60).toString())).status()).isEqualTo(200);
        score(c, 12);
        score(c, 11);
        await().atMost(Duration.ofSeconds(20)).until(() -> entries(id) == 4);
        assertThat(checkpointEntries(id)).as("the row's course state is its checkpoint, not rewritten with each batch").isEqualTo(1);

        jdbc.execute("ALTER TABLE course_summary ADD CONSTRAINT refuse_fifth_entry CHECK (course_id <> '" + id
                + "' OR entries <> 5)");
        score(c, 10);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(get("admin", "/actuator/health").text("/components/projections/details/course-list/error")).contains("retrying"));
        assertThat(entries(id)).as("the failed write left the row as it was").isEqualTo(4);

        jdbc.execute("ALTER TABLE course_summary DROP CONSTRAINT refuse_fifth_entry");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> entries(id) == 5);
        assertThat(status(id)).as("the consent, folded from the log after the checkpoint").isEqualTo("ACTIVE");
        score(c, 9);
        await().atMost(Duration.ofSeconds(20)).until(() -> entries(id) == 6);
        assertThat(status(id)).isEqualTo("ACTIVE");
        assertThat(checkpointEntries(id)).isEqualTo(1);
    }

    /**
     * The course state a list row keeps is a checkpoint, written when the row is made and again once the course has a
     * hundred entries more, not with every event; the row's list columns and its entries follow every event.
     */
    @Test
    void the_rows_course_state_is_a_checkpoint_every_hundred_entries() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        Instant t = Instant.now().minus(10, ChronoUnit.DAYS);
        assertThat(post("clinician", "/api/v1/courses", Map.of("courseId", "long-list", "clientId", "client-long-list",
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression",
                "at", t.toString(), "profile", profile(40, "80 kg"))).status()).isEqualTo(201);
        // the row is made by the screening's batch alone (a busy course list may take two quick acts as one batch)
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> entries("long-list") == 1);
        assertThat(post("clinician", "/api/v1/courses/long-list/consent", Map.of("at", t.plusSeconds(60).toString())).status())
                .isEqualTo(200);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> entries("long-list") == 2);
        assertThat(checkpointEntries("long-list")).as("the checkpoint made with the row").isEqualTo(1);
        for (int n = 0; n < 100; n++) {
            assertThat(post("therapist", "/api/v1/courses/long-list/outcome-measures", Map.of("instrument", "phq9", "score", n % 27))
                    .status() / 100).isEqualTo(2);
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> entries("long-list") == 102);
        assertThat(checkpointEntries("long-list")).as("written again a hundred entries on").isBetween(101, 102);
        assertThat(jdbc.queryForObject("SELECT status FROM course_summary WHERE course_id = 'long-list'", String.class))
                .isEqualTo("ACTIVE");
    }

    /**
     * A batch that writes one course's row and then fails on another's rolls both back; the state it folded for the
     * first, which it had already remembered as written, must not be folded onto afterwards (the row no longer holds
     * it): the retry folds that course again from its row's checkpoint and the log, and its event is not lost. The
     * two courses' events are put into one batch by stopping the course list while they are recorded and starting it
     * once the read models' reader has fetched both.
     */
    @Test
    void a_state_remembered_by_a_batch_that_rolled_back_is_not_folded_onto() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        String first = "kept-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String second = "failing-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Instant t = Instant.now().minus(1, ChronoUnit.DAYS);
        for (String id : java.util.List.of(first, second)) {
            assertThat(post("clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-" + id,
                    "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression",
                    "at", t.toString(), "profile", profile(40, "80 kg"))).status()).isEqualTo(201);
            assertThat(post("clinician", "/api/v1/courses/" + id + "/consent", Map.of("at", t.plusSeconds(60).toString())).status())
                    .isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> entries(first) == 2 && entries(second) == 2);

        var courseList = processing.eventProcessor("course-list", org.axonframework.eventhandling.StreamingEventProcessor.class)
                .orElseThrow();
        courseList.shutDown();
        score("/api/v1/courses/" + first, 12);
        score("/api/v1/courses/" + second, 12);
        // the course list restarted takes what the shared reader has fetched: both scores, so that they are one batch
        ReadModelsReader.awaitFetchedAll(processing, eventStore);
        jdbc.execute("ALTER TABLE course_summary ADD CONSTRAINT refuse_third_entry CHECK (course_id <> '" + second
                + "' OR entries <> 3)");
        courseList.start();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(get("admin", "/actuator/health").text("/components/projections/details/course-list/error")).contains("retrying"));
        assertThat(entries(first)).as("the first course's write was rolled back with the batch").isEqualTo(2);

        jdbc.execute("ALTER TABLE course_summary DROP CONSTRAINT refuse_third_entry");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> entries(second) == 3);
        assertThat(entries(first)).as("its score, folded again from the row, not skipped as already in memory").isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT courses FROM course_status_count WHERE status = 'ACTIVE'", Long.class))
                .as("the totals, moved once").isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM course_summary WHERE status = 'ACTIVE'", Long.class));
    }

    private void score(String course, int score) {
        assertThat(post("therapist", course + "/outcome-measures", Map.of("instrument", "phq9", "score", score)).status() / 100)
                .isEqualTo(2);
    }

    /** The entries the course list's row has folded in. */
    private long entries(String courseId) {
        return jdbc.query("SELECT entries FROM course_summary WHERE course_id = ?", (row, n) -> row.getLong(1), courseId)
                .stream().findFirst().orElse(0L);
    }

    private String status(String courseId) {
        return jdbc.queryForObject("SELECT status FROM course_summary WHERE course_id = ?", String.class, courseId);
    }

    /** The entries the course state the row keeps holds (its checkpoint). */
    private int checkpointEntries(String courseId) {
        String state = jdbc.queryForObject("SELECT state_json FROM course_summary WHERE course_id = ?", String.class, courseId);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"entries\":(\\d+)").matcher(state);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
