package org.kap.core.observation;

import java.util.Locale;

/**
 * The moment an observation clock starts. The label says "after administration"; clinics differ,
 * so a protocol names it: the first dose, the last device or booster, or the end of the infusion.
 */
public enum Anchor {
    DOSE_START, LAST_DEVICE, INFUSION_END;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
