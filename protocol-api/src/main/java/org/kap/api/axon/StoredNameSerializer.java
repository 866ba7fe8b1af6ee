package org.kap.api.axon;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

import java.util.HashMap;
import java.util.Map;

/**
 * Axon's Jackson serializer, storing the engine's events and snapshots under their stored names ({@link StoredTypes})
 * with the revision of their shape ({@code @Revision}), never under a Java class name.
 *
 * <p>A stored row naming one of the engine's own classes ({@code org.kap.…}) is an older row that did not go through
 * the upcasters: reading it here would bind it to whatever class bears that name today, so it is refused with the
 * reason. Every read of stored events goes through the upcaster chain first ({@link LegacyTypeNames} renames the old
 * rows). Framework types (tracking tokens, metadata) keep Axon's class names.
 */
public final class StoredNameSerializer extends JacksonSerializer {

    private static final String ENGINE_PACKAGE = "org.kap.";

    private final Map<Class<?>, String> names;
    private final Map<String, Class<?>> classes = new HashMap<>();

    private StoredNameSerializer(Builder builder, Map<Class<?>, String> names) {
        super(builder);
        this.names = Map.copyOf(names);
        names.forEach((type, name) -> {
            if (classes.put(name, type) != null) {
                throw new IllegalArgumentException("two types are stored as " + name);
            }
        });
    }

    public static StoredNameSerializer using(ObjectMapper mapper, Map<Class<?>, String> names) {
        Builder builder = JacksonSerializer.builder()
                .revisionResolver(new AnnotationRevisionResolver())
                .converter(new ChainingConverter(StoredNameSerializer.class.getClassLoader()))
                .objectMapper(mapper);
        return new StoredNameSerializer(builder, names);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        String name = names.get(type);
        if (name == null) {
            if (type != null && type.getName().startsWith(ENGINE_PACKAGE) && !type.isEnum()) {
                // a stored type without a stored name would be stored under its class name, which the next rename orphans
                throw new SerializationException(type.getName() + " has no stored name: add it to StoredTypes");
            }
            return super.typeForClass(type);
        }
        return new SimpleSerializedType(name, getRevisionResolver().revisionOf(type));
    }

    @Override
    protected String resolveClassName(SerializedType type) {
        Class<?> known = classes.get(type.getName());
        if (known != null) {
            return known.getName();
        }
        if (type.getName().startsWith(ENGINE_PACKAGE)) {
            throw new SerializationException("stored type " + type.getName() + " (revision " + type.getRevision()
                    + ") is a Java class name from before stored names; read it through the upcasters");
        }
        return super.resolveClassName(type);
    }
}
