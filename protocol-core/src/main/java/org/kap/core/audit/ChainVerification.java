package org.kap.core.audit;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies a course's stored events, in sequence order: no sequence missing, each previous hash the
 * hash of the event before, each hash the hash of its content, each signature bound to its record.
 * Names the first broken sequence and what is wrong with it.
 */
public final class ChainVerification {

    /** Metadata of a signed record (21 CFR 11.50): printed name, time, meaning, and what it is bound to. */
    public static final String SIGNER = "signature.name";
    public static final String SIGNED_AT = "signature.signedAt";
    public static final String MEANING = "signature.meaning";
    public static final String SIGNED_CONTENT = "signature.content";
    /** Who signed (their user id), how they re-authenticated at signing (21 CFR 11.200), and the engine's seal. */
    public static final String SIGNER_ID = "signature.signer";
    public static final String METHOD = "signature.method";
    public static final String SEAL_KEY_ID = "signature.keyId";
    public static final String SEAL = "signature.seal";

    /**
     * What the engine seals of a signature: the manifestation (printed name, signer, meaning, time, how the signer
     * re-authenticated) and what it is bound to, so that none of it can be changed or moved to another record
     * without the engine's key.
     */
    public static byte[] sealedContent(Map<String, String> meta) {
        // each field with its length first: a name holding a line break cannot shift text into the next field
        StringBuilder content = new StringBuilder("kap-signature-v1\n");
        for (String key : java.util.List.of(SIGNER, SIGNER_ID, MEANING, SIGNED_AT, METHOD, SIGNED_CONTENT)) {
            String value = String.valueOf(meta.get(key));
            content.append(value.length()).append(':').append(value).append('\n');
        }
        return content.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The first problem found, or none. */
    public record Result(int events, Optional<Broken> firstBroken) {
        public boolean intact() {
            return firstBroken.isEmpty();
        }
    }

    public record Broken(long sequence, String problem) {
    }

    private ChainVerification() {
    }

    public static Result verify(List<ChainHasher.StoredEvent> events) {
        return verify(events, null);
    }

    /**
     * As {@link #verify(List)}, and each sealed signature checked under the trusted {@code keys} (null: seals are not
     * checked, only the chain). Signatures recorded before seals carry none and are judged by the chain alone.
     */
    public static Result verify(List<ChainHasher.StoredEvent> events, java.util.Collection<EngineKey> keys) {
        return verifyFrom(0, ChainHasher.GENESIS, events, keys);
    }

    /**
     * As {@link #verify(List, java.util.Collection)}, for the events of a course from sequence {@code first} on, the
     * event before them hashed {@code previousHash} (a {@link VerifiedPrefix}'s end). {@link Result#events()} counts
     * the events given.
     */
    public static Result verifyFrom(long first, String previousHash, List<ChainHasher.StoredEvent> events,
                                    java.util.Collection<EngineKey> keys) {
        String previous = previousHash;
        long expected = first;
        for (ChainHasher.StoredEvent e : events) {
            if (e.sequence() != expected) {
                return broken(events, e.sequence() > expected ? expected : e.sequence(), e.sequence() > expected
                        ? "event " + expected + " is missing (the next stored event is " + e.sequence() + ")"
                        : "event " + e.sequence() + " is stored twice or out of order");
            }
            Map<String, String> meta = e.metadata();
            if (meta.get(ChainHasher.HASH) == null) {
                return broken(events, e.sequence(), "the event carries no hash");
            }
            if (!previous.equals(meta.get(ChainHasher.PREVIOUS_HASH))) {
                return broken(events, e.sequence(), "its previous hash is not the hash of event " + (e.sequence() - 1)
                        + ": an event before it was changed, removed or reordered");
            }
            if (meta.containsKey(SIGNED_CONTENT) && !meta.get(SIGNED_CONTENT)
                    .equals(ChainHasher.signedContent(e.aggregateId(), e.sequence(), e.payloadType(), e.payload()))) {
                return broken(events, e.sequence(), "the signature of " + meta.get(SIGNER)
                        + " is not bound to this record (copied from another, or the record changed)");
            }
            if (keys != null && !meta.containsKey(SEAL) && meta.containsKey(SIGNER_ID)) {
                // a signature made since seals exist (only those name the signer's id), its seal stripped to pass for an
                // older one; how the actor re-authenticated is also carried by the other events of a signed act's
                // command (a refusal, an obligation), which are not signatures
                return broken(events, e.sequence(), "the signature of " + meta.get(SIGNER) + " has lost its seal");
            }
            if (keys != null && meta.containsKey(SEAL)) {
                String keyId = meta.get(SEAL_KEY_ID);
                boolean sealed = keys.stream().anyMatch(k -> k.id().equals(keyId) && k.verifies(sealedContent(meta), meta.get(SEAL)));
                if (!sealed) {
                    return broken(events, e.sequence(), "the signature of " + meta.get(SIGNER)
                            + " does not carry the engine's seal over its name, meaning, time and record");
                }
            }
            String computed = ChainHasher.hash(previous, e);
            if (!computed.equals(meta.get(ChainHasher.HASH))) {
                return broken(events, e.sequence(), "its content (payload, type, time or metadata) does not match its hash");
            }
            previous = computed;
            expected++;
        }
        return new Result(events.size(), Optional.empty());
    }

    private static Result broken(List<ChainHasher.StoredEvent> events, long sequence, String problem) {
        return new Result(events.size(), Optional.of(new Broken(sequence, problem)));
    }
}
