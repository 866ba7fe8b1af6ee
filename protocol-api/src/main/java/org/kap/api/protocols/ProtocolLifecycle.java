package org.kap.api.protocols;

import org.axonframework.serialization.Revision;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * A published protocol version's life after publication (docs/dsl.md, "Lifecycle"): a draft is promoted to active, an
 * activation waits for a second person's signature, an active version is retired. Each act is a command on the
 * version's publication and a recorded, signed event; the catalog's status is what these events made it, sealed by the
 * event's {@code keyId} and {@code signature} (a StatusSeal over the status, who made it so and when).
 */
public final class ProtocolLifecycle {

    private ProtocolLifecycle() {
    }

    /** The catalog's status of a version, as the lifecycle made it. */
    public enum Stage {
        DRAFT("draft"), AWAITING_APPROVAL("awaiting_approval"), ACTIVE("active"), RETIRED("retired");

        private final String stored;

        Stage(String stored) {
            this.stored = stored;
        }

        public String stored() {
            return stored;
        }

        public static Stage ofStored(String stored) {
            for (Stage stage : values()) {
                if (stage.stored.equals(stored)) {
                    return stage;
                }
            }
            throw new IllegalArgumentException("no lifecycle stage '" + stored + "'");
        }
    }

    // ---- commands ------------------------------------------------------------------------------

    /** A designer asks for a draft to become active. */
    public record RequestActivation(@TargetAggregateIdentifier String publicationId, String requestedBy) {
    }

    /** A second designer, or an admin, approves the activation someone else asked for. */
    public record ApproveActivation(@TargetAggregateIdentifier String publicationId, String approvedBy) {
    }

    /** No new client is screened under the version any more; its courses go on under it. */
    public record Retire(@TargetAggregateIdentifier String publicationId, String retiredBy, String reason) {
    }

    // ---- events --------------------------------------------------------------------------------

    /** The version waits for a second person's signature before it screens anyone. */
    @Revision("1")
    public record ActivationRequested(String publicationId, String protocolId, int version, String requestedBy, Instant at,
                                      String keyId, String signature) {
        StatusSeal seal() {
            return new StatusSeal(protocolId, version, Stage.AWAITING_APPROVAL.stored(), requestedBy, at.toString(), keyId, signature);
        }
    }

    /**
     * The version is active. {@code requestedBy} asked for it (or published it active); {@code approvedBy} signed second,
     * or is the same person where the clinic publishes alone (kap.protocols.second-signature=false).
     */
    @Revision("1")
    public record Activated(String publicationId, String protocolId, int version, String requestedBy, String approvedBy,
                            Instant at, String keyId, String signature) {
        StatusSeal seal() {
            return new StatusSeal(protocolId, version, Stage.ACTIVE.stored(), approvedBy, at.toString(), keyId, signature);
        }
    }

    @Revision("1")
    public record Retired(String publicationId, String protocolId, int version, String retiredBy, String reason, Instant at,
                          String keyId, String signature) {
        StatusSeal seal() {
            return new StatusSeal(protocolId, version, Stage.RETIRED.stored(), retiredBy, at.toString(), keyId, signature);
        }
    }
}
