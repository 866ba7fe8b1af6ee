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
 * A read model that cannot take an event never skips it: the course list retries the event until it
 * can write it, and meanwhile health is DOWN naming the projection. Here the database refuses one
 * client's row (a constraint added by the test, as a full disk or a bad value would) and then takes it.
 */
class ProjectionFailureApiTest extends ApiTest {

    @Autowired
    JdbcTemplate jdbc;

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
     * The course list folds a batch's events into the state it wrote last and writes the row at the batch's end. A
     * batch whose write fails must not leave its half-folded state to be taken for the row: when the write succeeds
     * on a retry, the row holds the event it failed on, and the next event is folded onto that.
     */
    @Test
    void a_course_list_write_that_fails_on_a_known_course_is_folded_again_from_the_row_not_from_memory() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        String id = "refolded-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        assertThat(post("clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-" + id,
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression",
                "at", Instant.now().minus(1, ChronoUnit.DAYS).toString(), "profile", profile(40, "80 kg"))).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> entries(id) == 1);

        jdbc.execute("ALTER TABLE course_summary ADD CONSTRAINT refuse_second_entry CHECK (course_id <> '" + id
                + "' OR state_json NOT LIKE '%\"entries\":2,%')");
        assertThat(post("therapist", "/api/v1/courses/" + id + "/outcome-measures", Map.of("instrument", "phq9", "score", 12))
                .status() / 100).isEqualTo(2);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(get("admin", "/actuator/health").text("/components/projections/details/course-list/error")).contains("retrying"));
        assertThat(entries(id)).as("the failed write left the row as it was").isEqualTo(1);

        jdbc.execute("ALTER TABLE course_summary DROP CONSTRAINT refuse_second_entry");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> entries(id) == 2);
        assertThat(post("therapist", "/api/v1/courses/" + id + "/outcome-measures", Map.of("instrument", "phq9", "score", 10))
                .status() / 100).isEqualTo(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> entries(id) == 3);
    }

    /** The entries the course list's row has folded in (its stored state's count). */
    private int entries(String courseId) {
        String state = jdbc.query("SELECT state_json FROM course_summary WHERE course_id = ?", (row, n) -> row.getString(1), courseId)
                .stream().findFirst().orElse("{}");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"entries\":(\\d+)").matcher(state);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
