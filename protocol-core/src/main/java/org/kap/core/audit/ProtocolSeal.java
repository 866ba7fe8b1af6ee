package org.kap.core.audit;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Optional;

/**
 * A published protocol version's text, signed with an engine key at publication. The engine enforces what the
 * stored text says, so the text is part of the evidence: a version whose text (or recorded SHA-256) was changed
 * where it is stored no longer matches its seal, and the engine refuses to decide under it.
 *
 * @param protocolId   the protocol
 * @param version      its version
 * @param sourceSha256 SHA-256 of the published text (UTF-8)
 * @param publishedAt  when it was published (ISO-8601)
 * @param publishedBy  who published it
 * @param keyId        the signing key's id
 * @param signature    Ed25519 over {@link #content()}, base64
 */
public record ProtocolSeal(String protocolId, int version, String sourceSha256, String publishedAt, String publishedBy, String keyId,
                           String signature) {

    private static final String VERSION = "kap-protocol-seal-v1";

    public byte[] content() {
        return content(protocolId, version, sourceSha256, publishedAt, publishedBy, keyId);
    }

    private static byte[] content(String protocolId, int version, String sourceSha256, String publishedAt, String publishedBy,
                                  String keyId) {
        // each field with its length first: no field can shift text into the next (a publisher's name is free text)
        StringBuilder content = new StringBuilder(VERSION).append('\n');
        for (Object field : java.util.Arrays.asList(protocolId, version, sourceSha256, publishedAt, publishedBy, keyId)) {
            String value = String.valueOf(field);
            content.append(value.length()).append(':').append(value).append('\n');
        }
        return content.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static ProtocolSeal sign(String protocolId, int version, String sourceSha256, String publishedAt, String publishedBy,
                                    EngineKey key) {
        return new ProtocolSeal(protocolId, version, sourceSha256, publishedAt, publishedBy, key.id(),
                key.sign(content(protocolId, version, sourceSha256, publishedAt, publishedBy, key.id())));
    }

    /** What is wrong with {@code sourceText} as the text this seal vouches for, under the trusted keys; empty when it holds. */
    public Optional<String> problemWith(String sourceText, Collection<EngineKey> keys) {
        String name = "protocol " + protocolId + " v" + version;
        if (keyId == null || signature == null) {
            return Optional.of(name + " carries no seal");
        }
        Optional<EngineKey> key = keys.stream().filter(k -> k.id().equals(keyId)).findFirst();
        if (key.isEmpty()) {
            return Optional.of(name + " is sealed by key " + keyId + ", which is not among the trusted keys");
        }
        if (!key.get().verifies(content(), signature)) {
            return Optional.of(name + ": its seal does not verify (its recorded hash, time or publisher was changed)");
        }
        if (sourceText == null || !ChainHasher.sha256(sourceText.getBytes(StandardCharsets.UTF_8)).equals(sourceSha256)) {
            return Optional.of(name + ": its text is not the text that was published");
        }
        return Optional.empty();
    }
}
