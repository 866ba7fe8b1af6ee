package org.kap.core.protocol;

import org.kap.core.rule.ProtocolRef;

import java.util.Optional;

/**
 * The port through which a course finds the protocol version it is pinned to. The API backs it with
 * published protocols; tests with a map.
 */
public interface ProtocolCatalog {

    Optional<Protocol> find(ProtocolRef ref);

    /** The pinned version; a course whose protocol cannot be found must not act on guesses. */
    default Protocol require(ProtocolRef ref) {
        return find(ref).orElseThrow(() -> new UnknownProtocolException(ref));
    }

    static ProtocolCatalog of(Protocol... protocols) {
        java.util.Map<ProtocolRef, Protocol> byRef = new java.util.HashMap<>();
        for (Protocol p : protocols) {
            byRef.put(p.ref(), p);
        }
        return ref -> Optional.ofNullable(byRef.get(ref));
    }
}
