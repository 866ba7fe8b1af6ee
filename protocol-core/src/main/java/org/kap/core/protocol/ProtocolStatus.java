package org.kap.core.protocol;

/** A draft is being written; an active protocol may screen new courses; a retired one only serves courses pinned to it. */
public enum ProtocolStatus {
    DRAFT, ACTIVE, RETIRED
}
