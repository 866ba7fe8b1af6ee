package org.kap.core.rule;

import java.util.Objects;

/** A protocol version, e.g. {@code kap-im v2}. A course is pinned to one. */
public record ProtocolRef(String id, int version) {

    public ProtocolRef {
        Objects.requireNonNull(id, "protocol id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a protocol id cannot be blank");
        }
        if (version < 1) {
            throw new IllegalArgumentException("a protocol version starts at 1; got " + version);
        }
    }

    @Override
    public String toString() {
        return id + " v" + version;
    }
}
