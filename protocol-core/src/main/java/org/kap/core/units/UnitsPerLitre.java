package org.kap.core.units;

import java.math.BigDecimal;

/** An enzyme activity in units per litre: a liver test such as ALT or AST. */
public record UnitsPerLitre(BigDecimal value) implements Quantity, Comparable<UnitsPerLitre> {

    public UnitsPerLitre {
        value = Quantity.checked(value, Unit.UNITS_PER_LITRE);
    }

    @Override
    public Unit unit() {
        return Unit.UNITS_PER_LITRE;
    }

    @Override
    public int compareTo(UnitsPerLitre other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return Quantity.format(this);
    }
}
