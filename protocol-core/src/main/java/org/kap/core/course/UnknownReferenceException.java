package org.kap.core.course;

/** A command names an adverse event, obligation or entry the course does not have. Nothing is recorded. */
public class UnknownReferenceException extends CourseException {
    public UnknownReferenceException(String message) {
        super("not-found", message);
    }
}
