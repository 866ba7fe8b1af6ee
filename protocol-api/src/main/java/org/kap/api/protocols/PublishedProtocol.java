package org.kap.api.protocols;

import java.time.Instant;

/**
 * A row of the catalog: a published version, its source and its seal ({@code sealedAt}: the publication time as
 * signed; the seal's fields are null for a version published before seals, until the engine seals it at start), and
 * whether it is a protocol or a library of value sets ({@code kind}); for a protocol, its pinned meaning (null until
 * pinned) and that text's SHA-256.
 */
public record PublishedProtocol(String protocolId, int version, String status, String title, String sourceSha256,
                                String sourceText, Instant publishedAt, String publishedBy, String sealedAt, String keyId,
                                String signature, String kind, String meaningSha256, String meaning) {

    /** A library of value sets rather than a protocol. */
    public boolean library() {
        return ProtocolPublished.LIBRARY.equals(kind);
    }

    public org.kap.core.audit.ProtocolSeal seal() {
        return new org.kap.core.audit.ProtocolSeal(protocolId, version, sourceSha256, sealedAt, publishedBy, keyId, signature);
    }
}
