package org.kap.api;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.kap.api.courses.CourseQueries;
import org.kap.core.course.Actor;
import org.kap.core.course.CourseCommand;
import org.kap.core.course.TreatmentCourse;
import org.kap.core.outcome.Instrument;
import org.kap.core.rule.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Snapshots fail silently (a WARN) when the snapshotter lacks an aggregate factory or Jackson cannot
 * see the course's state. This shows a course with more than 1,000 events is snapshotted, loaded
 * from its snapshot, and the same as when rebuilt from every event.
 */
class SnapshotApiTest extends ApiTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore events;
    @Autowired
    Cache courseCache;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CourseQueries queries;

    @Test
    void a_course_of_over_a_thousand_events_is_loaded_from_a_snapshot() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        String id = "snapshot-" + java.util.UUID.randomUUID();
        Instant t = Instant.now().minus(60, ChronoUnit.DAYS);
        assertThat(post("clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-snap",
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", t.toString(),
                "profile", profile(50, "72 kg"))).status()).isEqualTo(201);
        Actor clinician = Actor.of("clinician", Role.CLINICIAN);
        for (int i = 1; i <= 1_050; i++) {
            var command = new CourseCommand.RecordOutcomeMeasure(id, Instrument.PHQ9, i % 28, clinician, t.plusSeconds(i * 60L));
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command));
        }

        Integer snapshots = jdbc.queryForObject("SELECT COUNT(*) FROM SnapshotEventEntry WHERE aggregateIdentifier = ?",
                Integer.class, id);
        assertThat(snapshots).as("snapshots written (every 100 events)").isPositive();

        courseCache.removeAll(); // the next load cannot come from memory
        var stream = events.readEvents(id);
        DomainEventMessage<?> first = stream.next();
        assertThat(first.getPayload()).as("the aggregate is sourced from a snapshot").isInstanceOf(TreatmentCourse.class);
        assertThat(first.getSequenceNumber()).as("a recent snapshot, not the first one").isGreaterThan(900);
        TreatmentCourse fromSnapshot = (TreatmentCourse) first.getPayload();
        assertThat(fromSnapshot.state().outcomes()).hasSize((int) first.getSequenceNumber());

        Answer after = post("clinician", "/api/v1/courses/" + id + "/outcome-measures",
                Map.of("instrument", "phq9", "score", 7, "at", t.plusSeconds(2_000 * 60L).toString()));
        assertThat(after.status()).as(after.raw()).isEqualTo(200);
        var rebuilt = queries.state(id);
        assertThat(rebuilt.entries()).isEqualTo(1 + 1_050 + 1);
        assertThat(rebuilt.outcomes()).hasSize(1_051);
        assertThat(List.of(rebuilt.outcomes().get(1_050).score())).containsExactly(7);
    }
}
