package org.kap.core.course;

import java.util.Objects;

/** A command's clinical time is outside the window the engine accepts, or out of order. Nothing is recorded. */
public class ClinicalTimeException extends CourseException {

    /** Why the time was refused: the first two are malformed input, the last a conflict with the course's record. */
    public enum Kind {
        /** Ahead of the server clock beyond the allowed skew. */
        IN_THE_FUTURE,
        /** Further back than the engine accepts an entry (a mistyped year, a date from another record). */
        TOO_FAR_BACK,
        /** Before something the course has already recorded. */
        OUT_OF_ORDER
    }

    private final Kind kind;

    public ClinicalTimeException(Kind kind, String message) {
        super("clinical-time", message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }

    /** True when the time itself is unacceptable, whatever the course holds: a 400 rather than a 409. */
    public boolean malformed() {
        return kind != Kind.OUT_OF_ORDER;
    }
}
