package org.kap.core.obligation;

import java.util.Locale;

/** Paperwork and reviews the protocol makes due. */
public enum ObligationKind {
    /** e.g. the Spravato REMS Patient Monitoring Form, within 7 days of each session */
    MONITORING_FORM,
    ADVERSE_EVENT_REPORT,
    PRESCRIBER_REVIEW,
    ENROLLMENT_FORM;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
