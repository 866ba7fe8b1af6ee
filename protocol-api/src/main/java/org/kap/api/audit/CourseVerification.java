package org.kap.api.audit;

import org.kap.api.KapProperties;
import org.kap.core.audit.ChainHasher;
import org.kap.core.audit.ChainVerification;
import org.kap.core.audit.Checkpoint;
import org.kap.core.audit.VerifiedPrefix;
import org.kap.core.rule.ProtocolRef;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Whether a course's stored record is the one the engine signed: its hash chain and signatures intact, and its
 * signed head (Checkpoint) verifying under a trusted key and matching the stored events in number and last
 * hash; and the protocol version it is decided under still the text that was published (its seal). Tells apart a
 * clumsy edit (the chain breaks), a rewrite with every hash recomputed (the head no longer matches its signature),
 * a cut tail (fewer events than signed), a deleted course (its signed events gone) and changed rules.
 *
 * <p>A verification that finds the course intact keeps a signed {@link VerifiedPrefix}; while it is younger than
 * {@code kap.audit.verified-prefix-max-age}, the next verification checks that the prefix's last stored event still
 * carries the hash it had and recomputes only the events after it, so a long course costs its new events, not its
 * length. Anything short of intact on that path, or a prefix that is too old or does not verify, and the whole chain
 * is recomputed: a broken verdict always comes from a whole recomputation. Every verdict says where it began to
 * recompute and when the events before that were last recomputed.
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
     * @param recomputedFrom      the first sequence this verification recomputed: 0 when it recomputed the whole chain
     * @param earlierRecomputedAt when the events before {@code recomputedFrom} were last recomputed and found intact (their
     *                            verified prefix); null when this verification recomputed the whole chain
     */
    public record Verdict(String courseId, boolean intact, int events, Long signedEvents, String keyId, String signedAt,
                          Long firstBrokenSequence, String problem, long recomputedFrom, String earlierRecomputedAt) {

        /** Whether this verification recomputed every event of the course. */
        public boolean whole() {
            return recomputedFrom == 0;
        }
    }

    private final StoredEvents stored;
    private final Checkpoints checkpoints;
    private final EngineKeys keys;
    private final org.kap.api.protocols.JdbcProtocolCatalog catalog;
    private final VerifiedPrefixes prefixes;
    private final Clock clock;
    private final Duration prefixMaxAge;

    public CourseVerification(StoredEvents stored, Checkpoints checkpoints, EngineKeys keys,
                              org.kap.api.protocols.JdbcProtocolCatalog catalog, VerifiedPrefixes prefixes, Clock clock,
                              KapProperties properties) {
        this.catalog = catalog;
        this.stored = stored;
        this.checkpoints = checkpoints;
        this.keys = keys;
        this.prefixes = prefixes;
        this.clock = clock;
        this.prefixMaxAge = properties.audit().verifiedPrefixMaxAge();
    }

    /**
     * The verdict, from the course's verified prefix when it may be used. Empty when the store holds neither events
     * nor a signed head for the course (no such course).
     */
    public Optional<Verdict> verify(String courseId) {
        if (!prefixMaxAge.isZero() && !prefixMaxAge.isNegative()) {
            Optional<Verdict> fromPrefix = prefixes.of(courseId).filter(this::usable).flatMap(this::fromPrefix);
            if (fromPrefix.isPresent()) {
                return fromPrefix;
            }
        }
        return verifyWhole(courseId);
    }

    /** The verdict of recomputing every event of the course (what a printed record or a doubt calls for). */
    public Optional<Verdict> verifyWhole(String courseId) {
        // when this recomputation began, before the events are read: any edit after it is not one it can have seen
        String began = VerifiedPrefixes.time(clock.instant());
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
        // a broken verdict is stamped with a moment after the events were read: any prefix kept since began before it
        String found = VerifiedPrefixes.time(clock.instant());
        if (!chain.intact() || checkpoint.isEmpty()) {
            prefixes.forget(courseId, found);
        }
        if (!chain.intact()) {
            ChainVerification.Broken broken = chain.firstBroken().orElseThrow();
            return Optional.of(new Verdict(courseId, false, events.size(), signed, keyId, signedAt, broken.sequence(), broken.problem(),
                    0, null));
        }
        if (checkpoint.isEmpty()) {
            return Optional.of(new Verdict(courseId, false, events.size(), null, null, null, null,
                    "it has no signed head: its events were written around the engine, or its checkpoint was deleted", 0, null));
        }
        Optional<ProtocolRef> protocol = stored.protocolOf(events);
        Optional<String> problem = checkpoint.get().problemWith(events, keys.trusted())
                .or(() -> protocol.flatMap(this::sealProblem));
        if (problem.isEmpty() && protocol.isPresent()) {
            prefixes.keep(VerifiedPrefix.sign(courseId, events.size(), lastHash(events, null), protocol.get(), began, keys.signing()));
        } else {
            // short of intact (or a first event that names no protocol): every verification of it is whole from now on
            prefixes.forget(courseId, found);
        }
        return Optional.of(new Verdict(courseId, problem.isEmpty(), events.size(), signed, keyId, signedAt, null, problem.orElse(null),
                0, null));
    }

    /** A prefix signed by a trusted key and recomputed within the allowed age. */
    private boolean usable(VerifiedPrefix prefix) {
        try {
            Instant recomputed = Instant.parse(prefix.recomputedAt());
            Instant now = clock.instant();
            return !recomputed.isAfter(now) && Duration.between(recomputed, now).compareTo(prefixMaxAge) < 0
                    && prefix.verifies(keys.trusted());
        } catch (DateTimeParseException unreadable) {
            return false;
        }
    }

    /**
     * The intact verdict from {@code prefix} and the events after it; empty when anything is short of intact (not as many
     * stored events before the prefix's end as it covers, its last event no longer carrying its hash, the tail broken,
     * the signed head or the seal not holding), which the whole recomputation then examines and names.
     */
    private Optional<Verdict> fromPrefix(VerifiedPrefix prefix) {
        String courseId = prefix.courseId();
        long end = prefix.eventCount();
        Checkpoints.CourseRecord record = checkpoints.read(courseId, end - 1);
        List<ChainHasher.StoredEvent> read = record.events();
        if (record.checkpoint().isEmpty() || read.isEmpty() || read.get(0).sequence() != end - 1
                || !prefix.headHash().equals(read.get(0).metadata().get(ChainHasher.HASH)) || stored.countBefore(courseId, end) != end) {
            return Optional.empty();
        }
        List<ChainHasher.StoredEvent> tail = read.subList(1, read.size());
        if (!ChainVerification.verifyFrom(end, prefix.headHash(), tail, keys.trusted()).intact()) {
            return Optional.empty();
        }
        long total = end + tail.size();
        String last = lastHash(tail, prefix.headHash());
        Checkpoint head = record.checkpoint().get();
        if (head.problemWith(total, last, keys.trusted()).or(() -> sealProblem(prefix.protocol())).isPresent()) {
            return Optional.empty();
        }
        if (!tail.isEmpty()) {
            // the new events were recomputed now, the earlier ones at the prefix's time: the older of the two stays
            prefixes.keep(VerifiedPrefix.sign(courseId, total, last, prefix.protocol(), prefix.recomputedAt(), keys.signing()));
        }
        return Optional.of(new Verdict(courseId, true, Math.toIntExact(total), head.eventCount(), head.keyId(), head.signedAt(),
                null, null, end, prefix.recomputedAt()));
    }

    /** Whether the rules the course is decided under are still the published text. */
    private Optional<String> sealProblem(ProtocolRef protocol) {
        return catalog.integrityProblem(protocol.id(), protocol.version())
                .map(p -> "the rules it is decided under are not the ones published: " + p);
    }

    private static String lastHash(List<ChainHasher.StoredEvent> events, String otherwise) {
        return events.isEmpty() ? otherwise : events.get(events.size() - 1).metadata().get(ChainHasher.HASH);
    }
}
