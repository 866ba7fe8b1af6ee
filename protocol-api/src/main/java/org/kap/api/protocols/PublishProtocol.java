package org.kap.api.protocols;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Publish one checked protocol version, or one version of a library of value sets ({@code kind} "library"). The
 * publication's id is {@code id:version}: protocols and libraries share one namespace. {@code meaning}: the canonical
 * text of what a protocol compiled to (a ProtocolMeaning), pinned with it; null for a library. {@code engineExample}:
 * one of the examples the engine publishes itself at start (kap.publish-example-protocols), active without a second
 * signature.
 */
public record PublishProtocol(@TargetAggregateIdentifier String publicationId, String protocolId, int version,
                              String status, String title, String sourceText, String sourceSha256, String publishedBy,
                              String kind, String meaning, boolean engineExample) {

    public static String publicationId(String protocolId, int version) {
        return protocolId + ":" + version;
    }
}
