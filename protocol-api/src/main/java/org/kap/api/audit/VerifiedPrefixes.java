package org.kap.api.audit;

import org.kap.core.audit.VerifiedPrefix;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Each course's verified prefix (one row per course, {@link VerifiedPrefix}), written by {@link CourseVerification}
 * when a verification finds the course intact. Only ever a statement about what was recomputed: losing or changing a
 * row costs a full recomputation, never a verdict (a row that does not verify under a trusted key is not used).
 */
@Component
class VerifiedPrefixes {

    private static final String COLUMNS = "course_id, event_count, head_hash, recomputed_at, key_id, signature";
    private static final RowMapper<VerifiedPrefix> ROW = (rs, n) -> new VerifiedPrefix(rs.getString(1), rs.getLong(2),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6));

    private final JdbcTemplate jdbc;

    VerifiedPrefixes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<VerifiedPrefix> of(String courseId) {
        // a row whose count is below one was not written by this engine: no prefix, so the chain is recomputed whole
        return jdbc.query("SELECT " + COLUMNS + " FROM course_verified_prefix WHERE course_id = ? AND event_count > 0", ROW,
                courseId).stream().findFirst();
    }

    /** Keeps {@code prefix} as the course's, in place of the one before (two verifications at once: the last one stays). */
    void keep(VerifiedPrefix prefix) {
        Object[] values = {prefix.eventCount(), prefix.headHash(), prefix.recomputedAt(), prefix.keyId(), prefix.signature(),
                prefix.courseId()};
        if (jdbc.update("UPDATE course_verified_prefix SET event_count = ?, head_hash = ?, recomputed_at = ?, key_id = ?, "
                + "signature = ? WHERE course_id = ?", values) == 1) {
            return;
        }
        try {
            jdbc.update("INSERT INTO course_verified_prefix (event_count, head_hash, recomputed_at, key_id, signature, course_id) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", values);
        } catch (DuplicateKeyException keptMeanwhile) {
            // another verification of the course kept its own a moment ago: either is a true statement
        }
    }

    /** The course has no verified prefix any more: a verification found it short of intact, so the next one is whole too. */
    void forget(String courseId) {
        jdbc.update("DELETE FROM course_verified_prefix WHERE course_id = ?", courseId);
    }
}
