package org.kap.api.courses;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.kap.core.course.CourseEvent;
import org.kap.core.course.CourseState;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The course list: one row per course with its status, kept by a tracking processor. The row holds
 * the course state as JSON so each event is folded in without rereading the course's history. The JSON
 * has the shape of {@link CourseState} at {@link #STATE_REVISION}; a row of another shape (written by an
 * older engine) is rebuilt from the course's events before the next one is folded in, never misread. The events of one
 * batch are folded into each course's state in memory and the row written once at the batch's end, in its transaction.
 */
@Component
@ProcessingGroup("course-list")
class CourseListProjection {

    /** The shape of the stored course state; raise it with every change to {@link CourseState}'s fields. */
    static final int STATE_REVISION = 4;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final EventStore events;
    /**
     * The last state written per course, kept so the next batch need not parse the row's JSON (which grows with the
     * course) when the row still holds exactly what was written; only ever trusted on an exact match. Bounded to the
     * courses busy lately: a long course's state runs to hundreds of kilobytes.
     */
    private final Map<String, Written> written = java.util.Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Written> eldest) {
            return size() > 256;
        }
    });
    private static final String BATCH = CourseListProjection.class.getName() + ".batch";

    CourseListProjection(JdbcTemplate jdbc, ObjectMapper json, EventStore events) {
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
    }

    @EventHandler
    void on(CourseEvent event, @SequenceNumber long sequence, UnitOfWork<?> unitOfWork) {
        Map<String, Folded> batch = unitOfWork.root().getOrComputeResource(BATCH, key -> {
            Map<String, Folded> folded = new LinkedHashMap<>();
            // one write per course per batch, in the batch's transaction, after its last event is folded in
            unitOfWork.root().onPrepareCommit(u -> folded.values().forEach(this::write));
            return folded;
        });
        Folded folded = batch.computeIfAbsent(event.courseId(), id -> load(id, sequence, event));
        if (folded.state.entries() >= event.entry().number()) {
            return; // already folded in (a redelivery)
        }
        folded.state.apply(event);
        folded.changed = true;
    }

    /** The course's row as stored, or a new one; a row of another shape is rebuilt from the log before this event. */
    private Folded load(String courseId, long sequence, CourseEvent event) {
        List<StoredState> stored = jdbc.query("SELECT state_revision, state_json FROM course_summary WHERE course_id = ?",
                (row, n) -> new StoredState(row.getInt(1), row.getString(2)), courseId);
        if (stored.isEmpty()) {
            return new Folded(courseId, new CourseState(), false, event.entry().clinicalTime());
        }
        if (stored.get(0).revision() != STATE_REVISION) {
            return new Folded(courseId, replayBefore(courseId, sequence), true, null);
        }
        String json = stored.get(0).json();
        // the state this projection wrote last, if the row still holds exactly it: no need to parse the JSON again. Taken
        // out, not read: this batch mutates it, and a batch that fails midway must not leave a half-applied state behind
        Written last = written.remove(courseId);
        CourseState state = last != null && last.json().equals(json) ? last.state() : parse(json);
        return new Folded(courseId, state, true, null);
    }

    private CourseState parse(String stateJson) {
        try {
            return json.readValue(stateJson, CourseState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a course_summary row of revision " + STATE_REVISION + " does not read as one", e);
        }
    }

    private void write(Folded folded) {
        if (!folded.changed) {
            return;
        }
        CourseState state = folded.state;
        String stateJson;
        try {
            stateJson = json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the course state of " + folded.courseId + " does not write as JSON", e);
        }
        if (!folded.exists) {
            jdbc.update("""
                    INSERT INTO course_summary (course_id, client_id, protocol_id, protocol_version, status, sessions,
                                                screened_at, last_act_at, state_json, state_revision)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    state.courseId(), state.clientId(), state.protocol().id(), state.protocol().version(), state.status().name(),
                    state.sessions().size(), Timestamp.from(folded.screenedAt), Timestamp.from(state.latestAct()),
                    stateJson, STATE_REVISION);
        } else {
            jdbc.update("""
                    UPDATE course_summary SET protocol_id = ?, protocol_version = ?, status = ?, sessions = ?, last_act_at = ?,
                                              state_json = ?, state_revision = ?
                    WHERE course_id = ?""",
                    state.protocol().id(), state.protocol().version(), state.status().name(), state.sessions().size(), Timestamp.from(state.latestAct()), stateJson, STATE_REVISION,
                    folded.courseId);
        }
        // remembered only as a candidate: if the batch rolls back, the row keeps its old JSON and no longer matches
        written.put(folded.courseId, new Written(stateJson, state));
    }

    /** One course's state being folded in a batch: from its row (or new), applied to, written once at the end. */
    private static final class Folded {
        final String courseId;
        final CourseState state;
        final boolean exists;
        final java.time.Instant screenedAt;
        boolean changed;

        Folded(String courseId, CourseState state, boolean exists, java.time.Instant screenedAt) {
            this.courseId = courseId;
            this.state = state;
            this.exists = exists;
            this.screenedAt = screenedAt;
        }
    }

    /** A state as this projection wrote it, and the JSON it wrote. */
    private record Written(String json, CourseState state) {
    }

    /** A row's course state and the shape it was written in. */
    private record StoredState(int revision, String json) {
    }

    /** The course folded from its first event up to, not including, this sequence: no snapshot, exactly the log. */
    private CourseState replayBefore(String courseId, long sequence) {
        CourseState state = new CourseState();
        DomainEventStream stream = events.readEvents(courseId, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (message.getSequenceNumber() >= sequence) {
                break;
            }
            if (message.getPayload() instanceof CourseEvent earlier) {
                state.apply(earlier);
            }
        }
        return state;
    }

    @ResetHandler
    void reset() {
        written.clear();
        jdbc.update("DELETE FROM course_summary");
    }
}
