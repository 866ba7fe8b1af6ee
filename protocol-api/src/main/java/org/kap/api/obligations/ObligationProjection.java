package org.kap.api.obligations;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.kap.core.course.CourseEvent.ObligationCreated;
import org.kap.core.course.CourseEvent.ObligationFulfilled;
import org.kap.core.course.CourseEvent.ObligationOverdue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;

/** Open and overdue obligations across courses, for the work list and the overdue scheduler. */
@Component
@ProcessingGroup("obligations")
class ObligationProjection {

    private final JdbcTemplate jdbc;

    ObligationProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ObligationCreated e) {
        Integer exists = jdbc.queryForObject("SELECT COUNT(*) FROM obligation WHERE course_id = ? AND obligation_id = ?",
                Integer.class, e.courseId(), e.obligationId());
        if (exists != null && exists == 0) {
            jdbc.update("""
                    INSERT INTO obligation (course_id, obligation_id, kind, rule_id, session_number, adverse_event_id, due, blocks_dosing)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", e.courseId(), e.obligationId(), e.kind().code(), e.ruleId().value(),
                    e.sessionNumber(), e.adverseEventId(), Timestamp.from(e.due()), e.blocksDosingWhenOverdue());
        }
    }

    @EventHandler
    void on(ObligationFulfilled e) {
        jdbc.update("UPDATE obligation SET fulfilled_at = ? WHERE course_id = ? AND obligation_id = ?",
                Timestamp.from(e.entry().clinicalTime()), e.courseId(), e.obligationId());
    }

    @EventHandler
    void on(ObligationOverdue e) {
        jdbc.update("UPDATE obligation SET marked_overdue_at = ? WHERE course_id = ? AND obligation_id = ?",
                Timestamp.from(e.entry().clinicalTime()), e.courseId(), e.obligationId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM obligation");
    }
}
