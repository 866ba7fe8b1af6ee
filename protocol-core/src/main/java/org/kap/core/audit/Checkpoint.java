package org.kap.core.audit;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A course's signed chain head: how many events the course had and the hash of the last one, signed by an
 * engine key when those events were committed. The hash chain alone shows an edit only to someone who does
 * not recompute the later hashes; the signature over the head shows any rewrite to whoever holds the public
 * key, and the count shows a cut tail (events removed from the end leave a chain that is intact but shorter
 * than the one signed).
 *
 * @param courseId   the course
 * @param eventCount its events at the time of signing (sequences 0 to eventCount - 1)
 * @param headHash   the hash of event eventCount - 1
 * @param signedAt   when the engine signed it (ISO-8601, recording time)
 * @param keyId      the signing key's id
 * @param signature  Ed25519 over {@link #content()}, base64
 */
public record Checkpoint(String courseId, long eventCount, String headHash, String signedAt, String keyId, String signature) {

    private static final String VERSION = "kap-checkpoint-v1";

    /** The bytes signed: every field but the signature, in a fixed order, under a version tag. */
    public byte[] content() {
        return content(courseId, eventCount, headHash, signedAt, keyId);
    }

    private static byte[] content(String courseId, long eventCount, String headHash, String signedAt, String keyId) {
        return (VERSION + '\n' + courseId + '\n' + eventCount + '\n' + headHash + '\n' + signedAt + '\n' + keyId + '\n')
                .getBytes(StandardCharsets.UTF_8);
    }

    public static Checkpoint sign(String courseId, long eventCount, String headHash, String signedAt, EngineKey key) {
        return new Checkpoint(courseId, eventCount, headHash, signedAt, key.id(),
                key.sign(content(courseId, eventCount, headHash, signedAt, key.id())));
    }

    /**
     * What is wrong with extending the course from this checkpoint by events from {@code firstNewSequence} chained
     * onto {@code previousHash} (the hash of the stored event before them): the checkpoint must verify and be the
     * head they extend. Otherwise the stored record is not the one signed, and must not be signed over.
     */
    public Optional<String> problemExtending(long firstNewSequence, String previousHash, Collection<EngineKey> keys) {
        return signatureProblem(keys).or(() -> continuityProblem(firstNewSequence, previousHash));
    }

    /** What is wrong with this checkpoint's signature under the trusted {@code keys}; empty when it verifies. */
    public Optional<String> signatureProblem(Collection<EngineKey> keys) {
        Optional<EngineKey> key = keys.stream().filter(k -> k.id().equals(keyId)).findFirst();
        if (key.isEmpty() || !key.get().verifies(content(), signature)) {
            return Optional.of("its signed head does not verify under a trusted key");
        }
        return Optional.empty();
    }

    /**
     * What is wrong with extending from this head, its signature aside: the new events must start where it ends and
     * chain onto its hash.
     */
    public Optional<String> continuityProblem(long firstNewSequence, String previousHash) {
        if (eventCount != firstNewSequence) {
            return Optional.of("its signed head covers " + eventCount + " events but the store holds " + firstNewSequence);
        }
        if (!headHash.equals(previousHash)) {
            return Optional.of("its stored events do not end in the signed head: they were rewritten");
        }
        return Optional.empty();
    }

    /**
     * What is wrong with this checkpoint as the head of {@code events} (a course's stored events in sequence
     * order, whose chain has been verified), under the trusted {@code keys}; empty when it holds.
     */
    public Optional<String> problemWith(List<ChainHasher.StoredEvent> events, Collection<EngineKey> keys) {
        return problemWith(events.size(), events.isEmpty() ? ChainHasher.GENESIS
                : events.get(events.size() - 1).metadata().get(ChainHasher.HASH), keys);
    }

    /**
     * As {@link #problemWith(List, Collection)}, for a course of {@code storedEvents} events whose verified chain ends in
     * {@code lastHash} (the genesis hash when it has none).
     */
    public Optional<String> problemWith(long storedEvents, String lastHash, Collection<EngineKey> keys) {
        Optional<EngineKey> key = keys.stream().filter(k -> k.id().equals(keyId)).findFirst();
        if (key.isEmpty()) {
            return Optional.of("its checkpoint is signed by key " + keyId + ", which is not among the trusted keys");
        }
        if (!key.get().verifies(content(), signature)) {
            return Optional.of("its checkpoint's signature does not verify under key " + keyId
                    + " (the checkpoint was changed or forged)");
        }
        if (storedEvents != eventCount) {
            return Optional.of(storedEvents < eventCount
                    ? "it has " + storedEvents + " events where " + eventCount + " were signed: events were removed from its end"
                    : "it has " + storedEvents + " events where " + eventCount + " were signed: events were added without a signature");
        }
        if (!headHash.equals(lastHash)) {
            return Optional.of("its last event's hash is not the signed head: the course was rewritten and its hashes recomputed");
        }
        return Optional.empty();
    }
}
