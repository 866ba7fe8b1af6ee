package org.kap.api.audit;

import org.kap.core.audit.ChainHasher;
import org.kap.core.audit.Checkpoint;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Each course's signed chain head, one row per course, rewritten in the transaction that stores the course's
 * new events (so a command's events and their signed head commit or roll back together), and only ever onto the
 * head it signed before.
 */
@Component
public class Checkpoints {

    /** A course's events and signed head as one committed state (either may be missing). */
    public record CourseRecord(List<ChainHasher.StoredEvent> events, Optional<Checkpoint> checkpoint) {
    }

    private static final String COLUMNS = "course_id, event_count, head_hash, signed_at, key_id, signature";
    private static final RowMapper<Checkpoint> ROW = (rs, n) -> new Checkpoint(rs.getString(1), rs.getLong(2), rs.getString(3),
            rs.getString(4), rs.getString(5), rs.getString(6));

    private final JdbcTemplate jdbc;
    private final EngineKeys keys;
    private final Clock clock;
    private final StoredEvents stored;
    /**
     * The heads this engine signed, as it wrote them, by course. A stored head equal to one of them field for field,
     * signature included, is a signature this engine made over exactly that content, so it is known to verify and its
     * Ed25519 check is skipped (60-75 us since signatures use Bouncy Castle; a millisecond with the runtime's own, a
     * quarter of a command's CPU then: docs/benchmarks.md); any other head, changed in the
     * database, written by another engine or forgotten here, is verified in full. A head whose transaction rolled back
     * is never equal to the stored one, so remembering it is harmless.
     */
    private final Map<String, Checkpoint> signedHere = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Checkpoint> eldest) {
            return size() > SIGNED_HEADS_REMEMBERED;
        }
    });
    private static final int SIGNED_HEADS_REMEMBERED = 10_000;

    public Checkpoints(JdbcTemplate jdbc, EngineKeys keys, Clock clock, StoredEvents stored) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.clock = clock;
        this.stored = stored;
    }

    /**
     * Signs {@code courseId}'s new head ({@code eventCount} events, the last hashed {@code headHash}) after
     * checking that the events from {@code firstNewSequence} extend the head signed before (chained onto
     * {@code previousHead}); a course with no signed head may only be begun. Holds the course's row until the
     * transaction ends.
     *
     * @throws CourseIntegrityException when the stored record is not the one signed
     */
    public Checkpoint extend(String courseId, long firstNewSequence, String previousHead, long eventCount, String headHash) {
        Checkpoint remembered = signedHere.get(courseId);
        if (remembered != null && trusted(remembered.keyId()) && remembered.continuityProblem(firstNewSequence, previousHead).isEmpty()) {
            Checkpoint checkpoint = Checkpoint.sign(courseId, eventCount, headHash, clock.instant().toString(), keys.signing());
            if (replaceIfStored(remembered, checkpoint)) {
                signedHere.put(courseId, checkpoint);
                return checkpoint;
            }
        }
        return extendStored(courseId, firstNewSequence, previousHead, eventCount, headHash);
    }

    /**
     * Writes {@code next} over the stored head only when the stored head is {@code remembered} field for field, signature
     * included (a head signed here, onto which the new events were checked to chain), in one statement that also holds
     * the course's row until the transaction ends; false, and nothing written, when the stored head is any other (edited,
     * written by another engine, or a head of a transaction that rolled back). The common case in one statement H2 keeps
     * parsed: H2 parses a {@code SELECT ... FOR UPDATE} afresh at every use, 3% of the engine's time under load
     * (docs/benchmarks.md).
     */
    private boolean replaceIfStored(Checkpoint remembered, Checkpoint next) {
        return jdbc.update("UPDATE course_checkpoint SET event_count = ?, head_hash = ?, signed_at = ?, key_id = ?, signature = ? "
                        + "WHERE course_id = ? AND event_count = ? AND head_hash = ? AND signed_at = ? AND key_id = ? AND signature = ?",
                next.eventCount(), next.headHash(), next.signedAt(), next.keyId(), next.signature(), remembered.courseId(),
                remembered.eventCount(), remembered.headHash(), remembered.signedAt(), remembered.keyId(), remembered.signature()) == 1;
    }

    /** {@link #extend} from the stored head, read and locked, and verified in full unless it is the one signed here. */
    private Checkpoint extendStored(String courseId, long firstNewSequence, String previousHead, long eventCount, String headHash) {
        Optional<Checkpoint> current = jdbc.query("SELECT " + COLUMNS + " FROM course_checkpoint WHERE course_id = ? FOR UPDATE", ROW,
                courseId).stream().findFirst();
        if (current.isEmpty()) {
            if (firstNewSequence != 0) {
                throw new CourseIntegrityException(courseId, "it has " + firstNewSequence + " stored events but no signed head");
            }
            return signFirst(courseId, eventCount, headHash);
        }
        Checkpoint head = current.get();
        Optional<String> problem = head.equals(signedHere.get(courseId)) && trusted(head.keyId())
                ? head.continuityProblem(firstNewSequence, previousHead)
                : head.problemExtending(firstNewSequence, previousHead, keys.trusted());
        problem.ifPresent(p -> {
            throw new CourseIntegrityException(courseId, p);
        });
        Checkpoint checkpoint = Checkpoint.sign(courseId, eventCount, headHash, clock.instant().toString(), keys.signing());
        signedHere.put(courseId, checkpoint);
        jdbc.update("UPDATE course_checkpoint SET event_count = ?, head_hash = ?, signed_at = ?, key_id = ?, signature = ? "
                        + "WHERE course_id = ?", checkpoint.eventCount(), checkpoint.headHash(), checkpoint.signedAt(), checkpoint.keyId(),
                checkpoint.signature(), courseId);
        return checkpoint;
    }

    /** Signs a course that has no head yet; a DuplicateKeyException when one was stored meanwhile. */
    Checkpoint signFirst(String courseId, long eventCount, String headHash) {
        Checkpoint checkpoint = Checkpoint.sign(courseId, eventCount, headHash, clock.instant().toString(), keys.signing());
        jdbc.update("INSERT INTO course_checkpoint (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)", courseId, checkpoint.eventCount(),
                checkpoint.headHash(), checkpoint.signedAt(), checkpoint.keyId(), checkpoint.signature());
        signedHere.put(courseId, checkpoint);
        return checkpoint;
    }

    /** A key that signed a head here may since have been withdrawn from the trusted set: then the head is checked. */
    private boolean trusted(String keyId) {
        return keys.trusted().stream().anyMatch(k -> k.id().equals(keyId));
    }

    public Optional<Checkpoint> of(String courseId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM course_checkpoint WHERE course_id = ?", ROW, courseId).stream().findFirst();
    }

    /**
     * The course's events and signed head as of one commit: the head is read before and after the events, and
     * the reading repeated while a command committed in between (which changes both together), so a busy
     * course is never mistaken for a tampered one.
     */
    public CourseRecord read(String courseId) {
        return read(courseId, 0);
    }

    /** As {@link #read(String)}, the events from sequence {@code first} on. */
    public CourseRecord read(String courseId, long first) {
        for (int attempt = 0; ; attempt++) {
            Optional<Checkpoint> before = of(courseId);
            List<ChainHasher.StoredEvent> events = stored.from(courseId, first);
            Optional<Checkpoint> after = of(courseId);
            if (Objects.equals(before, after) || attempt == 9) {
                return new CourseRecord(events, after);
            }
        }
    }
}
