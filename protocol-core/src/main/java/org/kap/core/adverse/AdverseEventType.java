package org.kap.core.adverse;

import java.util.Locale;

/** The adverse events seen with ketamine sessions (shared/domain/REFERENCE.md section 5.2). */
public enum AdverseEventType {
    HYPERTENSION, RESPIRATORY_DEPRESSION, SEDATION, DISSOCIATION, NAUSEA_VOMITING, EMERGENCE_REACTION,
    TACHYCARDIA, ALLERGIC_REACTION, URINARY_SYMPTOMS, CHEST_PAIN, SEIZURE, SUICIDALITY, OTHER;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
