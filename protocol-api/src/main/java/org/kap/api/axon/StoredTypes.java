package org.kap.api.axon;

import org.kap.api.protocols.ProtocolLifecycle;
import org.kap.api.protocols.ProtocolPublished;
import org.kap.core.course.StoredNames;

import java.util.HashMap;
import java.util.Map;

/**
 * Every type the engine stores, with its stored name: the course's events and snapshot (named in the core, {@link
 * StoredNames}) and the protocol catalog's publication events. Frozen like the core's table: a name, once stored,
 * is never changed or reused.
 */
public final class StoredTypes {

    /** The protocol publications' events, by stored name. */
    static final Map<Class<?>, String> PUBLICATION = Map.of(
            ProtocolPublished.class, "kap.protocol.ProtocolPublished",
            ProtocolLifecycle.ActivationRequested.class, "kap.protocol.ActivationRequested",
            ProtocolLifecycle.Activated.class, "kap.protocol.Activated",
            ProtocolLifecycle.Retired.class, "kap.protocol.Retired");

    /** The Java class names the publication events were stored under before stored names; never edited. */
    static final Map<String, String> PUBLICATION_LEGACY = Map.of(
            "org.kap.api.protocols.ProtocolPublished", "kap.protocol.ProtocolPublished",
            "org.kap.api.protocols.ProtocolLifecycle$ActivationRequested", "kap.protocol.ActivationRequested",
            "org.kap.api.protocols.ProtocolLifecycle$Activated", "kap.protocol.Activated",
            "org.kap.api.protocols.ProtocolLifecycle$Retired", "kap.protocol.Retired");

    private StoredTypes() {
    }

    private static final Map<Class<?>, String> NAMES = merged(StoredNames.COURSE, PUBLICATION);
    private static final Map<String, String> LEGACY_NAMES = merged(StoredNames.LEGACY, PUBLICATION_LEGACY);

    private static <K> Map<K, String> merged(Map<K, String> first, Map<K, String> second) {
        Map<K, String> all = new HashMap<>(first);
        all.putAll(second);
        return Map.copyOf(all);
    }

    /** Every stored type and its name. */
    public static Map<Class<?>, String> names() {
        return NAMES;
    }

    /** Every name stored before stored names, with the stored name it is read as. */
    public static Map<String, String> legacyNames() {
        return LEGACY_NAMES;
    }

    /** The stored name a stored row's type is read as: itself, or for a row from before stored names, its new name. */
    public static String readAs(String storedType) {
        return LEGACY_NAMES.getOrDefault(storedType, storedType);
    }

    /** The stored name of a type, for code that looks at stored rows. */
    public static String nameOf(Class<?> type) {
        String name = NAMES.get(type);
        if (name == null) {
            throw new IllegalArgumentException(type.getName() + " has no stored name");
        }
        return name;
    }
}
