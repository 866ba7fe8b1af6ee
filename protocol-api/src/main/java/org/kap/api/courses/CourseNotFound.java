package org.kap.api.courses;

/** No course by that id. */
public class CourseNotFound extends RuntimeException {
    public CourseNotFound(String courseId) {
        super("no course " + courseId);
    }
}
