package org.kap.api.courses;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.kap.core.course.CourseEvent;
import org.kap.core.course.CourseState;
import org.kap.core.course.CourseStatus;
import org.kap.core.course.InvalidCommandException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads courses. A single course is rebuilt from its events (always current, deterministic): as the engine loads it,
 * from its newest snapshot and the events after it, or for an audit from its first event; the list comes from the
 * course-list read model.
 */
@Service
public class CourseQueries {

    private final EventStore events;
    private final JdbcTemplate jdbc;
    private final org.kap.core.protocol.ProtocolCatalog catalog;
    private final org.springframework.beans.factory.ObjectProvider<org.axonframework.eventsourcing.Snapshotter> snapshotter;
    private final int snapshotThreshold;
    private final org.kap.api.http.ListTotals totals;
    private final CurrentViews views;

    public CourseQueries(EventStore events, JdbcTemplate jdbc, org.kap.core.protocol.ProtocolCatalog catalog,
                         org.springframework.beans.factory.ObjectProvider<org.axonframework.eventsourcing.Snapshotter> snapshotter,
                         org.kap.api.KapProperties properties, org.kap.api.audit.StoredEvents stored) {
        this.events = events;
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.snapshotter = snapshotter;
        this.snapshotThreshold = properties.snapshotThreshold();
        this.totals = CourseListProjection.totals(jdbc);
        this.views = new CurrentViews(stored, properties.cachedCourses(), properties.cachedFoldEntries());
    }

    /**
     * The course now, as the API shows it: the view kept from its last read while its record has not moved
     * (CurrentViews), else folded as the engine loads it ({@link #current}) and kept.
     */
    public CourseView course(String courseId) {
        Optional<CourseView> kept = views.stillCurrent(courseId, this::protocolOf);
        if (kept.isPresent()) {
            return kept.get();
        }
        Folded folded = foldedNow(courseId);
        Optional<org.kap.core.protocol.Protocol> protocol = protocolOf(folded.state().protocol());
        CourseView view = CourseView.of(folded.state(), protocol);
        views.keep(courseId, folded.lastSequence(), folded.state().protocol(), protocol, view, folded.state());
        return view;
    }

    /**
     * What {@code reading} answers of the course as it stands now: the fold kept from its last read, folded on through
     * the events stored since (else folded as the engine loads it, {@link #current}), and kept again for the next read.
     * So a read that needs the whole course's answers (a history page's links between entries) reads the events since
     * the last read, not the course's snapshot, whose outcome scores grow with the course. The state is the reading's
     * until it returns: it must not keep it.
     */
    public <T> T reading(String courseId, java.util.function.Function<CourseState, T> reading) {
        Folded folded = foldedNow(courseId);
        T answer = reading.apply(folded.state());
        views.keepFold(courseId, folded.lastSequence(), folded.state());
        return answer;
    }

    /** The course now, from the fold kept from its last read when its row is still stored as it was, else folded. */
    private Folded foldedNow(String courseId) {
        return views.take(courseId).flatMap(fold -> foldOn(courseId, fold)).orElseGet(() -> fold(courseId));
    }

    /**
     * The course on both clocks ({@code CourseHistory#asOf}) when the view kept from its last read answers it: the course
     * has not moved since and every entry in it happened by {@code clinical} and was recorded by {@code recorded}, so
     * every entry is chosen and the course on both clocks is the course now. Empty otherwise, and always without a
     * clinical bound: the record by recording time alone is folded from the first event, leaning on no fold kept.
     */
    public Optional<CourseView> keptWholeBy(String courseId, java.time.Instant clinical, java.time.Instant recorded) {
        return clinical == null ? Optional.empty() : views.stillCurrentWholeBy(courseId, clinical, recorded, this::protocolOf);
    }

    /**
     * A fold kept from the course's last read, folded on through the events stored after it, one by one in sequence;
     * empty when they are not (a gap, or one that does not read), and the course is then folded as the engine loads it.
     */
    private Optional<Folded> foldOn(String courseId, CurrentViews.Fold fold) {
        CourseState state = fold.state();
        long last = fold.head().sequence();
        try {
            DomainEventStream stream = events.readEvents(courseId, last + 1);
            while (stream.hasNext()) {
                DomainEventMessage<?> message = stream.next();
                if (message.getSequenceNumber() != last + 1) {
                    return Optional.empty();
                }
                last = message.getSequenceNumber();
                if (message.getPayload() instanceof CourseEvent event) {
                    state.apply(event);
                }
            }
        } catch (RuntimeException unreadOrUnfolded) {
            // the state may be half folded on: it is let go, and the whole fold meets (and answers) the same failure
            return Optional.empty();
        }
        return Optional.of(new Folded(state, last));
    }

    /**
     * The course as the API shows it, its client's codes matched against its protocol's value sets. Reading a course
     * never depends on its protocol loading: when it cannot be (a version refused at load), the codes are listed with
     * no value sets matched, and the failure is the protocol's own answer.
     */
    public CourseView view(CourseState state) {
        return CourseView.of(state, protocolOf(state));
    }

    /** The course's protocol version, or empty when it cannot be loaded (refused at load): a read goes on without it. */
    public java.util.Optional<org.kap.core.protocol.Protocol> protocolOf(CourseState state) {
        return protocolOf(state.protocol());
    }

    private java.util.Optional<org.kap.core.protocol.Protocol> protocolOf(org.kap.core.rule.ProtocolRef protocol) {
        try {
            return java.util.Optional.of(catalog.require(protocol));
        } catch (org.kap.api.protocols.ProtocolIntegrityException | org.kap.api.protocols.ProtocolMeaningChanged
                 | org.kap.core.protocol.UnknownProtocolException cannotLoad) {
            return java.util.Optional.empty();
        }
    }

    /**
     * The course as the engine decides on it now: its newest snapshot of today's shape (the same fold of the same
     * events, which the engine keeps every {@code kap.snapshot-threshold} events and loads to decide), then every event
     * after it. A course with no snapshot of today's shape (a short one, or one whose snapshots an older engine wrote)
     * is folded from its first event, and when that is more than the threshold a snapshot is taken, so the next read
     * is short. A snapshot that cannot be read, or that is not the one the engine sealed (docs/audit.md, "Sealed
     * snapshots"), is passed over: the course is folded from its first event.
     */
    public CourseState current(String courseId) {
        return fold(courseId).state();
    }

    /** A course folded, and the sequence of the last stored event folded into it. */
    private record Folded(CourseState state, long lastSequence) {
    }

    private Folded fold(String courseId) {
        CourseState state = null;
        long last = -1;
        int folded = 0;
        try {
            DomainEventStream stream = events.readEvents(courseId);
            while (stream.hasNext()) {
                DomainEventMessage<?> message = stream.next();
                last = message.getSequenceNumber();
                if (message.getPayload() instanceof org.kap.core.course.TreatmentCourse snapshot) {
                    state = snapshot.state();
                } else if (message.getPayload() instanceof CourseEvent event) {
                    state = state == null ? new CourseState() : state;
                    state.apply(event);
                    folded++;
                }
            }
        } catch (org.axonframework.serialization.SerializationException unreadableSnapshot) {
            return foldWhole(courseId);
        }
        if (state == null || !state.started()) {
            throw new CourseNotFound(courseId);
        }
        if (folded > snapshotThreshold) {
            snapshotter.ifAvailable(s -> s.scheduleSnapshot(org.kap.core.course.TreatmentCourse.class, courseId));
        }
        return new Folded(state, last);
    }

    /** The course folded from its first event: no snapshot, so it is exactly what the log says. */
    public CourseState state(String courseId) {
        return foldWhole(courseId).state();
    }

    private Folded foldWhole(String courseId) {
        CourseState state = new CourseState();
        long last = -1;
        DomainEventStream stream = events.readEvents(courseId, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            last = message.getSequenceNumber();
            if (message.getPayload() instanceof CourseEvent event) {
                state.apply(event);
            }
        }
        if (!state.started()) {
            throw new CourseNotFound(courseId);
        }
        return new Folded(state, last);
    }

    public CoursePage courses(String status, int page, int size) {
        return courses(status, page, size, null);
    }

    /**
     * A page of the course list, newest screening first: the {@code page}th of {@code size} rows, or with {@code after}
     * (the {@code next} of the page before) the rows after that one, read from the index at that point, so a page costs
     * the same at any depth.
     */
    public CoursePage courses(String status, int page, int size, String after) {
        if (page < 0) {
            throw new InvalidCommandException("page", "from 0");
        }
        if (size < 1 || size > 200) {
            throw new InvalidCommandException("size", "1 to 200");
        }
        if (after != null && page != 0) {
            throw new InvalidCommandException("after", "give a page number or the cursor of the page before, not both");
        }
        String where = "";
        List<Object> args = new java.util.ArrayList<>();
        if (status != null && !status.isBlank()) {
            String wanted = status.trim().toUpperCase(Locale.ROOT);
            if (Arrays.stream(CourseStatus.values()).noneMatch(s -> s.name().equals(wanted))) {
                throw new InvalidCommandException("status", "unknown status '" + status + "'; one of "
                        + Arrays.stream(CourseStatus.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList());
            }
            where = " WHERE status = ?";
            args.add(wanted);
        }
        // the read model's count per status, not a count of its rows (which PostgreSQL makes by reading them all)
        long total = args.isEmpty() ? totals.all() : totals.of((String) args.get(0));
        String from = "";
        if (after != null) {
            org.kap.api.http.PageCursor cursor = org.kap.api.http.PageCursor.parse(after, 1);
            java.sql.Timestamp at = java.sql.Timestamp.from(cursor.at());
            // the first bound lets the index start at the cursor; the second breaks ties of one screening time by id
            from = (where.isEmpty() ? " WHERE" : " AND") + " screened_at <= ? AND (screened_at < ? OR course_id > ?)";
            args.addAll(List.of(at, at, cursor.ids().get(0)));
        }
        // the list's columns only (never the course state each row keeps for its projection), in an index's order; one row
        // more than the page, to know whether a next page exists
        List<CoursePage.Summary> rows = jdbc.query("SELECT course_id, client_id, protocol_id, protocol_version, status, sessions, "
                        + "screened_at, last_act_at FROM course_summary" + where + from
                        + " ORDER BY screened_at DESC, course_id LIMIT " + (size + 1) + (after == null ? " OFFSET " + ((long) page * size) : ""),
                (rs, n) -> new CoursePage.Summary(rs.getString("course_id"), rs.getString("client_id"),
                        rs.getString("protocol_id"), rs.getInt("protocol_version"),
                        rs.getString("status").toLowerCase(Locale.ROOT), rs.getInt("sessions"),
                        rs.getTimestamp("screened_at").toInstant(), rs.getTimestamp("last_act_at").toInstant()), args.toArray());
        var paged = org.kap.api.http.PageCursor.page(rows, size, last -> org.kap.api.http.PageCursor.of(last.screenedAt(), last.courseId()));
        return new CoursePage(paged.rows(), page, size, total, paged.next());
    }
}
