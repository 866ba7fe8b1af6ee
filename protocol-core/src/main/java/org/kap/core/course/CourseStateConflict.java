package org.kap.core.course;

/** The command does not fit the course's state (e.g. discharge with no open session). Nothing is recorded. */
public class CourseStateConflict extends CourseException {
    public CourseStateConflict(String message) {
        super("state-conflict", message);
    }
}
