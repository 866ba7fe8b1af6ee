package org.kap.bench.raw;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Map;

/**
 * The raw baseline of the load harness (docs/benchmarks.md, "Load: the engine against raw Axon"): a minimal Axon
 * 4.13 + Spring Boot app with one aggregate on the same JDBC event store as the engine (the same tables, Jackson, H2
 * with durable commits or PostgreSQL), answering JSON over HTTP. It has no security, no rules and no read models: it is
 * the floor the engine's own cost is measured against.
 */
@SpringBootApplication
public class RawBaselineApplication {

    public static void main(String[] args) {
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(RawBaselineApplication.class, args);
    }

    @Bean
    Cache rawCourseCache() {
        return new WeakReferenceCache();
    }

    @Bean
    SnapshotTriggerDefinition rawSnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, 100);
    }

    @RestController
    static class RawCourses {
        private final CommandGateway commands;
        private final EventStore events;

        RawCourses(CommandGateway commands, EventStore events) {
            this.commands = commands;
            this.events = events;
        }

        record Opening(String courseId, String clientId) {
        }

        record Score(String instrument, int score) {
        }

        @PostMapping("/raw/courses")
        ResponseEntity<Map<String, String>> open(@RequestBody Opening opening) {
            commands.sendAndWait(new RawMessages.OpenCourse(opening.courseId(), opening.clientId()));
            return ResponseEntity.created(URI.create("/raw/courses/" + opening.courseId()))
                    .body(Map.of("courseId", opening.courseId()));
        }

        @PostMapping("/raw/courses/{id}/scores")
        Map<String, Object> score(@PathVariable String id, @RequestBody Score score) {
            Integer before = commands.sendAndWait(new RawMessages.RecordScore(id, score.instrument(), score.score()));
            return Map.of("courseId", id, "scoresBefore", before);
        }

        /** A read: the course's events from the store, folded to a count and the last score. */
        @GetMapping("/raw/courses/{id}")
        Map<String, Object> course(@PathVariable String id) {
            long[] count = {0};
            Object[] last = {null};
            events.readEvents(id).asStream().map(DomainEventMessage::getPayload).forEach(payload -> {
                count[0]++;
                if (payload instanceof RawMessages.ScoreRecorded recorded) {
                    last[0] = recorded.score();
                }
            });
            return count[0] == 0 ? Map.of("courseId", id, "events", 0)
                    : Map.of("courseId", id, "events", count[0], "lastScore", last[0] == null ? "none" : last[0]);
        }
    }
}
