package org.kap.api.protocols;

import java.time.Instant;

/** A row of the catalog: a published version and its source. */
public record PublishedProtocol(String protocolId, int version, String status, String title, String sourceSha256,
                                String sourceText, Instant publishedAt, String publishedBy) {
}
