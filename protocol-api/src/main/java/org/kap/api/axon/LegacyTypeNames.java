package org.kap.api.axon;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.Map;

/**
 * Reads the rows stored before stored names: their type is a Java class name and they have no revision. Each is
 * renamed to its stored name at revision 1 (the shape every event had then, unchanged): the payload is not touched.
 * Snapshots keep their revision, which says which shape of the course they hold. The stored rows, and so the hash
 * chain over them, stay as written; only what is read is renamed.
 */
public final class LegacyTypeNames extends SingleEventUpcaster {

    /** The revision every event had when it was stored under its class name. */
    static final String FIRST_REVISION = "1";

    private final Map<String, String> legacy;

    public LegacyTypeNames(Map<String, String> legacy) {
        this.legacy = Map.copyOf(legacy);
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return legacy.containsKey(representation.getType().getName());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        var type = representation.getType();
        String revision = type.getRevision() == null ? FIRST_REVISION : type.getRevision();
        return representation.upcastPayload(new SimpleSerializedType(legacy.get(type.getName()), revision),
                byte[].class, payload -> payload);
    }
}
