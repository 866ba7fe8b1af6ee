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
    @Autowired
    org.kap.api.audit.CourseHistory history;
    @Autowired
    org.axonframework.eventsourcing.Snapshotter snapshotter;
    @Autowired
    org.kap.api.audit.EngineKeys keys;

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

        // snapshots are taken on their own thread, after the command that called for one is answered
        awaitSnapshot(id, "snapshots written (every 100 events)");

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
        // the course as read (its snapshot and the events after it) is the course folded from its first event
        assertThat(json.valueToTree(queries.current(id)).equals(json.valueToTree(rebuilt)))
                .as("the whole state, every field, as from the first event").isTrue();
        // a history page reads its own events, and links them through the course as it stands: the same items
        var whole = history.entries(id).items();
        assertThat(history.page(id, 10, 100).events()).isEqualTo(whole.subList(1_000, 1_052));
        assertThat(history.page(id, 3, 100).events()).isEqualTo(whole.subList(300, 400));
        assertThat(history.page(id, 3, 100).total()).isEqualTo(1_052);
        assertThat(history.page(id, 11, 100).events()).isEmpty();
        // a course whose snapshots are gone (or of another revision) is folded from its first event once, and snapshotted
        // (the API's read answers the view kept from its last read while the course has not moved: the fold is its miss)
        jdbc.update("DELETE FROM SnapshotEventEntry WHERE aggregateIdentifier = ?", id);
        assertThat(queries.current(id).entries()).isEqualTo(1_052);
        awaitSnapshot(id, "the long read took a snapshot for the next one");
        assertThat(jdbc.queryForObject("SELECT sequence_number FROM course_snapshot_seal WHERE course_id = ?", Long.class, id))
                .as("and sealed it").isEqualTo(jdbc.queryForObject("SELECT MAX(sequenceNumber) FROM SnapshotEventEntry "
                        + "WHERE aggregateIdentifier = ?", Long.class, id));
        courseCache.removeAll();
        assertThat(events.readEvents(id).next().getPayload()).isInstanceOf(TreatmentCourse.class);
        // a snapshot without its seal (one an engine before seals took, or its seal deleted) is not loaded; the long read
        // that follows takes a new snapshot at the same place, sealed, in place of the unsealed one
        jdbc.update("DELETE FROM course_snapshot_seal WHERE course_id = ?", id);
        courseCache.removeAll();
        assertThat(events.readEvents(id).next().getPayload()).isInstanceOf(org.kap.core.course.CourseEvent.ClientScreened.class);
        long place = jdbc.queryForObject("SELECT MAX(sequenceNumber) FROM SnapshotEventEntry WHERE aggregateIdentifier = ?", Long.class, id);
        assertThat(queries.current(id).entries()).isEqualTo(1_052);
        awaitSnapshot(id, "sealed again");
        assertThat(jdbc.queryForObject("SELECT sequence_number FROM course_snapshot_seal WHERE course_id = ?", Long.class, id))
                .as("sealed again at the same place, nothing new recorded").isEqualTo(place);
        courseCache.removeAll();
        assertThat(events.readEvents(id).next().getPayload()).isInstanceOf(TreatmentCourse.class);
        assertThat(rebuilt.outcomes()).hasSize(1_051);
        assertThat(List.of(rebuilt.outcomes().get(1_050).score())).containsExactly(7);
    }

    /** Waits for the course's snapshot and its seal to be stored (the snapshotter's thread takes them). */
    private void awaitSnapshot(String id, String what) {
        org.awaitility.Awaitility.await(what).atMost(java.time.Duration.ofSeconds(20)).until(() ->
                jdbc.queryForObject("SELECT COUNT(*) FROM SnapshotEventEntry s JOIN course_snapshot_seal c "
                        + "ON c.course_id = s.aggregateIdentifier AND c.sequence_number = s.sequenceNumber "
                        + "WHERE s.aggregateIdentifier = ?", Integer.class, id) > 0);
    }

    /**
     * A snapshot is loaded only as the engine sealed it (docs/audit.md, "Sealed snapshots"): one whose bytes were changed
     * in the database (here its outcome scores emptied; a halt cleared would be worse) is passed over and the course
     * folded from its events. The control: the same bytes sealed with the engine's key are loaded as they are. And a
     * snapshot holds the course's state in the shape of the code that wrote it: one of another revision (an older
     * engine's) is never loaded with defaults for what it lacks, sealed or not.
     */
    @Test
    void a_snapshot_changed_in_the_database_or_of_another_revision_is_ignored_and_the_course_rebuilt_from_its_events() throws Exception {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        String id = "old-snapshot-" + java.util.UUID.randomUUID();
        Instant t = Instant.now().minus(30, ChronoUnit.DAYS);
        assertThat(post("clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-old-snap",
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", t.toString(),
                "profile", profile(50, "72 kg"))).status()).isEqualTo(201);
        for (int i = 1; i <= 3; i++) {
            assertThat(post("clinician", "/api/v1/courses/" + id + "/outcome-measures",
                    Map.of("instrument", "phq9", "score", 10 + i, "at", t.plusSeconds(i * 60L).toString())).status()).isEqualTo(200);
        }
        snapshotter.scheduleSnapshot(TreatmentCourse.class, id);
        awaitSnapshot(id, "the snapshot asked for");
        String revision = TreatmentCourse.class.getAnnotation(org.axonframework.serialization.Revision.class).value();
        assertThat(jdbc.queryForObject("SELECT payloadRevision FROM SnapshotEventEntry WHERE aggregateIdentifier = ?",
                String.class, id)).as("the snapshot carries the course's revision").isEqualTo(revision);
        long sequence = jdbc.queryForObject("SELECT sequenceNumber FROM SnapshotEventEntry WHERE aggregateIdentifier = ?", Long.class, id);
        assertThat(jdbc.queryForObject("SELECT sequence_number FROM course_snapshot_seal WHERE course_id = ?", Long.class, id))
                .as("the snapshot was sealed as it was taken").isEqualTo(sequence);
        courseCache.removeAll();
        assertThat(events.readEvents(id).next().getPayload()).as("the sealed snapshot is loaded").isInstanceOf(TreatmentCourse.class);

        // the snapshot's state forgets the outcome scores: loaded, the course would have none
        byte[] payload = jdbc.queryForObject("SELECT payload FROM SnapshotEventEntry WHERE aggregateIdentifier = ?", byte[].class, id);
        var doctored = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(payload);
        ((com.fasterxml.jackson.databind.node.ObjectNode) doctored.path("state")).putArray("outcomes");
        byte[] doctoredBytes = json.writeValueAsBytes(doctored);
        jdbc.update("UPDATE SnapshotEventEntry SET payload = ? WHERE aggregateIdentifier = ?", doctoredBytes, id);
        courseCache.removeAll();
        assertThat(events.readEvents(id).next().getPayload()).as("changed in the database: not loaded, the course is read from its "
                + "first event").isInstanceOf(org.kap.core.course.CourseEvent.ClientScreened.class);
        assertThat(queries.current(id).outcomes()).as("the course as it stands, as the API reads it")
                .extracting(o -> o.score()).containsExactly(11, 12, 13);

        String type = jdbc.queryForObject("SELECT payloadType FROM SnapshotEventEntry WHERE aggregateIdentifier = ?", String.class, id);
        var stranger = org.kap.core.audit.SnapshotSeal.sign(id, sequence, org.kap.core.audit.SnapshotSeal.type(type, revision),
                doctoredBytes, Instant.now().toString(), org.kap.core.audit.EngineKey.generate());
        jdbc.update("UPDATE course_snapshot_seal SET payload_sha256 = ?, sealed_at = ?, key_id = ?, signature = ? WHERE course_id = ?",
                stranger.payloadSha256(), stranger.sealedAt(), stranger.keyId(), stranger.signature(), id);
        courseCache.removeAll();
        assertThat(events.readEvents(id).next().getPayload()).as("sealed over the changed bytes with a key the engine does not trust")
                .isInstanceOf(org.kap.core.course.CourseEvent.ClientScreened.class);
        var resealed = org.kap.core.audit.SnapshotSeal.sign(id, sequence, org.kap.core.audit.SnapshotSeal.type(type, revision),
                doctoredBytes, Instant.now().toString(), keys.signing());
        jdbc.update("UPDATE course_snapshot_seal SET payload_sha256 = ?, sealed_at = ?, key_id = ?, signature = ? WHERE course_id = ?",
                resealed.payloadSha256(), resealed.sealedAt(), resealed.keyId(), resealed.signature(), id);
        courseCache.removeAll();
        assertThat(events.readEvents(id).next().getPayload()).as("control: the same bytes sealed with the engine's key are loaded")
                .isInstanceOfSatisfying(TreatmentCourse.class, course -> assertThat(course.state().outcomes()).isEmpty());

        // the revision before, sealed as such (an older engine's snapshot, its seal intact): the revision alone turns it away
        String before = String.valueOf(Integer.parseInt(revision) - 1);
        jdbc.update("UPDATE SnapshotEventEntry SET payloadRevision = ? WHERE aggregateIdentifier = ?", before, id);
        var older = org.kap.core.audit.SnapshotSeal.sign(id, sequence, org.kap.core.audit.SnapshotSeal.type(type, before),
                doctoredBytes, Instant.now().toString(), keys.signing());
        jdbc.update("UPDATE course_snapshot_seal SET payload_type = ?, sealed_at = ?, signature = ? WHERE course_id = ?",
                older.type(), older.sealedAt(), older.signature(), id);
        courseCache.removeAll();
        assertThat(events.readEvents(id).next().getPayload()).as("a snapshot of the revision before is ignored: the course is read "
                + "from its first event").isInstanceOf(org.kap.core.course.CourseEvent.ClientScreened.class);
        Answer after = post("clinician", "/api/v1/courses/" + id + "/outcome-measures",
                Map.of("instrument", "phq9", "score", 9, "at", t.plusSeconds(600).toString()));
        assertThat(after.status()).as(after.raw()).isEqualTo(200);
        assertThat(queries.state(id).outcomes()).extracting(o -> o.score()).containsExactly(11, 12, 13, 9);
    }
}
