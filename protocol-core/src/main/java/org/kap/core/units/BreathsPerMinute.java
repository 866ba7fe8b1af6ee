package org.kap.core.units;

import java.math.BigDecimal;

/** Respiratory rate in breaths per minute. */
public record BreathsPerMinute(BigDecimal value) implements Quantity, Comparable<BreathsPerMinute> {

    public BreathsPerMinute {
        value = Quantity.checked(value, Unit.BREATHS_PER_MINUTE);
    }

    public static BreathsPerMinute of(String value) {
        return new BreathsPerMinute(new BigDecimal(value));
    }

    public static BreathsPerMinute of(long value) {
        return new BreathsPerMinute(BigDecimal.valueOf(value));
    }

    @Override
    public Unit unit() {
        return Unit.BREATHS_PER_MINUTE;
    }

    @Override
    public int compareTo(BreathsPerMinute other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return Quantity.format(this);
    }
}
