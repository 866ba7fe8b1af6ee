package org.kap.core.vitals;

import org.kap.core.rule.Comparison;
import org.kap.core.rule.Evidence;
import org.kap.core.units.Quantity;

import java.util.Objects;
import java.util.Optional;

/**
 * A comparison of one vital sign with a limit in that sign's unit: {@code systolic >= 160 mmHg}.
 * Screening uses it as a condition that excludes; pre-dose and discharge rules as a requirement.
 */
public record VitalBound(VitalSign sign, Comparison comparison, Quantity limit) implements VitalRequirement {

    public VitalBound {
        Objects.requireNonNull(sign, "vital sign");
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(limit, "limit");
        if (limit.unit() != sign.unit()) {
            throw new IllegalArgumentException(sign.label() + " is measured in " + sign.unit().symbol()
                    + ", not " + limit.unit().symbol());
        }
    }

    /** Whether the reading satisfies the bound; empty when the sign was not measured. */
    @Override
    public Optional<Boolean> holdsFor(VitalSigns reading) {
        return reading.get(sign).map(v -> comparison.holds(Quantity.compare(v, limit)));
    }

    @Override
    public java.util.List<VitalBound> failing(VitalSigns reading) {
        return holdsFor(reading).orElse(false) ? java.util.List.of() : java.util.List.of(this);
    }

    /** What the reading showed of this sign: {@code systolic 150 mmHg}, or {@code systolic not measured}. */
    String observed(VitalSigns reading) {
        return reading.get(sign).map(v -> sign.label() + " " + Quantity.format(v)).orElse(sign.label() + " not measured");
    }

    /** Evidence when the bound holds, e.g. {@code systolic 172 mmHg >= 160 mmHg}. */
    public Evidence evidenceHolding(VitalSigns reading) {
        return Evidence.of(sign.label() + " " + Quantity.format(reading.get(sign).orElseThrow()), comparison.symbol(), limit);
    }

    /** Evidence when a required bound fails, e.g. {@code systolic 172 mmHg >= 160 mmHg} for a requirement {@code < 160}. */
    @Override
    public Evidence evidenceFailing(VitalSigns reading) {
        return reading.get(sign)
                .map(v -> Evidence.of(sign.label() + " " + Quantity.format(v), comparison.negated().symbol(), limit))
                .orElseGet(() -> Evidence.of(sign.label() + " not measured", "required", this));
    }

    @Override
    public String toString() {
        return sign.label() + " " + comparison.symbol() + " " + Quantity.format(limit);
    }
}
