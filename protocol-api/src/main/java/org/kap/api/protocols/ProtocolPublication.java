package org.kap.api.protocols;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.kap.api.audit.EngineKeys;
import org.kap.core.audit.ProtocolSeal;

import java.time.Clock;
import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One published protocol version, immutable once published. Publishing the same text again is
 * idempotent; different text under the same id and version is refused.
 */
@Aggregate
public class ProtocolPublication {

    @AggregateIdentifier
    private String publicationId;
    private String sourceSha256;
    private String kind;

    protected ProtocolPublication() {
        // for event sourcing
    }

    /** True when this call published the version, false when the identical text was already published. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(PublishProtocol command, Clock clock, EngineKeys keys) {
        if (sourceSha256 == null) {
            Instant publishedAt = clock.instant();
            ProtocolSeal seal = ProtocolSeal.sign(command.protocolId(), command.version(), command.sourceSha256(),
                    publishedAt.toString(), command.publishedBy(), keys.signing());
            apply(new ProtocolPublished(command.publicationId(), command.protocolId(), command.version(), command.status(),
                    command.title(), command.sourceText(), command.sourceSha256(), command.publishedBy(), publishedAt,
                    seal.keyId(), seal.signature(), command.kind(), command.meaning()));
            return true;
        }
        if (sourceSha256.equals(command.sourceSha256())) {
            return false;
        }
        throw new ProtocolVersionConflict(kind + " " + command.protocolId() + " version " + command.version()
                + " is already published with different text (sha256 " + sourceSha256 + "); publish a new version");
    }

    @EventSourcingHandler
    void on(ProtocolPublished event) {
        publicationId = event.publicationId();
        sourceSha256 = event.sourceSha256();
        kind = event.kindOrProtocol();
    }
}
