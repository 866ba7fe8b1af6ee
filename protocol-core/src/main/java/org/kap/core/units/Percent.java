package org.kap.core.units;

import java.math.BigDecimal;

/** A percentage: oxygen saturation, or a change relative to a baseline. */
public record Percent(BigDecimal value) implements Quantity, Comparable<Percent> {

    public Percent {
        value = Quantity.checked(value, Unit.PERCENT);
    }

    public static Percent of(String value) {
        return new Percent(new BigDecimal(value));
    }

    public static Percent of(long value) {
        return new Percent(BigDecimal.valueOf(value));
    }

    @Override
    public Unit unit() {
        return Unit.PERCENT;
    }

    @Override
    public int compareTo(Percent other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return Quantity.format(this);
    }
}
