package org.kap.core.units;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A measured or limiting value together with its unit. Each unit is its own type, so a dose in
 * mg/kg cannot be compared with a blood pressure in mmHg by mistake.
 */
public sealed interface Quantity
        permits Dose, MilligramsPerKilogramPerHour, Kilograms,
        MillimetresOfMercury, BeatsPerMinute, BreathsPerMinute, Percent, UnitsPerLitre {

    BigDecimal value();

    Unit unit();

    /** {@code 1.6 mg/kg}: the value in plain notation, then the unit symbol. */
    static String format(Quantity q) {
        String number = q.value().toPlainString();
        return q.unit() == Unit.PERCENT ? number + " %" : number + " " + q.unit().symbol();
    }

    /** Compares two quantities of the same unit; a different unit is a programming error. */
    static int compare(Quantity a, Quantity b) {
        if (a.unit() != b.unit()) {
            throw new IllegalArgumentException("cannot compare " + format(a) + " with " + format(b));
        }
        return a.value().compareTo(b.value());
    }

    /** Normalises a value so that 56 and 56.0 are equal, and rejects negatives: no unit here can be below zero. */
    static BigDecimal checked(BigDecimal value, Unit unit) {
        Objects.requireNonNull(value, () -> "a value in " + unit.symbol() + " is required");
        if (value.signum() < 0) {
            throw new IllegalArgumentException("a value in " + unit.symbol() + " cannot be negative: " + value.toPlainString());
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
