package org.kap.core.adverse;

import java.util.Locale;

/**
 * The adverse events seen with ketamine sessions, as the Ketalar and Spravato labels list them
 * (dissociation, sedation, blood-pressure rise, respiratory depression, emergence reactions, urinary symptoms).
 */
public enum AdverseEventType {
    HYPERTENSION, RESPIRATORY_DEPRESSION, SEDATION, DISSOCIATION, NAUSEA_VOMITING, EMERGENCE_REACTION,
    TACHYCARDIA, ALLERGIC_REACTION, URINARY_SYMPTOMS, CHEST_PAIN, SEIZURE, SUICIDALITY, OTHER;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
