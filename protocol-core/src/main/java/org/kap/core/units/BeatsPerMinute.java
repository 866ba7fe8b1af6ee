package org.kap.core.units;

import java.math.BigDecimal;

/** Heart rate in beats per minute. */
public record BeatsPerMinute(BigDecimal value) implements Quantity, Comparable<BeatsPerMinute> {

    public BeatsPerMinute {
        value = Quantity.checked(value, Unit.BPM);
    }

    public static BeatsPerMinute of(String value) {
        return new BeatsPerMinute(new BigDecimal(value));
    }

    public static BeatsPerMinute of(long value) {
        return new BeatsPerMinute(BigDecimal.valueOf(value));
    }

    @Override
    public Unit unit() {
        return Unit.BPM;
    }

    @Override
    public int compareTo(BeatsPerMinute other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return Quantity.format(this);
    }
}
