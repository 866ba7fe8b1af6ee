package org.kap.api.audit;

import org.kap.core.audit.ChainHasher;
import org.kap.core.audit.ChainVerification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Courses recorded before the engine signed chain heads get one, once, at the first start of an engine that
 * signs, before it takes requests (AuditBackfills): each such course's chain is verified first, and only an intact
 * chain is signed, as it stands (what was done to it before cannot be told apart from what was recorded; the log
 * says how many were signed this way). A broken chain is left unsigned and named, so verification keeps reporting
 * it and nothing more is recorded on it.
 */
@Component
class CheckpointBackfill implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointBackfill.class);

    private final JdbcTemplate jdbc;
    private final StoredEvents stored;
    private final Checkpoints checkpoints;
    private final AuditBackfills backfills;

    CheckpointBackfill(JdbcTemplate jdbc, StoredEvents stored, Checkpoints checkpoints, AuditBackfills backfills) {
        this.jdbc = jdbc;
        this.stored = stored;
        this.checkpoints = checkpoints;
        this.backfills = backfills;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Integer signed = jdbc.queryForObject("SELECT COUNT(*) FROM course_checkpoint", Integer.class);
        backfills.once("course-checkpoints", signed != null && signed > 0, this::signUnsignedCourses);
    }

    private void signUnsignedCourses() {
        List<String> unsigned = jdbc.queryForList("""
                SELECT e.aggregateIdentifier FROM DomainEventEntry e
                WHERE e.type = 'TreatmentCourse' AND e.sequenceNumber = 0
                  AND NOT EXISTS (SELECT 1 FROM course_checkpoint c WHERE c.course_id = e.aggregateIdentifier)
                ORDER BY e.aggregateIdentifier""", String.class);
        int signed = 0;
        for (String course : unsigned) {
            List<ChainHasher.StoredEvent> events = stored.of(course);
            ChainVerification.Result chain = ChainVerification.verify(events);
            if (!chain.intact()) {
                LOG.error("course {} has a broken chain ({}); it is not signed, and verification reports it", course,
                        chain.firstBroken().orElseThrow().problem());
                continue;
            }
            try {
                checkpoints.signFirst(course, events.size(), events.get(events.size() - 1).metadata().get(ChainHasher.HASH));
                signed++;
            } catch (DuplicateKeyException signedMeanwhile) {
                // a command on the course, or another engine's start, signed it first
            }
        }
        if (signed > 0) {
            LOG.warn("signed the chain heads of {} course(s) recorded before chain heads were signed, as found intact now", signed);
        }
    }
}
