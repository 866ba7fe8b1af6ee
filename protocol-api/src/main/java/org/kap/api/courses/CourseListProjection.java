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
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.kap.api.http.ListTotals;
import org.kap.core.course.CourseEvent;
import org.kap.core.course.CourseState;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The course list: one row per course with its status, kept by a tracking processor. The events of one batch are folded
 * into each course's state in memory and the row's list columns written once at the batch's end, in its transaction,
 * with the list's totals per status ({@link ListTotals}). A batch reads the rows of all its courses in one query when it
 * begins and writes their list columns as one JDBC batch when it ends: a busy moment's batch holds events of many
 * courses, and a statement per course each way made its round trips to the database grow with them.
 *
 * <p>The row also keeps the course state it folds events into, as JSON of the shape of {@link CourseState} at
 * {@link #STATE_REVISION}, but only as a checkpoint: written when the row is made and then at the end of the first
 * batch that leaves it {@link #CHECKPOINT_EVERY} or more entries behind, not with every batch (it grows with the course;
 * rewriting it was most of the list's cost per command). The next batch folds onto the state this projection wrote
 * last when the row still says it has folded exactly as many entries; otherwise (after a restart, a failed write,
 * another engine's batch) onto the checkpoint and the course's events after it, read from the event store. A row of
 * another shape (written by an older engine) is rebuilt from the course's first event, never misread.
 */
@Component
@ProcessingGroup("course-list")
class CourseListProjection {

    /**
     * The shape and meaning of the stored course state; raise it with every change to {@link CourseState}'s fields. 5:
     * the state is a checkpoint, no longer the row's current state (an engine that took it for current, one of
     * revision 4, finds a row of another revision and rebuilds it from the course's first event, and so does this one
     * with a row such an engine wrote). 6: the state keeps the latest clinical and recording time of all its entries.
     */
    static final int STATE_REVISION = 6;
    /** The stored course state is written again once the course has this many entries more than it holds. */
    static final long CHECKPOINT_EVERY = 100;
    /** No usable stored course state: a new row, or one of another shape. */
    private static final long NO_CHECKPOINT = -1;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final EventStore events;
    private final ListTotals totals;
    /**
     * The state last written per course and the entries its checkpoint holds, so the next batch neither reads the
     * checkpoint nor the events after it when the row still says it has folded exactly the state's entries.
     */
    private final Remembered<Written> written = new Remembered<>(REMEMBERED_ENTRIES,
            w -> STATE_WEIGHT + w.state().entries());
    /**
     * How much the remembered states may weigh together, in entries: a state grows with its course's entries (a few
     * hundred bytes each) from a fixed part (the client's profile, screening, facts: a few kilobytes, weighed as
     * {@link #STATE_WEIGHT} entries), so the courses busy lately are kept by their size, not their number: some tens of
     * megabytes at most.
     */
    static final long REMEMBERED_ENTRIES = 100_000;
    /** What a course state weighs before its entries, in entries. */
    static final long STATE_WEIGHT = 50;
    private static final String BATCH = CourseListProjection.class.getName() + ".batch";

    CourseListProjection(JdbcTemplate jdbc, ObjectMapper json, EventStore events) {
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
        this.totals = totals(jdbc);
    }

    /** The course list's totals per status. */
    static ListTotals totals(JdbcTemplate jdbc) {
        return new ListTotals(jdbc, "course_status_count", "status", "courses");
    }

    @EventHandler
    void on(CourseEvent event, @SequenceNumber long sequence, UnitOfWork<?> unitOfWork) {
        Batch batch = unitOfWork.root().getOrComputeResource(BATCH, key -> {
            Batch begun = new Batch(storedRows(coursesOf(unitOfWork.root())));
            // one write per course per batch, in the batch's transaction, after its last event is folded in
            unitOfWork.root().onPrepareCommit(u -> write(begun));
            return begun;
        });
        Folded folded = batch.folded.computeIfAbsent(event.courseId(), id -> load(id, sequence, event, batch.rows));
        if (folded.state.entries() >= event.entry().number()) {
            return; // already folded in (a redelivery)
        }
        folded.state.apply(event);
        folded.changed = true;
    }

    /** The courses whose events the batch holds, in their order; none when the unit of work is not a batch. */
    private static List<String> coursesOf(UnitOfWork<?> root) {
        if (!(root instanceof BatchingUnitOfWork<?> batch)) {
            return List.of();
        }
        return batch.getMessages().stream().map(message -> message.getPayload())
                .filter(CourseEvent.class::isInstance).map(payload -> ((CourseEvent) payload).courseId()).distinct().toList();
    }

    /** What the rows of these courses say of themselves, read a hundred courses a query; {@link #NO_ROW} for a course with none. */
    private Map<String, StoredRow> storedRows(List<String> courseIds) {
        Map<String, StoredRow> rows = new HashMap<>();
        for (int from = 0; from < courseIds.size(); from += ROWS_A_QUERY) {
            List<String> some = courseIds.subList(from, Math.min(courseIds.size(), from + ROWS_A_QUERY));
            some.forEach(id -> rows.put(id, NO_ROW));
            String marks = String.join(", ", java.util.Collections.nCopies(some.size(), "?"));
            jdbc.query("SELECT course_id, state_revision, entries, status FROM course_summary WHERE course_id IN (" + marks + ")",
                    (org.springframework.jdbc.core.RowCallbackHandler) row -> rows.put(row.getString(1),
                            new StoredRow(row.getInt(2), row.getObject(3, Long.class), row.getString(4))), some.toArray());
        }
        return rows;
    }

    /** What one course's row says of itself, for a course the batch's first read did not cover. */
    private StoredRow storedRow(String courseId) {
        return storedRows(List.of(courseId)).get(courseId);
    }

    /** The course's state before this event: from memory, the row's checkpoint and the events after it, or new. */
    private Folded load(String courseId, long sequence, CourseEvent event, Map<String, StoredRow> rows) {
        StoredRow row = rows.computeIfAbsent(courseId, this::storedRow);
        if (row == NO_ROW) {
            return new Folded(courseId, new CourseState(), null, NO_CHECKPOINT, event.entry().clinicalTime());
        }
        if (row.revision() != STATE_REVISION) {
            return new Folded(courseId, foldAll(new CourseState(), courseId, sequence), row.status(), NO_CHECKPOINT, null);
        }
        // the state this projection wrote last, if the row has folded exactly its entries. Taken out, not read: this batch
        // mutates it, and a batch that fails midway must not leave a half-applied state behind
        Written last = written.take(courseId);
        if (last != null && row.entries() != null && row.entries() == last.state().entries()) {
            return new Folded(courseId, last.state(), row.status(), last.checkpoint(), null);
        }
        CourseState checkpoint = parse(jdbc.queryForObject("SELECT state_json FROM course_summary WHERE course_id = ?",
                String.class, courseId));
        long checkpointEntries = checkpoint.entries();
        return new Folded(courseId, foldOnto(checkpoint, courseId, sequence), row.status(), checkpointEntries, null);
    }

    private CourseState parse(String stateJson) {
        try {
            return json.readValue(stateJson, CourseState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a course_summary row of revision " + STATE_REVISION + " does not read as one", e);
        }
    }

    /**
     * The batch's rows, at its end: a new row or a checkpoint by a statement of its own, every other row's list columns
     * in one JDBC batch, then the totals each status moved by. The states written are remembered only once all of it
     * is sent, and only as candidates: if the batch rolls back, the rows keep their old entries and no longer match.
     */
    private void write(Batch batch) {
        List<Object[]> listColumns = new ArrayList<>();
        Map<String, Long> moved = new LinkedHashMap<>();
        Map<String, Written> candidates = new LinkedHashMap<>();
        for (Folded folded : batch.folded.values()) {
            if (!folded.changed) {
                // only redeliveries: the row is as it was, and the state may be folded onto again if the row still matches it
                candidates.put(folded.courseId, new Written(folded.state, folded.checkpoint));
                continue;
            }
            CourseState state = folded.state;
            boolean checkpoint = folded.checkpoint == NO_CHECKPOINT || state.entries() - folded.checkpoint >= CHECKPOINT_EVERY;
            if (folded.storedStatus == null || checkpoint) {
                writeWithState(folded, json(folded));
            } else {
                listColumns.add(new Object[] {state.protocol().id(), state.protocol().version(), state.status().name(),
                        state.sessions().size(), Timestamp.from(state.latestAct()), state.entries(), folded.courseId});
            }
            String status = state.status().name();
            if (!status.equals(folded.storedStatus)) {
                moved.merge(status, 1L, Long::sum);
                if (folded.storedStatus != null) {
                    moved.merge(folded.storedStatus, -1L, Long::sum);
                }
            }
            candidates.put(folded.courseId, new Written(state, checkpoint ? state.entries() : folded.checkpoint));
        }
        if (!listColumns.isEmpty()) {
            jdbc.batchUpdate("""
                    UPDATE course_summary SET protocol_id = ?, protocol_version = ?, status = ?, sessions = ?, last_act_at = ?,
                                              entries = ?
                    WHERE course_id = ?""", listColumns);
        }
        moved.forEach(totals::add);
        candidates.forEach(written::keep);
    }

    /** A new row, or a row's list columns with a new checkpoint of its course state. */
    private void writeWithState(Folded folded, String stateJson) {
        CourseState state = folded.state;
        if (folded.storedStatus == null) {
            jdbc.update("""
                    INSERT INTO course_summary (course_id, client_id, protocol_id, protocol_version, status, sessions,
                                                screened_at, last_act_at, entries, state_json, state_revision)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    state.courseId(), state.clientId(), state.protocol().id(), state.protocol().version(), state.status().name(),
                    state.sessions().size(), Timestamp.from(folded.screenedAt), Timestamp.from(state.latestAct()),
                    state.entries(), stateJson, STATE_REVISION);
        } else {
            jdbc.update("""
                    UPDATE course_summary SET protocol_id = ?, protocol_version = ?, status = ?, sessions = ?, last_act_at = ?,
                                              entries = ?, state_json = ?, state_revision = ?
                    WHERE course_id = ?""",
                    state.protocol().id(), state.protocol().version(), state.status().name(), state.sessions().size(),
                    Timestamp.from(state.latestAct()), state.entries(), stateJson, STATE_REVISION, folded.courseId);
        }
    }

    private String json(Folded folded) {
        try {
            return json.writeValueAsString(folded.state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the course state of " + folded.courseId + " does not write as JSON", e);
        }
    }

    /** A batch's courses: the rows they had when it began, and their states as it folds them. */
    private static final class Batch {
        final Map<String, StoredRow> rows;
        final Map<String, Folded> folded = new LinkedHashMap<>();

        Batch(Map<String, StoredRow> rows) {
            this.rows = rows;
        }
    }

    /** One course's state being folded in a batch: from its row (or new), applied to, written once at the end. */
    private static final class Folded {
        final String courseId;
        final CourseState state;
        /** The status the row holds (and is counted under), or null when there is no row yet. */
        final String storedStatus;
        /** The entries the row's stored course state holds, or {@link #NO_CHECKPOINT}. */
        final long checkpoint;
        final java.time.Instant screenedAt;
        boolean changed;

        Folded(String courseId, CourseState state, String storedStatus, long checkpoint, java.time.Instant screenedAt) {
            this.courseId = courseId;
            this.state = state;
            this.storedStatus = storedStatus;
            this.checkpoint = checkpoint;
            this.screenedAt = screenedAt;
        }
    }

    /** A state as this projection wrote it, and the entries of the checkpoint its row holds. */
    private record Written(CourseState state, long checkpoint) {
    }

    /**
     * Values by key, least recently used out once their sizes together pass the budget (the newest is always kept).
     * Taking a value removes it.
     */
    static final class Remembered<V> {
        private final long budget;
        private final java.util.function.ToLongFunction<V> size;
        private final LinkedHashMap<String, V> values = new LinkedHashMap<>(256, 0.75f, true);
        private long total;

        Remembered(long budget, java.util.function.ToLongFunction<V> size) {
            this.budget = budget;
            this.size = size;
        }

        synchronized V take(String key) {
            V taken = values.remove(key);
            if (taken != null) {
                total -= size.applyAsLong(taken);
            }
            return taken;
        }

        synchronized void keep(String key, V value) {
            take(key);
            values.put(key, value);
            total += size.applyAsLong(value);
            var eldest = values.values().iterator();
            while (total > budget && values.size() > 1) {
                total -= size.applyAsLong(eldest.next());
                eldest.remove();
            }
        }

        synchronized java.util.Set<String> keys() {
            return java.util.Set.copyOf(values.keySet());
        }

        synchronized void clear() {
            values.clear();
            total = 0;
        }
    }

    /** What a row says of itself: its stored state's shape, the entries its columns have folded (null before V22), its status. */
    private record StoredRow(int revision, Long entries, String status) {
    }

    /** A course the batch read and found no row for (compared by identity). */
    private static final StoredRow NO_ROW = new StoredRow(-1, null, null);
    /** Courses whose rows one query reads: a batch holds a hundred events at most (application.yml), a query's list stays short. */
    private static final int ROWS_A_QUERY = 100;

    /**
     * The course's events after the state's entries and before this sequence, from the event store (no snapshot: exactly
     * the log), folded onto the state. Entries are numbered from 1 with the course's events, so a state of {@code n}
     * entries is followed by the event at sequence {@code n}. Should the log ever number them otherwise (the first event
     * read is not the state's next entry, so an earlier one may sit at a later sequence), the course is folded from its
     * first event instead: every event the log holds, in its order.
     */
    private CourseState foldOnto(CourseState state, String courseId, long sequence) {
        DomainEventStream stream = events.readEvents(courseId, state.entries());
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (message.getSequenceNumber() >= sequence) {
                break;
            }
            if (message.getPayload() instanceof CourseEvent later && later.entry().number() > state.entries()) {
                if (later.entry().number() != state.entries() + 1) {
                    return foldAll(new CourseState(), courseId, sequence);
                }
                state.apply(later);
            }
        }
        return state;
    }

    /** Every event of the course before this sequence, folded from the first. */
    private CourseState foldAll(CourseState state, String courseId, long sequence) {
        DomainEventStream stream = events.readEvents(courseId, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (message.getSequenceNumber() >= sequence) {
                break;
            }
            if (message.getPayload() instanceof CourseEvent event) {
                state.apply(event);
            }
        }
        return state;
    }

    @ResetHandler
    void reset() {
        written.clear();
        jdbc.update("DELETE FROM course_summary");
        totals.clear();
    }
}
