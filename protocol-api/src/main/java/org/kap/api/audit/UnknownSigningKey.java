package org.kap.api.audit;

/** A key id this engine does not trust (404). */
public class UnknownSigningKey extends RuntimeException {
    public UnknownSigningKey(String keyId) {
        super("no trusted signing key " + keyId + "; GET /api/v1/audit/keys lists them");
    }
}
