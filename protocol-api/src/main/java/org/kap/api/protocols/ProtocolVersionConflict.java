package org.kap.api.protocols;

/** The same protocol id and version was published before with different text. A version is immutable. */
public class ProtocolVersionConflict extends RuntimeException {
    public ProtocolVersionConflict(String message) {
        super(message);
    }
}
