package org.kap.core.audit;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Optional;

/**
 * A signed statement that a course's first {@code eventCount} stored events were all recomputed, hash by hash and
 * seal by seal, and found intact, no earlier than {@code recomputedAt}, and that the last of them was hashed
 * {@code headHash}. A later verification may start from it: it checks that the stored event {@code eventCount - 1}
 * still carries {@code headHash} and recomputes only the events after it, so its cost is the tail's, not the
 * course's.
 *
 * <p>What that leaves unseen, and why it is bounded: an edit made after {@code recomputedAt} to an event before the
 * prefix's end, its stored hash left as it was (a clumsy edit). Any edit that recomputes the hashes changes
 * {@code headHash} and is seen at once (as is a cut or reordered tail, by the signed head). The engine therefore
 * starts from a prefix only while it is younger than a configured age, recomputes the whole chain otherwise, and
 * always says which part of the chain a verdict recomputed and when the rest was last recomputed. Signed, so that
 * whoever can write to the database cannot claim a prefix the engine never recomputed.
 *
 * @param courseId     the course
 * @param eventCount   the events recomputed (sequences 0 to eventCount - 1), at least one
 * @param headHash     the stored hash of event eventCount - 1
 * @param recomputedAt the oldest moment at which any of those events was last recomputed (ISO-8601)
 * @param keyId        the signing key's id
 * @param signature    Ed25519 over {@link #content()}, base64
 */
public record VerifiedPrefix(String courseId, long eventCount, String headHash, String recomputedAt, String keyId,
                             String signature) {

    private static final String VERSION = "kap-verified-prefix-v1";

    public VerifiedPrefix {
        if (eventCount < 1) {
            throw new IllegalArgumentException("a verified prefix covers at least one event, not " + eventCount);
        }
    }

    /** The bytes signed: every field but the signature, in a fixed order, under a version tag. */
    public byte[] content() {
        return content(courseId, eventCount, headHash, recomputedAt, keyId);
    }

    private static byte[] content(String courseId, long eventCount, String headHash, String recomputedAt, String keyId) {
        return (VERSION + '\n' + courseId + '\n' + eventCount + '\n' + headHash + '\n' + recomputedAt + '\n' + keyId + '\n')
                .getBytes(StandardCharsets.UTF_8);
    }

    public static VerifiedPrefix sign(String courseId, long eventCount, String headHash, String recomputedAt, EngineKey key) {
        return new VerifiedPrefix(courseId, eventCount, headHash, recomputedAt, key.id(),
                key.sign(content(courseId, eventCount, headHash, recomputedAt, key.id())));
    }

    /** Whether it was signed by one of the trusted {@code keys} over exactly these fields. */
    public boolean verifies(Collection<EngineKey> keys) {
        Optional<EngineKey> key = keys.stream().filter(k -> k.id().equals(keyId)).findFirst();
        return key.isPresent() && key.get().verifies(content(), signature);
    }
}
