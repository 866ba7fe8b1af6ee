package org.kap.core.facts;

import org.kap.core.units.Unit;

import java.util.Locale;

/**
 * The laboratory tests a protocol's rules can read, each in its unit. The liver enzymes come first: the
 * ketamine labels warn of drug-induced liver injury with repeated use and ask for baseline liver tests.
 */
public enum LabTest {
    ALT("ALT", Unit.UNITS_PER_LITRE),
    AST("AST", Unit.UNITS_PER_LITRE),
    GGT("GGT", Unit.UNITS_PER_LITRE);

    private final String label;
    private final Unit unit;

    LabTest(String label, Unit unit) {
        this.label = label;
        this.unit = unit;
    }

    /** The name in the protocol language and the API: {@code alt}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return label;
    }

    public Unit unit() {
        return unit;
    }
}
