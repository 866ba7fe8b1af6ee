package org.kap.core.protocol;

import org.kap.core.rule.ProtocolRef;

/** No protocol version by that id and version has been published. */
public class UnknownProtocolException extends RuntimeException {
    private final transient ProtocolRef ref;

    public UnknownProtocolException(ProtocolRef ref) {
        super("no published protocol " + ref);
        this.ref = ref;
    }

    public ProtocolRef ref() {
        return ref;
    }
}
