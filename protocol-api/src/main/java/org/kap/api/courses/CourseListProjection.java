package org.kap.api.courses;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
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
 * the course state as JSON so each event is folded in without rereading the course's history.
 */
@Component
@ProcessingGroup("course-list")
class CourseListProjection {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    CourseListProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(CourseEvent event) throws JsonProcessingException {
        List<String> existing = jdbc.queryForList("SELECT state_json FROM course_summary WHERE course_id = ?", String.class,
                event.courseId());
        CourseState state = existing.isEmpty() ? new CourseState() : json.readValue(existing.get(0), CourseState.class);
        if (state.entries() >= event.entry().number()) {
            return; // already folded in (a redelivery)
        }
        state.apply(event);
        String stateJson = json.writeValueAsString(state);
        if (existing.isEmpty()) {
            jdbc.update("""
                    INSERT INTO course_summary (course_id, client_id, protocol_id, protocol_version, status, sessions,
                                                screened_at, last_act_at, state_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    state.courseId(), state.clientId(), state.protocol().id(), state.protocol().version(), state.status().name(),
                    state.sessions().size(), Timestamp.from(event.entry().clinicalTime()), Timestamp.from(state.latestAct()),
                    stateJson);
        } else {
            jdbc.update("UPDATE course_summary SET status = ?, sessions = ?, last_act_at = ?, state_json = ? WHERE course_id = ?",
                    state.status().name(), state.sessions().size(), Timestamp.from(state.latestAct()), stateJson, event.courseId());
        }
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM course_summary");
    }
}
