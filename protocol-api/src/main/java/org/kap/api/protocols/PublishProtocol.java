package org.kap.api.protocols;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Publish one checked protocol version. The publication's id is {@code protocolId:version}. */
public record PublishProtocol(@TargetAggregateIdentifier String publicationId, String protocolId, int version,
                              String status, String title, String sourceText, String sourceSha256, String publishedBy) {

    public static String publicationId(String protocolId, int version) {
        return protocolId + ":" + version;
    }
}
