package org.kap.core.units;

import java.math.BigDecimal;
import java.math.MathContext;

/** A fixed amount of drug in mg. */
public record Milligrams(BigDecimal value) implements Dose, Comparable<Milligrams> {

    public static final Milligrams ZERO = new Milligrams(BigDecimal.ZERO);

    public Milligrams {
        value = Quantity.checked(value, Unit.MG);
    }

    public static Milligrams of(String value) {
        return new Milligrams(new BigDecimal(value));
    }

    public static Milligrams of(long value) {
        return new Milligrams(BigDecimal.valueOf(value));
    }

    public Milligrams plus(Milligrams other) {
        return new Milligrams(value.add(other.value));
    }

    /** The weight-based equivalent, kept to 3 decimals for display; limits are compared in mg, exactly. */
    public MilligramsPerKilogram per(Kilograms weight) {
        return new MilligramsPerKilogram(value.divide(weight.value(), MathContext.DECIMAL64)
                .setScale(3, java.math.RoundingMode.HALF_UP));
    }

    @Override
    public Milligrams inMilligrams(Kilograms weight) {
        return this;
    }

    @Override
    public Unit unit() {
        return Unit.MG;
    }

    @Override
    public int compareTo(Milligrams other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return Quantity.format(this);
    }
}
