package org.kap.core.screening;

/** The coded facts a screening rule can look at. */
public enum CodeCategory {
    DIAGNOSIS, HISTORY, FAMILY_HISTORY, MEDICATION;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
