package org.kap.api.audit;

import org.kap.core.audit.ChainHasher;
import org.kap.core.audit.ChainVerification;
import org.kap.core.audit.Checkpoint;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Whether a course's stored record is the one the engine signed: its hash chain and signatures intact, and its
 * signed head (Checkpoint) verifying under a trusted key and matching the stored events in number and last
 * hash; and the protocol version it is decided under still the text that was published (its seal). Tells apart a
 * clumsy edit (the chain breaks), a rewrite with every hash recomputed (the head no longer matches its signature),
 * a cut tail (fewer events than signed), a deleted course (its signed events gone) and changed rules.
 */
@Component
public class CourseVerification {

    /**
     * The verdict.
     *
     * @param events              stored events
     * @param signedEvents        events the signed head covers, null without one
     * @param firstBrokenSequence the first event found wrong, null when the chain holds or the whole record is wrong
     * @param problem             what is wrong, null when intact
     */
    public record Verdict(String courseId, boolean intact, int events, Long signedEvents, String keyId, String signedAt,
                          Long firstBrokenSequence, String problem) {
    }

    private final StoredEvents stored;
    private final Checkpoints checkpoints;
    private final EngineKeys keys;
    private final org.kap.api.protocols.JdbcProtocolCatalog catalog;

    public CourseVerification(StoredEvents stored, Checkpoints checkpoints, EngineKeys keys,
                              org.kap.api.protocols.JdbcProtocolCatalog catalog) {
        this.catalog = catalog;
        this.stored = stored;
        this.checkpoints = checkpoints;
        this.keys = keys;
    }

    /** Empty when the store holds neither events nor a signed head for the course (no such course). */
    public Optional<Verdict> verify(String courseId) {
        Checkpoints.CourseRecord record = checkpoints.read(courseId);
        List<ChainHasher.StoredEvent> events = record.events();
        Optional<Checkpoint> checkpoint = record.checkpoint();
        if (events.isEmpty() && checkpoint.isEmpty()) {
            return Optional.empty();
        }
        Long signed = checkpoint.map(Checkpoint::eventCount).orElse(null);
        String keyId = checkpoint.map(Checkpoint::keyId).orElse(null);
        String signedAt = checkpoint.map(Checkpoint::signedAt).orElse(null);
        ChainVerification.Result chain = ChainVerification.verify(events, keys.trusted());
        if (!chain.intact()) {
            ChainVerification.Broken broken = chain.firstBroken().orElseThrow();
            return Optional.of(new Verdict(courseId, false, events.size(), signed, keyId, signedAt, broken.sequence(), broken.problem()));
        }
        if (checkpoint.isEmpty()) {
            return Optional.of(new Verdict(courseId, false, events.size(), null, null, null, null,
                    "it has no signed head: its events were written around the engine, or its checkpoint was deleted"));
        }
        Optional<String> problem = checkpoint.get().problemWith(events, keys.trusted())
                .or(() -> stored.protocolOf(events).flatMap(ref -> catalog.integrityProblem(ref.id(), ref.version()))
                        .map(p -> "the rules it is decided under are not the ones published: " + p));
        return Optional.of(new Verdict(courseId, problem.isEmpty(), events.size(), signed, keyId, signedAt, null, problem.orElse(null)));
    }
}
