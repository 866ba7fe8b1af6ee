package org.kap.core.vitals;

import org.kap.core.units.Unit;

/** The vital signs a protocol can set limits on, each with the one unit it is measured in. */
public enum VitalSign {
    SYSTOLIC(Unit.MMHG),
    DIASTOLIC(Unit.MMHG),
    HEART_RATE(Unit.BPM),
    SPO2(Unit.PERCENT),
    RESPIRATORY_RATE(Unit.BREATHS_PER_MINUTE);

    private final Unit unit;

    VitalSign(Unit unit) {
        this.unit = unit;
    }

    public Unit unit() {
        return unit;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
