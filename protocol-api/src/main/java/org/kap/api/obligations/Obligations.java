package org.kap.api.obligations;

import org.kap.core.course.InvalidCommandException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

/** Queries over the obligation read model. */
@Service
public class Obligations {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final org.kap.api.http.ListTotals totals;

    public Obligations(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.totals = ObligationProjection.totals(jdbc);
    }

    /**
     * A page of obligations, {@code open} (unfulfilled), {@code overdue} (unfulfilled past the deadline) or {@code all}, by
     * deadline (then course and obligation id): the first {@code size}, or with {@code after} (the
     * {@code next} of the page before) the ones after that one, read from an index at that point, so a page costs the
     * same at any depth and any number of obligations stored.
     */
    public ObligationPage page(String status, String courseId, int size, String after) {
        String which = status == null ? "open" : status;
        if (size < 1) {
            throw new InvalidCommandException("size", "at least 1");
        }
        Timestamp now = Timestamp.from(clock.instant());
        String condition = switch (which) {
            case "open" -> "fulfilled_at IS NULL";
            case "overdue" -> "fulfilled_at IS NULL AND due < ?";
            case "all" -> "1 = 1";
            default -> throw new InvalidCommandException("status", "one of open, overdue, all; got '" + which + "'");
        };
        List<Object> args = new java.util.ArrayList<>();
        if ("overdue".equals(which)) {
            args.add(now);
        }
        if (courseId != null) {
            condition += " AND course_id = ?";
            args.add(courseId);
        }
        long total = total(which, courseId, condition, args);
        if (after != null) {
            org.kap.api.http.PageCursor cursor = org.kap.api.http.PageCursor.parse(after, 2);
            Timestamp due = Timestamp.from(cursor.at());
            // the first bound lets the index start at the cursor; the rest breaks ties of one deadline by course and id
            condition += " AND due >= ? AND (due > ? OR course_id > ? OR (course_id = ? AND obligation_id > ?))";
            args.addAll(List.of(due, due, cursor.ids().get(0), cursor.ids().get(0), cursor.ids().get(1)));
        }
        List<ObligationView> rows = jdbc.query("SELECT * FROM obligation WHERE " + condition
                + " ORDER BY due, course_id, obligation_id LIMIT " + ((long) size + 1), row(now), args.toArray());
        var paged = org.kap.api.http.PageCursor.page(rows, size,
                last -> org.kap.api.http.PageCursor.of(last.due(), last.courseId(), last.obligationId()));
        return new ObligationPage(paged.rows(), size, total, paged.next());
    }

    private static RowMapper<ObligationView> row(Timestamp now) {
        return (rs, n) -> {
            Timestamp fulfilled = rs.getTimestamp("fulfilled_at");
            Timestamp marked = rs.getTimestamp("marked_overdue_at");
            Timestamp due = rs.getTimestamp("due");
            return new ObligationView(rs.getString("course_id"), rs.getString("obligation_id"), rs.getString("kind"),
                    rs.getString("rule_id"), (Integer) rs.getObject("session_number", Integer.class), rs.getString("adverse_event_id"),
                    due.toInstant(), rs.getBoolean("blocks_dosing"), fulfilled == null ? null : fulfilled.toInstant(),
                    marked == null ? null : marked.toInstant(), fulfilled == null && due.before(now));
        };
    }

    /** The first {@code limit} open obligations by deadline (the overdue ones first), read in an index's order. */
    public List<ObligationView> firstOpen(int limit) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.query("SELECT * FROM obligation WHERE fulfilled_at IS NULL ORDER BY due, course_id, obligation_id LIMIT ?",
                row(now), limit);
    }

    /**
     * How many obligations a page's list holds. Open and all are the read model's totals, not a count of its rows (which
     * PostgreSQL makes by reading them all); the overdue ones change with the clock, so they are counted, over the
     * open obligations' deadline index as far as now; one course's, over its own rows.
     */
    private long total(String which, String courseId, String condition, List<Object> args) {
        if (courseId == null && !"overdue".equals(which)) {
            return "open".equals(which) ? totals.of(ObligationProjection.OPEN) : totals.all();
        }
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM obligation WHERE " + condition, Long.class, args.toArray());
        return count == null ? 0 : count;
    }

    /** How many obligations are open. */
    public long openCount() {
        return totals.of(ObligationProjection.OPEN);
    }

    /** Open obligations past their deadline that the scheduler has not yet marked. */
    List<ObligationView> newlyOverdue() {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.query("SELECT * FROM obligation WHERE fulfilled_at IS NULL AND due < ? AND marked_overdue_at IS NULL "
                + "ORDER BY due, course_id, obligation_id", row(now), now);
    }
}
