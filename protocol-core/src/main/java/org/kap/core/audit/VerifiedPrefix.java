package org.kap.core.audit;

import org.kap.core.rule.ProtocolRef;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * A signed statement that a course's first {@code eventCount} stored events were all recomputed, hash by hash and
 * seal by seal, and found intact, no earlier than {@code recomputedAt}, and that the last of them was hashed
 * {@code headHash}. A later verification may start from it: it checks that the stored event {@code eventCount - 1}
 * still carries {@code headHash} and recomputes only the events after it, so its cost is the tail's, not the
 * course's.
 *
 * <p>What that leaves unseen, and why it is bounded: a change made after {@code recomputedAt} to the events before
 * the prefix's end that leaves the last one's stored hash as it was (an edit with its hashes left alone, or a rewrite
 * that stops short of the last). A rewrite through the last event changes {@code headHash}, a row deleted or added
 * changes the number of stored events, a cut or added tail contradicts the signed head: those are seen at once. The engine therefore
 * starts from a prefix only while it is younger than a configured age, recomputes the whole chain otherwise, and
 * always says which part of the chain a verdict recomputed and when the rest was last recomputed. Signed, so that
 * whoever can write to the database cannot claim a prefix the engine never recomputed.
 *
 * @param courseId     the course
 * @param eventCount   the events recomputed (sequences 0 to eventCount - 1), at least one
 * @param headHash     the stored hash of event eventCount - 1
 * @param protocol     the protocol version the course was screened under (its first event)
 * @param recomputedAt the oldest moment at which any of those events was last recomputed (ISO-8601)
 * @param keyId        the signing key's id
 * @param signature    Ed25519 over {@link #content()}, base64
 */
public record VerifiedPrefix(String courseId, long eventCount, String headHash, ProtocolRef protocol, String recomputedAt,
                             String keyId, String signature) {

    private static final String VERSION = "kap-verified-prefix-v1";

    public VerifiedPrefix {
        if (eventCount < 1) {
            throw new IllegalArgumentException("a verified prefix covers at least one event, not " + eventCount);
        }
        Objects.requireNonNull(protocol, "protocol");
    }

    /** The bytes signed: every field but the signature, in a fixed order, under a version tag. */
    public byte[] content() {
        return content(courseId, eventCount, headHash, protocol, recomputedAt, keyId);
    }

    private static byte[] content(String courseId, long eventCount, String headHash, ProtocolRef protocol, String recomputedAt,
                                  String keyId) {
        return (VERSION + '\n' + courseId + '\n' + eventCount + '\n' + headHash + '\n' + protocol.id() + '\n' + protocol.version()
                + '\n' + recomputedAt + '\n' + keyId + '\n').getBytes(StandardCharsets.UTF_8);
    }

    public static VerifiedPrefix sign(String courseId, long eventCount, String headHash, ProtocolRef protocol, String recomputedAt,
                                      EngineKey key) {
        return new VerifiedPrefix(courseId, eventCount, headHash, protocol, recomputedAt, key.id(),
                key.sign(content(courseId, eventCount, headHash, protocol, recomputedAt, key.id())));
    }

    /** Whether it was signed by one of the trusted {@code keys} over exactly these fields. */
    public boolean verifies(Collection<EngineKey> keys) {
        Optional<EngineKey> key = keys.stream().filter(k -> k.id().equals(keyId)).findFirst();
        return key.isPresent() && key.get().verifies(content(), signature);
    }
}
