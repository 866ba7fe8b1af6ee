package org.kap.dsl;

import org.kap.core.terminology.ValueSetLibrary;

import java.util.Optional;

/**
 * Where the compiler finds the value-set libraries a protocol imports: the engine's published libraries, or the files
 * beside a protocol file for {@code ./kap check}. A protocol is compiled against the library versions it names, and
 * a published library version never changes, so the same text always compiles to the same rules.
 */
public interface Libraries {

    /** The library, compiled; empty when there is no such version. */
    Optional<ValueSetLibrary> find(String id, int version);

    /** Where libraries are looked for, for the message when one is missing: "published in this engine". */
    String where();

    /** There is a library, but it may not be used: its stored text is not the one published, or it has errors. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String reason) {
            super(reason);
        }
    }

    /**
     * Finding a library failed for a reason that says nothing of the text (the database is unreachable, say): the
     * compiler lets it through to its caller instead of reporting it as a finding on the file.
     */
    final class Failure extends RuntimeException {
        public Failure(RuntimeException cause) {
            super(cause);
        }
    }

    /** No library at all: a protocol that imports one does not compile. */
    Libraries NONE = new Libraries() {
        @Override
        public Optional<ValueSetLibrary> find(String id, int version) {
            return Optional.empty();
        }

        @Override
        public String where() {
            return "no libraries were given to the checker";
        }
    };
}
