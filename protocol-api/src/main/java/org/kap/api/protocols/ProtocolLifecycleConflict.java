package org.kap.api.protocols;

/** A lifecycle act the version's stage does not allow, or a second signature by the first signer (409). */
public class ProtocolLifecycleConflict extends RuntimeException {
    public ProtocolLifecycleConflict(String message) {
        super(message);
    }
}
