package org.kap.core.course;

/**
 * A command that cannot be applied to the course as it stands. Nothing is recorded; the code is
 * stable so that the API can answer with a stable problem type.
 */
public class CourseException extends RuntimeException {
    private final String code;

    public CourseException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
