package org.kap.core.rule;

/** The people who act on a course. Overridable rules name the role that may override them. */
public enum Role {
    CLINICIAN, PRESCRIBER, THERAPIST, AUDITOR, PROTOCOL_DESIGNER, ADMIN
}
