package org.kap.api.obligations;

import org.axonframework.config.ProcessingGroup;
import org.kap.api.http.ListTotals;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.kap.core.course.CourseEvent.ObligationCreated;
import org.kap.core.course.CourseEvent.ObligationFulfilled;
import org.kap.core.course.CourseEvent.ObligationOverdue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;

/**
 * Open and overdue obligations across courses, for the work list and the overdue scheduler, with their totals by state
 * (open, fulfilled), moved in the transaction that moves the rows. Each handler changes a row only once however often
 * its event is delivered, and moves a total only when it did.
 */
@Component
@ProcessingGroup("obligations")
class ObligationProjection {

    private final JdbcTemplate jdbc;
    private final ListTotals totals;

    ObligationProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.totals = totals(jdbc);
    }

    /** The obligations' totals by state: {@link #OPEN} and {@link #FULFILLED}. */
    static ListTotals totals(JdbcTemplate jdbc) {
        return new ListTotals(jdbc, "obligation_state_count", "state", "obligations");
    }

    static final String OPEN = "open";
    static final String FULFILLED = "fulfilled";

    @EventHandler
    void on(ObligationCreated e) {
        Integer exists = jdbc.queryForObject("SELECT COUNT(*) FROM obligation WHERE course_id = ? AND obligation_id = ?",
                Integer.class, e.courseId(), e.obligationId());
        if (exists != null && exists == 0) {
            jdbc.update("""
                    INSERT INTO obligation (course_id, obligation_id, kind, rule_id, session_number, adverse_event_id, due, blocks_dosing)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", e.courseId(), e.obligationId(), e.kind().code(), e.ruleId().value(),
                    e.sessionNumber(), e.adverseEventId(), Timestamp.from(e.due()), e.blocksDosingWhenOverdue());
            totals.add(OPEN, 1);
        }
    }

    @EventHandler
    void on(ObligationFulfilled e) {
        int fulfilled = jdbc.update("UPDATE obligation SET fulfilled_at = ? WHERE course_id = ? AND obligation_id = ? AND fulfilled_at IS NULL",
                Timestamp.from(e.entry().clinicalTime()), e.courseId(), e.obligationId());
        if (fulfilled == 1) {
            totals.add(OPEN, -1);
            totals.add(FULFILLED, 1);
        }
    }

    @EventHandler
    void on(ObligationOverdue e) {
        jdbc.update("UPDATE obligation SET marked_overdue_at = ? WHERE course_id = ? AND obligation_id = ?",
                Timestamp.from(e.entry().clinicalTime()), e.courseId(), e.obligationId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM obligation");
        totals.clear();
    }
}
