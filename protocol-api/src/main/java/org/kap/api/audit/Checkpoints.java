package org.kap.api.audit;

import org.kap.core.audit.Checkpoint;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Optional;

/**
 * Each course's signed chain head, one row per course, rewritten in the transaction that stores the course's
 * new events (so a command's events and their signed head commit or roll back together).
 */
@Component
public class Checkpoints {

    private final JdbcTemplate jdbc;
    private final EngineKeys keys;
    private final Clock clock;

    public Checkpoints(JdbcTemplate jdbc, EngineKeys keys, Clock clock) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.clock = clock;
    }

    /** Signs and stores {@code courseId}'s head: {@code eventCount} events, the last one hashed {@code headHash}. */
    public Checkpoint sign(String courseId, long eventCount, String headHash) {
        Checkpoint checkpoint = Checkpoint.sign(courseId, eventCount, headHash, clock.instant().toString(), keys.signing());
        int updated = jdbc.update("UPDATE course_checkpoint SET event_count = ?, head_hash = ?, signed_at = ?, key_id = ?, signature = ? "
                        + "WHERE course_id = ?", checkpoint.eventCount(), checkpoint.headHash(), checkpoint.signedAt(), checkpoint.keyId(),
                checkpoint.signature(), courseId);
        if (updated == 0) {
            // the course's first events: two engines racing on them collide on the event store's key first
            return signFirst(courseId, eventCount, headHash);
        }
        return checkpoint;
    }

    /** Signs a course that has no head yet; a DuplicateKeyException when one was stored meanwhile. */
    Checkpoint signFirst(String courseId, long eventCount, String headHash) {
        Checkpoint checkpoint = Checkpoint.sign(courseId, eventCount, headHash, clock.instant().toString(), keys.signing());
        jdbc.update("INSERT INTO course_checkpoint (course_id, event_count, head_hash, signed_at, key_id, signature) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", courseId, checkpoint.eventCount(), checkpoint.headHash(), checkpoint.signedAt(),
                checkpoint.keyId(), checkpoint.signature());
        return checkpoint;
    }

    public Optional<Checkpoint> of(String courseId) {
        return jdbc.query("SELECT course_id, event_count, head_hash, signed_at, key_id, signature FROM course_checkpoint WHERE course_id = ?",
                (rs, n) -> new Checkpoint(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6)), courseId).stream().findFirst();
    }
}
