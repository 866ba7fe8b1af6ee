package org.kap.core.units;

import java.math.BigDecimal;

/** Blood pressure in mmHg. */
public record MillimetresOfMercury(BigDecimal value) implements Quantity, Comparable<MillimetresOfMercury> {

    public MillimetresOfMercury {
        value = Quantity.checked(value, Unit.MMHG);
    }

    public static MillimetresOfMercury of(String value) {
        return new MillimetresOfMercury(new BigDecimal(value));
    }

    public static MillimetresOfMercury of(long value) {
        return new MillimetresOfMercury(BigDecimal.valueOf(value));
    }

    @Override
    public Unit unit() {
        return Unit.MMHG;
    }

    @Override
    public int compareTo(MillimetresOfMercury other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return Quantity.format(this);
    }
}
