package org.kap.core.session;

import java.util.Locale;

/** What the place and team of a session must provide, confirmed by the clinician who starts it. */
public enum SettingFeature {
    CERTIFIED_SETTING,
    PRESCRIBER_ON_SITE,
    PULSE_OXIMETER,
    BLOOD_PRESSURE_MONITOR,
    RESUSCITATION_EQUIPMENT,
    PATIENT_ENROLLED,
    CHAPERONE_PRESENT;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
