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
import org.kap.core.course.CourseEvent;
import org.kap.core.course.CourseState;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.List;

/**
 * The course list: one row per course with its status, kept by a tracking processor. The row holds
 * the course state as JSON so each event is folded in without rereading the course's history. The JSON
 * has the shape of {@link CourseState} at {@link #STATE_REVISION}; a row of another shape (written by an
 * older engine) is rebuilt from the course's events before the next one is folded in, never misread.
 */
@Component
@ProcessingGroup("course-list")
class CourseListProjection {

    /** The shape of the stored course state; raise it with every change to {@link CourseState}'s fields. */
    static final int STATE_REVISION = 4;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final EventStore events;

    CourseListProjection(JdbcTemplate jdbc, ObjectMapper json, EventStore events) {
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
    }

    @EventHandler
    void on(CourseEvent event, @SequenceNumber long sequence) throws JsonProcessingException {
        List<StoredState> stored = jdbc.query("SELECT state_revision, state_json FROM course_summary WHERE course_id = ?",
                (row, n) -> new StoredState(row.getInt(1), row.getString(2)), event.courseId());
        boolean exists = !stored.isEmpty();
        CourseState state;
        if (!exists) {
            state = new CourseState();
        } else if (stored.get(0).revision() == STATE_REVISION) {
            state = json.readValue(stored.get(0).json(), CourseState.class);
        } else {
            state = replayBefore(event.courseId(), sequence);
        }
        if (state.entries() >= event.entry().number()) {
            return; // already folded in (a redelivery)
        }
        state.apply(event);
        String stateJson = json.writeValueAsString(state);
        if (!exists) {
            jdbc.update("""
                    INSERT INTO course_summary (course_id, client_id, protocol_id, protocol_version, status, sessions,
                                                screened_at, last_act_at, state_json, state_revision)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    state.courseId(), state.clientId(), state.protocol().id(), state.protocol().version(), state.status().name(),
                    state.sessions().size(), Timestamp.from(event.entry().clinicalTime()), Timestamp.from(state.latestAct()),
                    stateJson, STATE_REVISION);
        } else {
            jdbc.update("""
                    UPDATE course_summary SET protocol_id = ?, protocol_version = ?, status = ?, sessions = ?, last_act_at = ?,
                                              state_json = ?, state_revision = ?
                    WHERE course_id = ?""",
                    state.protocol().id(), state.protocol().version(), state.status().name(), state.sessions().size(), Timestamp.from(state.latestAct()), stateJson, STATE_REVISION,
                    event.courseId());
        }
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
        jdbc.update("DELETE FROM course_summary");
    }
}
