package org.kap.api.idempotency;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

/** First answers to keyed commands, in the database so that they survive a restart. */
@Component
class IdempotencyStore {

    /**
     * A stored answer (with the Location of what it created, if any); status 0 while the first request is still
     * being handled, with when it was claimed and the course it was sent to, once known.
     */
    record Answer(String requestSha256, int status, String contentType, String location, byte[] body,
                  java.time.Instant claimedAt, String courseId) {
        boolean inProgress() {
            return status == 0;
        }
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    IdempotencyStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<Answer> find(String principal, String key) {
        return jdbc.query("SELECT request_sha256, status, content_type, location, body, created_at, course_id "
                        + "FROM idempotency_record WHERE principal = ? AND idempotency_key = ?",
                (rs, n) -> new Answer(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getBytes(5),
                        rs.getTimestamp(6).toInstant(), rs.getString(7)), principal, key)
                .stream().findFirst();
    }

    /** Claims the key for a first request; false when another request holds it already. */
    boolean claim(String principal, String key, String method, String path, String requestSha256) {
        try {
            jdbc.update("""
                    INSERT INTO idempotency_record (principal, idempotency_key, method, path, request_sha256, status, created_at)
                    VALUES (?, ?, ?, ?, ?, 0, ?)""", principal, key, method, path, requestSha256, Timestamp.from(clock.instant()));
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    void complete(String principal, String key, int status, String contentType, String location, byte[] body) {
        jdbc.update("UPDATE idempotency_record SET status = ?, content_type = ?, location = ?, body = ? WHERE principal = ? AND idempotency_key = ?",
                status, contentType, location, body, principal, key);
    }

    /** Notes the course a claimed request's command is sent to, before it runs. */
    void noteCourse(String principal, String key, String courseId) {
        jdbc.update("UPDATE idempotency_record SET course_id = ? WHERE principal = ? AND idempotency_key = ? AND status = 0",
                courseId, principal, key);
    }

    /** A request that failed on our side leaves no answer: the client may retry with the same key. */
    void release(String principal, String key) {
        jdbc.update("DELETE FROM idempotency_record WHERE principal = ? AND idempotency_key = ? AND status = 0", principal, key);
    }
}
