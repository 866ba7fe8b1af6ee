package org.kap.api.protocols;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A protocol version is published: its source text and SHA-256 are kept, so any decision can be re-derived from the
 * log, and sealed: {@code keyId} and {@code signature} sign the SHA-256, {@code publishedAt} (its ISO-8601 text) and
 * {@code publishedBy} (a ProtocolSeal). Publications recorded before seals have none; the engine seals them at start.
 * {@code kind} is "library" for a library of value sets; publications recorded before libraries have none (null), and
 * are protocols. {@code meaning} is the canonical text of the rules a protocol compiled to at publication (a
 * ProtocolMeaning): null for a library, and for publications recorded before meanings were pinned.
 */
@Revision("1")
public record ProtocolPublished(String publicationId, String protocolId, int version, String status, String title,
                                String sourceText, String sourceSha256, String publishedBy, Instant publishedAt,
                                String keyId, String signature, String kind, String meaning) {

    public static final String PROTOCOL = "protocol";
    public static final String LIBRARY = "library";

    /** The kind, old publications included. */
    public String kindOrProtocol() {
        return kind == null ? PROTOCOL : kind;
    }
}
