package org.kap.api.audit;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;
import org.kap.core.course.Actor;
import org.kap.core.course.CourseCommand;
import org.kap.core.outcome.Instrument;
import org.kap.core.rule.Role;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The course as of a clinical instant starts from the course's sealed snapshot when all the snapshot folds belongs to
 * that instant on both clocks, and is then the same state, field for field, as the one chosen event by event from the
 * first: over a course with snapshots, a late entry and a correction of an entry inside the snapshot, at instants
 * before, inside and after the snapshot on either clock.
 */
class AsOfFromSnapshotTest extends ApiTest {

    private static final Actor CLINICIAN = Actor.of("clinician", Role.CLINICIAN);

    @Autowired
    CommandGateway commands;
    @Autowired
    CourseHistory history;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private void send(CourseCommand command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command));
    }

    @Test
    void from_the_snapshot_the_course_as_of_any_instant_is_the_one_chosen_from_the_first_event() throws Exception {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        String id = "as-of-" + UUID.randomUUID();
        Instant t = Instant.now().minus(30, ChronoUnit.DAYS);
        assertThat(post("clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-as-of",
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", t.toString(),
                "profile", profile(45, "70 kg"))).status()).isEqualTo(201);
        for (int i = 1; i <= 100; i++) {
            send(new CourseCommand.RecordOutcomeMeasure(id, Instrument.PHQ9, i % 28, CLINICIAN, t.plus(Duration.ofHours(i))));
        }
        // the snapshot is taken on its own thread after the hundredth command is answered, of the course as it is then:
        // the rest of the course is sent once it is stored, so that it lies inside the course, not at its end
        org.awaitility.Awaitility.await("a snapshot after the hundredth entry").atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(jdbc.queryForObject("SELECT MAX(sequenceNumber) FROM SnapshotEventEntry WHERE aggregateIdentifier = ?",
                        Long.class, id)).isBetween(99L, 100L));
        for (int i = 101; i <= 150; i++) {
            send(new CourseCommand.RecordOutcomeMeasure(id, Instrument.PHQ9, i % 28, CLINICIAN, t.plus(Duration.ofHours(i))));
        }
        Thread.sleep(5); // the entries after this were recorded after it
        Instant beforeLate = Instant.now();
        Thread.sleep(5);
        // a late entry (it happened in the snapshot's part of the course, recorded after it) and a correction of entry 5
        Answer late = post("clinician", "/api/v1/courses/" + id + "/findings", Map.of("at", t.plus(Duration.ofMinutes(90)).toString(),
                "type", "lab", "code", "alt", "value", "40 U/L"));
        assertThat(late.status()).as(late.raw()).isEqualTo(200);
        Answer correction = post("clinician", "/api/v1/courses/" + id + "/corrections", Map.of("entryNumber", 5,
                "correction", "the score was 9", "reason", "transcription", "at", t.plus(Duration.ofHours(151)).toString()));
        assertThat(correction.status()).as(correction.raw()).isEqualTo(200);

        List<Instant> clinical = new ArrayList<>(Arrays.asList(null, t.plus(Duration.ofMinutes(30)), t.plus(Duration.ofHours(50)),
                t.plus(Duration.ofHours(149)), t.plus(Duration.ofHours(150)), t.plus(Duration.ofHours(151)), Instant.now()));
        List<Instant> recorded = new ArrayList<>(Arrays.asList(null, t, beforeLate, Instant.now().plusSeconds(60)));
        int fromSnapshot = 0;
        for (Instant c : clinical) {
            for (Instant r : recorded) {
                if (c == null && r == null) {
                    continue;
                }
                String expected = folded(() -> history.asOfFromFirstEvent(id, c, r));
                assertThat(folded(() -> history.asOf(id, c, r))).as("as of %s, recorded by %s", c, r).isEqualTo(expected);
                if (c != null && history.fromSnapshot(id, c, r).isPresent()) {
                    fromSnapshot++;
                }
            }
        }
        // the snapshot's entries reach hour 100 or so: it is taken for the four clinical times after that with the three
        // recording bounds after it was recorded (none among them); by recording time alone, never (asOf says why)
        assertThat(fromSnapshot).as("the shortcut was taken where it may be").isEqualTo(4 * 3);
        assertThat(history.fromSnapshot(id, t.plus(Duration.ofHours(50)), null)).as("a snapshot past the instant").isEmpty();
        assertThat(history.fromSnapshot(id, Instant.now(), t)).as("recorded after the bound").isEmpty();
    }

    /** The state as JSON, or the problem's class when there is none (before the screening). */
    private String folded(java.util.function.Supplier<Object> state) {
        try {
            return json.writeValueAsString(state.get());
        } catch (org.kap.api.courses.CourseNotFound notYet) {
            return "not found";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
