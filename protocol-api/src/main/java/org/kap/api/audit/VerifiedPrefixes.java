package org.kap.api.audit;

import org.kap.core.audit.VerifiedPrefix;
import org.kap.core.rule.ProtocolRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Each course's verified prefix (one row per course, {@link VerifiedPrefix}), written by {@link CourseVerification}.
 * Only ever a statement about what was recomputed: losing or changing a row costs a whole recomputation, never a verdict
 * (a row that does not verify under a trusted key is not used). Written outside any transaction, and a failure to write
 * is logged, not answered: the verdict stands without it.
 *
 * <p>A course found broken keeps a row with no events, written over whatever row it had and stamped with a moment after
 * that verification read the events; a prefix is kept only over a row stamped no later than its own recomputation began
 * (a short path keeps its prefix's old stamp), so no verification that read the course before it was found broken can put
 * a prefix back.
 */
@Component
class VerifiedPrefixes {

    private static final Logger LOG = LoggerFactory.getLogger(VerifiedPrefixes.class);
    /** Recomputation times, fixed to the millisecond so that their text orders as the times do. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String COLUMNS = "course_id, event_count, head_hash, protocol_id, protocol_version, recomputed_at, key_id, "
            + "signature";
    private static final RowMapper<VerifiedPrefix> ROW = (rs, n) -> new VerifiedPrefix(rs.getString(1), rs.getLong(2),
            rs.getString(3), new ProtocolRef(rs.getString(4), rs.getInt(5)), rs.getString(6), rs.getString(7), rs.getString(8));

    private final JdbcTemplate jdbc;

    VerifiedPrefixes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    Optional<VerifiedPrefix> of(String courseId) {
        // a row with no events is a course found broken: no prefix, so the chain is recomputed whole
        return jdbc.query("SELECT " + COLUMNS + " FROM course_verified_prefix WHERE course_id = ? AND event_count > 0", ROW,
                courseId).stream().findFirst();
    }

    /** Keeps {@code prefix} as the course's, unless a row stamped later (a newer prefix, or a broken verdict) is there. */
    void keep(VerifiedPrefix prefix) {
        write(prefix.courseId(), prefix.eventCount(), prefix.headHash(), prefix.protocol().id(), prefix.protocol().version(),
                prefix.recomputedAt(), prefix.keyId(), prefix.signature());
    }

    /**
     * The course was found short of intact by a verification that had read its events by {@code found}: whatever row it
     * had is replaced, and no prefix begun before then is kept.
     */
    void forget(String courseId, String found) {
        write(courseId, 0, "", "", 0, found, "", "", true);
    }

    private void write(String courseId, long events, String headHash, String protocolId, int protocolVersion, String stamped,
                       String keyId, String signature) {
        write(courseId, events, headHash, protocolId, protocolVersion, stamped, keyId, signature, false);
    }

    private void write(String courseId, long events, String headHash, String protocolId, int protocolVersion, String stamped,
                       String keyId, String signature, boolean always) {
        Object[] values = {events, headHash, protocolId, protocolVersion, stamped, keyId, signature, courseId};
        try {
            String update = "UPDATE course_verified_prefix SET event_count = ?, head_hash = ?, protocol_id = ?, protocol_version = ?, "
                    + "recomputed_at = ?, key_id = ?, signature = ? WHERE course_id = ?";
            if (always ? jdbc.update(update, values) == 1 : jdbc.update(update + " AND recomputed_at <= ?", append(values, stamped)) == 1) {
                return;
            }
            jdbc.update("INSERT INTO course_verified_prefix (event_count, head_hash, protocol_id, protocol_version, recomputed_at, "
                    + "key_id, signature, course_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", values);
        } catch (DuplicateKeyException stampedLater) {
            // the course's row is stamped later than this verification began (or was written a moment ago): it stays
        } catch (DataAccessException notWritten) {
            LOG.warn("the verified prefix of course {} was not written: its next verification recomputes it whole", courseId, notWritten);
        }
    }

    private static Object[] append(Object[] values, Object last) {
        Object[] all = java.util.Arrays.copyOf(values, values.length + 1);
        all[values.length] = last;
        return all;
    }
}
