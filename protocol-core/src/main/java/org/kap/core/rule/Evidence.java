package org.kap.core.rule;

import org.kap.core.units.Quantity;

/**
 * What a rule saw and what it compared it with, ready to be read by a person:
 * {@code observed relation limit}, e.g. {@code 1.6 mg/kg > 1.5 mg/kg}.
 */
public record Evidence(String observed, String relation, String limit) {

    public static Evidence of(Object observed, String relation, Object limit) {
        return new Evidence(text(observed), relation, text(limit));
    }

    private static String text(Object value) {
        if (value instanceof Quantity q) {
            return Quantity.format(q);
        }
        if (value instanceof java.time.Duration d) {
            return org.kap.core.units.Units.format(d);
        }
        return String.valueOf(value);
    }

    @Override
    public String toString() {
        return observed + " " + relation + " " + limit;
    }
}
