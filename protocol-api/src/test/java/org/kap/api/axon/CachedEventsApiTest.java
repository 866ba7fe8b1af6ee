package org.kap.api.axon;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.util.ReflectionTestUtils;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The read models' reader of the event store keeps only the newest {@code kap.read-models.cached-events} events (here
 * five). A read model further behind than that takes nothing from what the reader keeps: it reads the store itself,
 * and must still fold every event in its order.
 */
@TestPropertySource(properties = "kap.read-models.cached-events=5")
class CachedEventsApiTest extends ApiTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void the_reader_keeps_the_configured_events_and_a_read_model_behind_them_misses_none() {
        assertThat(eventStore).isInstanceOf(EmbeddedEventStore.class);
        assertThat(ReflectionTestUtils.getField(ReflectionTestUtils.getField(eventStore, EmbeddedEventStore.class, "producer"),
                "cachedEvents")).as("the events the reader keeps").isEqualTo(5);

        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        Instant t = Instant.now().minus(1, ChronoUnit.DAYS);
        assertThat(post("clinician", "/api/v1/courses", Map.of("courseId", "far-behind", "clientId", "client-far-behind",
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression",
                "at", t.toString(), "profile", profile(40, "80 kg"))).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> entries() == 1);

        var courseList = processing.eventProcessor("course-list", StreamingEventProcessor.class).orElseThrow();
        courseList.shutDown();
        assertThat(post("clinician", "/api/v1/courses/far-behind/consent", Map.of("at", t.plusSeconds(60).toString())).status())
                .isEqualTo(200);
        for (int n = 0; n < 20; n++) {
            assertThat(post("therapist", "/api/v1/courses/far-behind/outcome-measures", Map.of("instrument", "phq9", "score", n))
                    .status() / 100).isEqualTo(2);
        }
        courseList.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> entries() == 22);
        assertThat(jdbc.queryForObject("SELECT status FROM course_summary WHERE course_id = 'far-behind'", String.class))
                .as("the consent, 21 events back, folded in").isEqualTo("ACTIVE");
        assertThat(get("auditor", "/api/v1/courses/far-behind/history?size=100").body().path("events").size())
                .as("the course's own record, for comparison").isEqualTo(22);
    }

    private long entries() {
        return jdbc.query("SELECT entries FROM course_summary WHERE course_id = 'far-behind'", (row, n) -> row.getLong(1))
                .stream().findFirst().orElse(0L);
    }
}
