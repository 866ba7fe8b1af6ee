package org.kap.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tamper evidence of a course's record: each stored event's hash covers its canonical content
 * (aggregate, sequence, type, timestamp, the payload's stored bytes, and its metadata but the hashes
 * themselves) and the previous event's hash. Changing, removing or reordering any stored event breaks
 * the chain from that event on. Pure JDK, so the offline verifier computes exactly what the engine did.
 */
public final class ChainHasher {

    public static final String HASH = "hash";
    public static final String PREVIOUS_HASH = "previousHash";
    /** The previous hash of a stream's first event. */
    public static final String GENESIS = "0".repeat(64);
    private static final String VERSION = "kap-chain-v1";

    private ChainHasher() {
    }

    /** One stored event as the chain sees it. */
    public record StoredEvent(String aggregateId, long sequence, String payloadType, String payloadRevision, String timestamp,
                              byte[] payload, Map<String, String> metadata) {
    }

    public static String hash(String previousHash, StoredEvent e) {
        StringBuilder canonical = new StringBuilder(VERSION).append('\n')
                .append(previousHash).append('\n')
                .append(e.aggregateId()).append('\n')
                .append(e.sequence()).append('\n')
                .append(e.payloadType()).append('\n')
                .append(e.payloadRevision() == null ? "" : e.payloadRevision()).append('\n')
                .append(e.timestamp()).append('\n')
                .append(sha256(e.payload())).append('\n');
        new TreeMap<>(e.metadata()).forEach((key, value) -> {
            if (!key.equals(HASH) && !key.equals(PREVIOUS_HASH)) {
                canonical.append(key).append('=').append(value).append('\n');
            }
        });
        return sha256(canonical.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * What an electronic signature is bound to (21 CFR 11.70): the signed record's identity and its
     * payload. A signature copied onto another record no longer matches it.
     */
    public static String signedContent(String aggregateId, long sequence, String payloadType, byte[] payload) {
        return sha256((VERSION + "-signature\n" + aggregateId + '\n' + sequence + '\n' + payloadType + '\n' + sha256(payload))
                .getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
