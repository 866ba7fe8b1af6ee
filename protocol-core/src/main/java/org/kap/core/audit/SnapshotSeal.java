package org.kap.core.audit;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Optional;

/**
 * The engine's seal over a course's snapshot: which course, the sequence of the last event the snapshot folds, its
 * stored type and revision, and the SHA-256 of its stored bytes, signed with an engine key when the snapshot was taken.
 * A snapshot is the course's state as the engine decides on it, and it sits in the database beside the events but
 * outside their hash chain: without a seal, whoever can write a row could, say, clear a halt from a snapshot, and the
 * engine would approve the next dose while the chain still verifies. A snapshot whose bytes, type or place do not match
 * its seal, or whose seal does not verify, is never used: the course is folded from its events instead.
 *
 * @param courseId      the course
 * @param sequence      the sequence number of the last event the snapshot folds
 * @param type          the snapshot's stored type and revision ({@code name/revision})
 * @param payloadSha256 the SHA-256 of the snapshot's stored payload bytes, hex
 * @param sealedAt      when the engine sealed it (ISO-8601)
 * @param keyId         the signing key's id
 * @param signature     Ed25519 over {@link #content()}, base64
 */
public record SnapshotSeal(String courseId, long sequence, String type, String payloadSha256, String sealedAt, String keyId,
                           String signature) {

    private static final String VERSION = "kap-snapshot-seal-v1";

    /** The bytes signed: every field but the signature, in a fixed order, under a version tag. */
    public byte[] content() {
        return content(courseId, sequence, type, payloadSha256, sealedAt, keyId);
    }

    private static byte[] content(String courseId, long sequence, String type, String payloadSha256, String sealedAt, String keyId) {
        return (VERSION + '\n' + courseId + '\n' + sequence + '\n' + type + '\n' + payloadSha256 + '\n' + sealedAt + '\n' + keyId
                + '\n').getBytes(StandardCharsets.UTF_8);
    }

    /** The stored type of a snapshot as a seal names it. */
    public static String type(String name, String revision) {
        return name + "/" + (revision == null ? "" : revision);
    }

    public static SnapshotSeal sign(String courseId, long sequence, String type, byte[] payload, String sealedAt, EngineKey key) {
        String digest = ChainHasher.sha256(payload);
        return new SnapshotSeal(courseId, sequence, type, digest, sealedAt, key.id(),
                key.sign(content(courseId, sequence, type, digest, sealedAt, key.id())));
    }

    /** Whether it was signed by one of the trusted {@code keys} over exactly these fields. */
    public boolean verifies(Collection<EngineKey> keys) {
        return keys.stream().anyMatch(k -> k.id().equals(keyId) && k.verifies(content(), signature));
    }

    /**
     * What is wrong with using the stored snapshot of {@code courseId} at {@code sequence}, of stored {@code type}, whose
     * payload is {@code payload},
     * under this seal; empty when it is the snapshot sealed. {@code keys} null: the signature is known to hold (this
     * engine made it over exactly these fields).
     */
    public Optional<String> problemWith(String courseId, long sequence, String type, byte[] payload, Collection<EngineKey> keys) {
        if (!this.courseId.equals(courseId) || this.sequence != sequence) {
            return Optional.of("the seal is of the snapshot at " + this.sequence + ", not the one stored at " + sequence);
        }
        if (!this.type.equals(type)) {
            return Optional.of("it is stored as " + type + ", sealed as " + this.type);
        }
        if (!payloadSha256.equals(ChainHasher.sha256(payload))) {
            return Optional.of("its bytes are not the ones sealed");
        }
        if (keys != null && !verifies(keys)) {
            return Optional.of("its seal does not verify under a trusted key");
        }
        return Optional.empty();
    }
}
