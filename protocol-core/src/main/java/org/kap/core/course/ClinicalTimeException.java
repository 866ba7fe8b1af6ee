package org.kap.core.course;

/** A command's clinical time is in the future or out of order. Nothing is recorded. */
public class ClinicalTimeException extends CourseException {
    public ClinicalTimeException(String message) {
        super("clinical-time", message);
    }
}
