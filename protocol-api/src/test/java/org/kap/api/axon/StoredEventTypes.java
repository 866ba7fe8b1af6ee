package org.kap.api.axon;

import org.kap.api.protocols.ProtocolLifecycle;
import org.kap.api.protocols.ProtocolPublished;
import org.kap.core.course.CourseEvent;

import java.util.ArrayList;
import java.util.List;

/** The event types the engine stores, found through the sealed families, for the tests that hold each one to something. */
public final class StoredEventTypes {

    private StoredEventTypes() {
    }

    /** Every concrete type of a sealed family, through its nested sealed families. */
    public static List<Class<?>> records(Class<?> family) {
        List<Class<?>> types = new ArrayList<>();
        for (Class<?> permitted : family.getPermittedSubclasses()) {
            if (permitted.isRecord()) {
                types.add(permitted);
            } else {
                types.addAll(records(permitted));
            }
        }
        return types;
    }

    /** Every course event type and every protocol publication event type. */
    public static List<Class<?>> all() {
        List<Class<?>> types = new ArrayList<>(records(CourseEvent.class));
        types.addAll(List.of(ProtocolPublished.class, ProtocolLifecycle.ActivationRequested.class,
                ProtocolLifecycle.Activated.class, ProtocolLifecycle.Retired.class));
        return types;
    }
}
