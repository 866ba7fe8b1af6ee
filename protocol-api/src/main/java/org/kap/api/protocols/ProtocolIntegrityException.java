package org.kap.api.protocols;

/**
 * A published version's stored text no longer matches its seal (changed in the database, or sealed by a key this
 * engine does not trust): the engine decides nothing under it until the published text is restored (503).
 */
public class ProtocolIntegrityException extends RuntimeException {
    public ProtocolIntegrityException(String problem) {
        super(problem + "; the engine decides nothing under it until the published text is restored (docs/audit.md)");
    }
}
