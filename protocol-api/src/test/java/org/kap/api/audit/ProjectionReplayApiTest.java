package org.kap.api.audit;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read models are rebuilt by replaying the event store (a processor reset) to the same content: the rows, and the
 * totals kept beside them, which match a count of the rows. The course state a course-list row keeps is a checkpoint
 * whose place depends on how the events were batched, so the rows are compared by what the list shows.
 */
class ProjectionReplayApiTest extends ApiTest {

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    JdbcTemplate jdbc;

    private List<Map<String, Object>> rows(String table, String order) {
        return jdbc.queryForList("SELECT * FROM " + table + " ORDER BY " + order);
    }

    private List<Map<String, Object>> listed() {
        return jdbc.queryForList("SELECT course_id, client_id, protocol_id, protocol_version, status, sessions, screened_at, "
                + "last_act_at, entries FROM course_summary ORDER BY course_id");
    }

    /** The totals the read models keep, and a count of their rows by the same buckets: they are the same. */
    private List<String> totals() {
        List<String> kept = jdbc.query("SELECT status, courses FROM course_status_count WHERE courses <> 0 UNION ALL "
                + "SELECT state, obligations FROM obligation_state_count WHERE obligations <> 0 ORDER BY 1",
                (row, n) -> row.getString(1) + "=" + row.getLong(2));
        List<String> counted = jdbc.query("SELECT status, COUNT(*) FROM course_summary GROUP BY status UNION ALL "
                + "SELECT CASE WHEN fulfilled_at IS NULL THEN 'open' ELSE 'fulfilled' END, COUNT(*) FROM obligation "
                + "GROUP BY CASE WHEN fulfilled_at IS NULL THEN 'open' ELSE 'fulfilled' END ORDER BY 1",
                (row, n) -> row.getString(1) + "=" + row.getLong(2));
        assertThat(kept).as("the totals kept match the rows counted").isEqualTo(counted);
        return kept;
    }

    /**
     * The read models have folded in every course event the store holds and the one fulfilment: each course's row has
     * all its course's entries, and each obligation its row.
     */
    private void settled(int obligations, int fulfilled) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier IN "
                        + "(SELECT course_id FROM course_summary)", Long.class).equals(
                        jdbc.queryForObject("SELECT COALESCE(SUM(entries), 0) FROM course_summary", Long.class))
                        && jdbc.queryForObject("SELECT COUNT(*) FROM course_summary", Integer.class) == 4
                        && jdbc.queryForObject("SELECT COUNT(*) FROM obligation", Integer.class) == obligations
                        && jdbc.queryForObject("SELECT COUNT(*) FROM obligation WHERE fulfilled_at IS NOT NULL", Integer.class) == fulfilled);
    }

    @Test
    void the_course_list_and_the_obligations_rebuild_to_the_same_content() throws InterruptedException {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        Instant t = Instant.now().minus(10, ChronoUnit.DAYS);
        String screenedOnly = "replay-screened-" + UUID.randomUUID();
        post("clinician", "/api/v1/courses", Map.of("courseId", screenedOnly, "clientId", "client-screened",
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", t.toString(),
                "profile", profile(40, "80 kg")));
        for (int n = 0; n < 3; n++) {
            String id = "replay-" + n + "-" + UUID.randomUUID();
            String c = "/api/v1/courses/" + id;
            post("clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-" + n,
                    "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", t.toString(),
                    "profile", profile(40, "80 kg")));
            post("clinician", c + "/consent", Map.of("at", t.plusSeconds(60).toString()));
            post("therapist", c + "/preparation-sessions", Map.of("at", t.plusSeconds(120).toString()));
            post("prescriber", c + "/dose-approvals", Map.of("route", "IM", "dose", "0.5 mg/kg", "at", t.plusSeconds(180).toString()));
            post("clinician", c + "/sessions", Map.of("setting", List.of("pulse_oximeter"), "at", t.plusSeconds(240).toString(),
                    "preDoseVitals", Map.of("systolic", "120 mmHg", "diastolic", "80 mmHg")));
            assertThat(post("clinician", c + "/discharge", Map.of("scores", Map.of("moaas", 5), "escortPresent", true,
                    "transport", "taxi", "at", t.plus(3, ChronoUnit.HOURS).toString())).status()).isEqualTo(200);
            if (n == 0) {
                assertThat(post("clinician", c + "/obligations/OBLIGATION-1/fulfilment", Map.of()).status()).isEqualTo(200);
            }
        }
        settled(3, 1);
        var courses = listed();
        var obligations = rows("obligation", "course_id, obligation_id");
        var totals = totals();
        assertThat(totals).as("one course only screened; open and fulfilled obligations")
                .contains("SCREENED=1", "open=2", "fulfilled=1");

        for (String name : List.of("course-list", "obligations")) {
            TrackingEventProcessor processor = processing.eventProcessor(name, TrackingEventProcessor.class).orElseThrow();
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }
        assertThat(rows("course_summary", "course_id")).as("the reset handlers emptied the table first").hasSizeLessThanOrEqualTo(4);
        settled(3, 1);
        assertThat(listed()).isEqualTo(courses);
        assertThat(rows("obligation", "course_id, obligation_id")).isEqualTo(obligations);
        assertThat(totals()).isEqualTo(totals);
    }
}
