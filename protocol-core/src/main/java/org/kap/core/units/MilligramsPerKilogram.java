package org.kap.core.units;

import java.math.BigDecimal;

/** A weight-based amount of drug in mg/kg. */
public record MilligramsPerKilogram(BigDecimal value) implements Dose, Comparable<MilligramsPerKilogram> {

    public MilligramsPerKilogram {
        value = Quantity.checked(value, Unit.MG_PER_KG);
    }

    public static MilligramsPerKilogram of(String value) {
        return new MilligramsPerKilogram(new BigDecimal(value));
    }

    /** Exact: mg/kg times kg has no rounding, so limits converted to mg are never loosened. */
    @Override
    public Milligrams inMilligrams(Kilograms weight) {
        return new Milligrams(value.multiply(weight.value()));
    }

    @Override
    public Unit unit() {
        return Unit.MG_PER_KG;
    }

    @Override
    public int compareTo(MilligramsPerKilogram other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return Quantity.format(this);
    }
}
