package org.kap.api.protocols;

import java.time.Instant;

/** A protocol version is published: its source text and SHA-256 are kept, so any decision can be re-derived from the log. */
public record ProtocolPublished(String publicationId, String protocolId, int version, String status, String title,
                                String sourceText, String sourceSha256, String publishedBy, Instant publishedAt) {
}
