package org.kap.core.vitals;

import org.kap.core.rule.Evidence;
import org.kap.core.units.Percent;
import org.kap.core.units.Quantity;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/** A condition on one in-session reading, absolute or relative to the pre-dose baseline. */
public sealed interface VitalCondition {

    /** Evidence when the reading meets the condition; empty when it does not or the sign was not measured. */
    Optional<Evidence> match(VitalSigns reading, VitalSigns baseline);

    VitalSign sign();

    /** {@code spo2 < 93 %} */
    record Absolute(VitalBound bound) implements VitalCondition {
        public Absolute {
            Objects.requireNonNull(bound, "bound");
        }

        @Override
        public Optional<Evidence> match(VitalSigns reading, VitalSigns baseline) {
            return bound.holdsFor(reading).filter(Boolean::booleanValue).map(yes -> bound.evidenceHolding(reading));
        }

        @Override
        public VitalSign sign() {
            return bound.sign();
        }

        @Override
        public String toString() {
            return bound.toString();
        }
    }

    /** {@code systolic rise >= 40 mmHg over baseline} */
    record RiseOverBaseline(VitalSign sign, Quantity rise) implements VitalCondition {
        public RiseOverBaseline {
            Objects.requireNonNull(sign, "sign");
            Objects.requireNonNull(rise, "rise");
            if (rise.unit() != sign.unit()) {
                throw new IllegalArgumentException("a rise in " + sign.label() + " is in " + sign.unit().symbol()
                        + ", not " + rise.unit().symbol());
            }
        }

        @Override
        public Optional<Evidence> match(VitalSigns reading, VitalSigns baseline) {
            if (baseline == null) {
                return Optional.empty();
            }
            Optional<Quantity> now = reading.get(sign);
            Optional<Quantity> before = baseline.get(sign);
            if (now.isEmpty() || before.isEmpty()) {
                return Optional.empty();
            }
            BigDecimal delta = now.get().value().subtract(before.get().value());
            return delta.compareTo(rise.value()) >= 0
                    ? Optional.of(Evidence.of(sign.label() + " rise " + delta.toPlainString() + " " + sign.unit().symbol()
                    + " (" + Quantity.format(before.get()) + " to " + Quantity.format(now.get()) + ")", ">=", rise))
                    : Optional.empty();
        }

        @Override
        public String toString() {
            return sign.label() + " rise >= " + Quantity.format(rise) + " over baseline";
        }
    }

    /** {@code heart_rate rise >= 30 % over baseline} */
    record RisePercentOverBaseline(VitalSign sign, Percent rise) implements VitalCondition {
        public RisePercentOverBaseline {
            Objects.requireNonNull(sign, "sign");
            Objects.requireNonNull(rise, "rise");
        }

        @Override
        public Optional<Evidence> match(VitalSigns reading, VitalSigns baseline) {
            if (baseline == null) {
                return Optional.empty();
            }
            Optional<Quantity> now = reading.get(sign);
            Optional<Quantity> before = baseline.get(sign);
            if (now.isEmpty() || before.isEmpty() || before.get().value().signum() == 0) {
                return Optional.empty();
            }
            BigDecimal percent = now.get().value().subtract(before.get().value())
                    .multiply(BigDecimal.valueOf(100))
                    .divide(before.get().value(), MathContext.DECIMAL64);
            return percent.compareTo(rise.value()) >= 0
                    ? Optional.of(Evidence.of(sign.label() + " rise " + percent.setScale(1, RoundingMode.HALF_UP).toPlainString()
                    + " %", ">=", rise))
                    : Optional.empty();
        }

        @Override
        public String toString() {
            return sign.label() + " rise >= " + Quantity.format(rise) + " over baseline";
        }
    }
}
