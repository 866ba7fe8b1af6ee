package org.kap.core.units;

/** The units the engine knows. Every quantity carries one; there are no bare numbers. */
public enum Unit {
    MG("mg"),
    MG_PER_KG("mg/kg"),
    MG_PER_KG_PER_HOUR("mg/kg/h"),
    KG("kg"),
    MMHG("mmHg"),
    BPM("bpm"),
    BREATHS_PER_MINUTE("breaths/min"),
    PERCENT("%"),
    UNITS_PER_LITRE("U/L");

    private final String symbol;

    Unit(String symbol) {
        this.symbol = symbol;
    }

    /** The symbol as clinicians write it, e.g. {@code mg/kg}. */
    public String symbol() {
        return symbol;
    }
}
