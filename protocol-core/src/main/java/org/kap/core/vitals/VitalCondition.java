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

    /** Whether the reading measured what the condition reads (a score is never in a reading of vital signs). */
    boolean measuredIn(VitalSigns reading);

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
        public boolean measuredIn(VitalSigns reading) {
            return reading.get(bound.sign()).isPresent();
        }

        @Override
        public String toString() {
            return bound.toString();
        }
    }

    /** {@code systolic rise >= 40 mmHg over baseline} */
    record RiseOverBaseline(VitalSign sign, Quantity rise) implements VitalCondition {
        @Override
        public boolean measuredIn(VitalSigns reading) {
            return reading.get(sign).isPresent();
        }

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
        @Override
        public boolean measuredIn(VitalSigns reading) {
            return reading.get(sign).isPresent();
        }

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

    /**
     * {@code moaas <= 3}: a score assessed during the session (a sedation, recovery or dissociation scale). Readings of
     * vital signs never meet it; a recorded score does ({@link #matchScore}).
     */
    record Score(org.kap.core.outcome.Instrument instrument, org.kap.core.rule.Comparison comparison, int value)
            implements VitalCondition {
        public Score {
            Objects.requireNonNull(instrument, "instrument");
            Objects.requireNonNull(comparison, "comparison");
            if (!instrument.inRange(value)) {
                throw new IllegalArgumentException(instrument.label() + " scores range " + instrument.min() + "-" + instrument.max());
            }
        }

        @Override
        public Optional<Evidence> match(VitalSigns reading, VitalSigns baseline) {
            return Optional.empty();
        }

        @Override
        public boolean measuredIn(VitalSigns reading) {
            return false;
        }

        /** Evidence when a score of this instrument meets the condition: {@code MOAA/S 3 <= 3}. */
        public Optional<Evidence> matchScore(org.kap.core.outcome.Instrument assessed, int score) {
            return assessed == instrument && comparison.holds(Integer.compare(score, value))
                    ? Optional.of(Evidence.of(instrument.label() + " " + score, comparison.symbol(), value))
                    : Optional.empty();
        }

        @Override
        public String toString() {
            return instrument.code() + " " + comparison.symbol() + " " + value;
        }
    }

    /** {@code systolic > 180 mmHg and heart_rate > 120 bpm}: every part on the same reading. */
    record AllOf(java.util.List<VitalCondition> parts) implements VitalCondition {
        public AllOf {
            parts = java.util.List.copyOf(parts);
            if (parts.size() < 2 || parts.stream().anyMatch(Score.class::isInstance)) {
                throw new IllegalArgumentException("'and' joins at least two conditions on vital signs");
            }
        }

        @Override
        public Optional<Evidence> match(VitalSigns reading, VitalSigns baseline) {
            java.util.List<Evidence> all = new java.util.ArrayList<>();
            for (VitalCondition part : parts) {
                Optional<Evidence> e = part.match(reading, baseline);
                if (e.isEmpty()) {
                    return Optional.empty();
                }
                all.add(e.get());
            }
            return Optional.of(new Evidence(all.stream().map(Evidence::toString).collect(java.util.stream.Collectors.joining(" and ")),
                    "matches", toString()));
        }

        /**
         * A reading that measured any part counts when readings are counted back: one that measured a part and not
         * another cannot show the whole condition, so it breaks the run rather than being skipped over.
         */
        @Override
        public boolean measuredIn(VitalSigns reading) {
            return parts.stream().anyMatch(p -> p.measuredIn(reading));
        }

        @Override
        public String toString() {
            return parts.stream().map(p -> p instanceof AnyOf ? "(" + p + ")" : p.toString())
                    .collect(java.util.stream.Collectors.joining(" and "));
        }
    }

    /** {@code systolic > 180 mmHg or diastolic > 110 mmHg}: any part on the reading; the evidence names each that met it. */
    record AnyOf(java.util.List<VitalCondition> parts) implements VitalCondition {
        public AnyOf {
            parts = java.util.List.copyOf(parts);
            if (parts.size() < 2 || parts.stream().anyMatch(Score.class::isInstance)) {
                throw new IllegalArgumentException("'or' joins at least two conditions on vital signs");
            }
        }

        @Override
        public Optional<Evidence> match(VitalSigns reading, VitalSigns baseline) {
            java.util.List<Evidence> met = parts.stream().map(p -> p.match(reading, baseline)).flatMap(Optional::stream).toList();
            if (met.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(met.size() == 1 ? met.get(0) : new Evidence(met.stream().map(Evidence::toString)
                    .collect(java.util.stream.Collectors.joining(" and ")), "matches", toString()));
        }

        @Override
        public boolean measuredIn(VitalSigns reading) {
            return parts.stream().anyMatch(p -> p.measuredIn(reading));
        }

        @Override
        public String toString() {
            return parts.stream().map(p -> p instanceof AllOf ? "(" + p + ")" : p.toString())
                    .collect(java.util.stream.Collectors.joining(" or "));
        }
    }
}
