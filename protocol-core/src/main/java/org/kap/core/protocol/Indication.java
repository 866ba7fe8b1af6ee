package org.kap.core.protocol;

import java.util.Locale;

/** What a protocol treats. */
public enum Indication {
    DEPRESSION, TREATMENT_RESISTANT_DEPRESSION, DEPRESSION_WITH_SUICIDAL_IDEATION, BIPOLAR_DEPRESSION,
    ANXIETY, PTSD, OCD;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
