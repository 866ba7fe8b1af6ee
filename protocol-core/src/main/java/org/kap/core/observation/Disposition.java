package org.kap.core.observation;

import java.util.Locale;

/**
 * How a session ends when it does not end in a discharge: the client is transferred to emergency care,
 * admitted to hospital, or leaves against advice. Each closes the session and its observation; the
 * protocol says what follows (a halt for review, a report obligation).
 */
public enum Disposition {
    TRANSFERRED_TO_EMERGENCY_CARE, ADMITTED, LEFT_AGAINST_ADVICE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** For people: {@code transferred to emergency care}. */
    public String label() {
        return code().replace('_', ' ');
    }
}
