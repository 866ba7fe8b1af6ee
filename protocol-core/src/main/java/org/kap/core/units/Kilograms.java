package org.kap.core.units;

import java.math.BigDecimal;

/** Body weight in kilograms. */
public record Kilograms(BigDecimal value) implements Quantity, Comparable<Kilograms> {

    public Kilograms {
        value = Quantity.checked(value, Unit.KG);
    }

    public static Kilograms of(String value) {
        return new Kilograms(new BigDecimal(value));
    }

    public static Kilograms of(long value) {
        return new Kilograms(BigDecimal.valueOf(value));
    }

    @Override
    public Unit unit() {
        return Unit.KG;
    }

    @Override
    public int compareTo(Kilograms other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return Quantity.format(this);
    }
}
