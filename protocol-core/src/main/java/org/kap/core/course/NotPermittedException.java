package org.kap.core.course;

/** The actor may not perform this act on this course (e.g. correct another author's entry). Nothing is recorded. */
public class NotPermittedException extends CourseException {
    public NotPermittedException(String message) {
        super("not-permitted", message);
    }
}
