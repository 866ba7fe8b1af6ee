package org.kap.core.course;

/** Where a course stands. Derived from the recorded facts, never stored on its own. */
public enum CourseStatus {
    /** screened and eligible, awaiting consent */
    SCREENED,
    /** an exclusion applies (absolute, or relative and not overridden) */
    INELIGIBLE,
    ACTIVE,
    /** dosed and under observation */
    IN_SESSION,
    /** discharged; the session's integration is not yet done */
    AWAITING_INTEGRATION,
    /** a serious adverse event halted dosing until a prescriber reviews the course */
    HALTED,
    ENDED
}
