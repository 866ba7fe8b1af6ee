package org.kap.api.idempotency;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * First answers to keyed commands, in the database so that they survive a restart. A request holds the key
 * by a claim with an id of its own; answering, releasing and taking over a claim name that id, so a request
 * whose claim was taken over can no longer write or delete what the newer one holds. Claim times are the
 * database's, so engines whose clocks differ agree on how old a claim is.
 */
@Component
class IdempotencyStore {

    /**
     * A stored answer (with the Location of what it created, if any); status 0 while the first request is still
     * being handled, with its claim's id, when it was claimed and the course it was sent to, once known.
     */
    record Answer(String requestSha256, int status, String contentType, String location, byte[] body,
                  Instant claimedAt, String courseId, String claimId) {
        boolean inProgress() {
            return status == 0;
        }
    }

    private final JdbcTemplate jdbc;

    IdempotencyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Answer> find(String principal, String key) {
        return jdbc.query("SELECT request_sha256, status, content_type, location, body, created_at, course_id, claim_id "
                        + "FROM idempotency_record WHERE principal = ? AND idempotency_key = ?",
                (rs, n) -> new Answer(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getBytes(5),
                        rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getString(8)), principal, key)
                .stream().findFirst();
    }

    /** Claims the key for a first request: the new claim's id, or empty when another request holds the key already. */
    Optional<String> claim(String principal, String key, String method, String path, String requestSha256) {
        String claimId = newClaimId();
        try {
            jdbc.update("""
                    INSERT INTO idempotency_record (principal, idempotency_key, method, path, request_sha256, status, created_at, claim_id)
                    VALUES (?, ?, ?, ?, ?, 0, CURRENT_TIMESTAMP, ?)""", principal, key, method, path, requestSha256, claimId);
            return Optional.of(claimId);
        } catch (DuplicateKeyException taken) {
            return Optional.empty();
        }
    }

    /** True when the claim, still in progress, is older than the given time by the database's clock. */
    boolean inDoubt(Answer claim, Duration after) {
        Timestamp now = jdbc.queryForObject("SELECT CURRENT_TIMESTAMP", Timestamp.class);
        return claim.inProgress() && now != null && claim.claimedAt().isBefore(now.toInstant().minus(after));
    }

    /** Takes over a cut-off claim in one step: the new claim's id, or empty when another request took it first. */
    Optional<String> takeOver(String principal, String key, String cutOffClaimId) {
        String claimId = newClaimId();
        int taken = jdbc.update("UPDATE idempotency_record SET claim_id = ?, created_at = CURRENT_TIMESTAMP, course_id = NULL "
                + "WHERE principal = ? AND idempotency_key = ? AND status = 0 AND claim_id = ?", claimId, principal, key, cutOffClaimId);
        return taken == 1 ? Optional.of(claimId) : Optional.empty();
    }

    /** Notes the course a claimed request's command is sent to, before it runs. */
    void noteCourse(String principal, String key, String claimId, String courseId) {
        jdbc.update("UPDATE idempotency_record SET course_id = ? WHERE principal = ? AND idempotency_key = ? AND claim_id = ? "
                + "AND status = 0", courseId, principal, key, claimId);
    }

    /** Stores the answer of the claim's request; false when the claim is no longer its to answer. */
    boolean complete(String principal, String key, String claimId, int status, String contentType, String location, byte[] body) {
        return jdbc.update("UPDATE idempotency_record SET status = ?, content_type = ?, location = ?, body = ? "
                        + "WHERE principal = ? AND idempotency_key = ? AND claim_id = ? AND status = 0",
                status, contentType, location, body, principal, key, claimId) == 1;
    }

    /** A request that failed on our side leaves no answer: the client may retry with the same key. */
    void release(String principal, String key, String claimId) {
        jdbc.update("DELETE FROM idempotency_record WHERE principal = ? AND idempotency_key = ? AND claim_id = ? AND status = 0",
                principal, key, claimId);
    }

    private static String newClaimId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
