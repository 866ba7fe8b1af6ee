package org.kap.api.audit;

/**
 * A course's stored record is not the one the engine signed (changed, cut or rewritten in the store): nothing more
 * is recorded on it, so no signature ever vouches for the change (503, docs/audit.md). An auditor finds what
 * happened with its verification and history.
 */
public class CourseIntegrityException extends RuntimeException {
    public CourseIntegrityException(String courseId, String problem) {
        super("course " + courseId + ": " + problem + "; nothing is recorded on it until its record is restored (docs/audit.md)");
    }
}
