package org.kap.core.units;

import java.math.BigDecimal;

/** An infusion rate in mg/kg/h. */
public record MilligramsPerKilogramPerHour(BigDecimal value) implements Quantity, Comparable<MilligramsPerKilogramPerHour> {

    public MilligramsPerKilogramPerHour {
        value = Quantity.checked(value, Unit.MG_PER_KG_PER_HOUR);
    }

    public static MilligramsPerKilogramPerHour of(String value) {
        return new MilligramsPerKilogramPerHour(new BigDecimal(value));
    }

    public static MilligramsPerKilogramPerHour of(long value) {
        return new MilligramsPerKilogramPerHour(BigDecimal.valueOf(value));
    }

    @Override
    public Unit unit() {
        return Unit.MG_PER_KG_PER_HOUR;
    }

    @Override
    public int compareTo(MilligramsPerKilogramPerHour other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return Quantity.format(this);
    }
}
