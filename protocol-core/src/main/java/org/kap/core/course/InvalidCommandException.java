package org.kap.core.course;

/** A command field is missing or malformed. Nothing is recorded; the field is named for the caller. */
public class InvalidCommandException extends IllegalArgumentException {
    private final String field;

    public InvalidCommandException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidCommandException(field, "is required");
        }
        return value;
    }

    static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidCommandException(field, "is required and cannot be blank");
        }
        return value;
    }
}
