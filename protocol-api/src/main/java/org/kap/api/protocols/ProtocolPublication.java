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
 * idempotent; different text under the same id and version is refused. Its lifecycle (ProtocolLifecycle) is decided
 * here too: a draft made active, an activation approved by a second person, a retirement.
 */
@Aggregate
public class ProtocolPublication {

    @AggregateIdentifier
    private String publicationId;
    private String protocolId;
    private int version;
    private String sourceSha256;
    private String kind;
    private ProtocolLifecycle.Stage stage;
    private String requestedBy;

    protected ProtocolPublication() {
        // for event sourcing
    }

    /**
     * True when this call published the version, false when the identical text was already published. A protocol whose
     * text says {@code status active} is published and activated in one act when the clinic publishes alone (or the
     * engine publishes its own examples); otherwise it waits for a second signature.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(PublishProtocol command, Clock clock, EngineKeys keys, PublicationPolicy policy) {
        if (sourceSha256 == null) {
            Instant publishedAt = clock.instant();
            ProtocolSeal seal = ProtocolSeal.sign(command.protocolId(), command.version(), command.sourceSha256(),
                    publishedAt.toString(), command.publishedBy(), keys.signing());
            apply(new ProtocolPublished(command.publicationId(), command.protocolId(), command.version(), command.status(),
                    command.title(), command.sourceText(), command.sourceSha256(), command.publishedBy(), publishedAt,
                    seal.keyId(), seal.signature(), command.kind(), command.meaning()));
            if (ProtocolPublished.PROTOCOL.equals(kind) && stage == ProtocolLifecycle.Stage.ACTIVE) {
                if (policy.secondSignature() && !command.engineExample()) {
                    requested(command.publishedBy(), publishedAt, keys);
                } else {
                    activated(command.publishedBy(), command.publishedBy(), publishedAt, keys);
                }
            }
            return true;
        }
        if (sourceSha256.equals(command.sourceSha256())) {
            return false;
        }
        throw new ProtocolVersionConflict(kind + " " + command.protocolId() + " version " + command.version()
                + " is already published with different text (sha256 " + sourceSha256 + "); publish a new version");
    }

    @CommandHandler
    public void handle(ProtocolLifecycle.RequestActivation command, Clock clock, PublicationPolicy policy, EngineKeys keys) {
        requireProtocol("activated");
        if (stage != ProtocolLifecycle.Stage.DRAFT) {
            throw new ProtocolLifecycleConflict(name() + " is " + stage.stored() + "; only a draft is made active");
        }
        if (policy.secondSignature()) {
            requested(command.requestedBy(), clock.instant(), keys);
        } else {
            activated(command.requestedBy(), command.requestedBy(), clock.instant(), keys);
        }
    }

    @CommandHandler
    public void handle(ProtocolLifecycle.ApproveActivation command, Clock clock, EngineKeys keys) {
        requireProtocol("activated");
        if (stage != ProtocolLifecycle.Stage.AWAITING_APPROVAL) {
            throw new ProtocolLifecycleConflict(name() + " is " + stage.stored() + "; there is no activation waiting for approval");
        }
        if (command.approvedBy().equals(requestedBy)) {
            // two people: the one who asked cannot be the one who approves
            throw new ProtocolLifecycleConflict(name() + ": " + requestedBy + " asked for its activation; a second designer or an "
                    + "admin approves it");
        }
        activated(requestedBy, command.approvedBy(), clock.instant(), keys);
    }

    @CommandHandler
    public void handle(ProtocolLifecycle.Retire command, Clock clock, EngineKeys keys) {
        requireProtocol("retired");
        if (stage == ProtocolLifecycle.Stage.RETIRED) {
            throw new ProtocolLifecycleConflict(name() + " is already retired");
        }
        Instant at = clock.instant();
        StatusSeal seal = StatusSeal.sign(protocolId, version, ProtocolLifecycle.Stage.RETIRED, command.retiredBy(), at.toString(),
                keys.signing());
        apply(new ProtocolLifecycle.Retired(publicationId, protocolId, version, command.retiredBy(), command.reason(), at,
                seal.keyId(), seal.signature()));
    }

    /** Each status a lifecycle act gives is sealed in its event: the catalog keeps the seal beside the status. */
    private void requested(String requestedBy, Instant at, EngineKeys keys) {
        StatusSeal seal = StatusSeal.sign(protocolId, version, ProtocolLifecycle.Stage.AWAITING_APPROVAL, requestedBy, at.toString(),
                keys.signing());
        apply(new ProtocolLifecycle.ActivationRequested(publicationId, protocolId, version, requestedBy, at, seal.keyId(), seal.signature()));
    }

    private void activated(String requestedBy, String approvedBy, Instant at, EngineKeys keys) {
        StatusSeal seal = StatusSeal.sign(protocolId, version, ProtocolLifecycle.Stage.ACTIVE, approvedBy, at.toString(), keys.signing());
        apply(new ProtocolLifecycle.Activated(publicationId, protocolId, version, requestedBy, approvedBy, at, seal.keyId(),
                seal.signature()));
    }

    private void requireProtocol(String act) {
        if (sourceSha256 == null) {
            throw new org.kap.core.protocol.UnknownProtocolException(new org.kap.core.rule.ProtocolRef(
                    publicationId == null ? "?" : publicationId, 0));
        }
        if (!ProtocolPublished.PROTOCOL.equals(kind)) {
            throw new ProtocolLifecycleConflict("library " + protocolId + " v" + version + " is not " + act + ": a library is "
                    + "published once and imported by version");
        }
    }

    private String name() {
        return "protocol " + protocolId + " v" + version;
    }

    @EventSourcingHandler
    void on(ProtocolPublished event) {
        publicationId = event.publicationId();
        protocolId = event.protocolId();
        version = event.version();
        sourceSha256 = event.sourceSha256();
        kind = event.kindOrProtocol();
        // before lifecycle events, a version was what its text said, and stays so
        stage = switch (event.status()) {
            case "active" -> ProtocolLifecycle.Stage.ACTIVE;
            case "retired" -> ProtocolLifecycle.Stage.RETIRED;
            default -> ProtocolLifecycle.Stage.DRAFT;
        };
    }

    @EventSourcingHandler
    void on(ProtocolLifecycle.ActivationRequested event) {
        stage = ProtocolLifecycle.Stage.AWAITING_APPROVAL;
        requestedBy = event.requestedBy();
    }

    @EventSourcingHandler
    void on(ProtocolLifecycle.Activated event) {
        stage = ProtocolLifecycle.Stage.ACTIVE;
    }

    @EventSourcingHandler
    void on(ProtocolLifecycle.Retired event) {
        stage = ProtocolLifecycle.Stage.RETIRED;
    }
}
