package org.kap.core.terminology;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A published file of value sets that protocols import by name and version ({@code import psychotic_disorders from
 * "kap-terms" version 1}), so that several protocols bind their words to the same codes. Like a protocol version it is
 * immutable once published: a change is a new version, and a protocol names the version it imports.
 *
 * @param sourceSha256 the SHA-256 of the library's text
 * @param sets         its value sets, each knowing it comes from this library
 */
public record ValueSetLibrary(String id, int version, String title, String sourceSha256, List<ValueSet> sets) {

    /** Names a library version as a protocol imports it; the hash says which text that was. */
    public record Ref(String id, int version, String sourceSha256) {
        public Ref {
            Objects.requireNonNull(id, "library id");
            if (version < 1) {
                throw new IllegalArgumentException("a library's version starts at 1");
            }
            sourceSha256 = sourceSha256 == null ? "" : sourceSha256;
        }

        /** {@code kap-terms v1}. */
        public String label() {
            return id + " v" + version;
        }

        @Override
        public String toString() {
            return label();
        }
    }

    public ValueSetLibrary {
        Objects.requireNonNull(id, "library id");
        title = title == null ? "" : title;
        Ref ref = new Ref(id, version, sourceSha256);
        sets = sets.stream().map(set -> set.importedFrom(ref)).toList();
        if (sets.isEmpty()) {
            throw new IllegalArgumentException("library " + id + " v" + version + " holds no value set");
        }
    }

    public Ref ref() {
        return new Ref(id, version, sourceSha256);
    }

    public Optional<ValueSet> set(String name) {
        return sets.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
