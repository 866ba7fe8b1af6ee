package org.kap.core.outcome;

import org.kap.core.rule.Evidence;
import org.kap.core.rule.Rule;
import org.kap.core.rule.RuleInfo;
import org.kap.core.units.Percent;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which outcomes a protocol measures, and when the course must be reviewed. Each kind says, here beside its
 * definition, whether it makes a review due; a new kind does not compile until it does.
 */
public sealed interface OutcomeRule extends Rule {

    /**
     * Whether the rule makes a prescriber's review due before the next dose, and on what evidence.
     *
     * @param completed            sessions completed in the course
     * @param completedAtLastReview sessions completed when the course was last reviewed
     * @param scores               each instrument's outcome scores, in the order they were taken
     */
    Optional<Evidence> reviewDue(int completed, int completedAtLastReview, Map<Instrument, List<Integer>> scores);

    /** {@code measure phq9}: the instrument this protocol tracks. */
    record OutcomeMeasure(RuleInfo info, Instrument instrument) implements OutcomeRule {
        public OutcomeMeasure {
            Objects.requireNonNull(info, "rule");
            Objects.requireNonNull(instrument, "instrument");
        }

        /** Measuring an instrument asks for no review by itself. */
        @Override
        public Optional<Evidence> reviewDue(int completed, int completedAtLastReview, Map<Instrument, List<Integer>> scores) {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return "measure " + instrument.label();
        }
    }

    /**
     * {@code review after 6 sessions unless phq9 improved by 50 %}: after that many sessions no
     * further dose is approved until a prescriber reviews the course, unless the instrument shows
     * the required improvement from its first score. Without an instrument the review is always due.
     */
    record ReviewPoint(RuleInfo info, int afterSessions, Instrument instrument, Percent requiredImprovement)
            implements OutcomeRule {
        public ReviewPoint {
            Objects.requireNonNull(info, "rule");
            if (afterSessions < 1) {
                throw new IllegalArgumentException("a review point comes after at least 1 session");
            }
            if ((instrument == null) != (requiredImprovement == null)) {
                throw new IllegalArgumentException("a response criterion names both an instrument and an improvement");
            }
        }

        /**
         * Due once the course has completed the sessions and not been reviewed since, unless (with a response criterion)
         * the instrument improved enough from its first score to its latest.
         */
        @Override
        public Optional<Evidence> reviewDue(int completed, int completedAtLastReview, Map<Instrument, List<Integer>> scores) {
            if (completed < afterSessions || completedAtLastReview >= afterSessions) {
                return Optional.empty();
            }
            if (instrument == null) {
                return Optional.of(Evidence.of(completed + " sessions completed", ">=", afterSessions + " sessions, review due"));
            }
            List<Integer> taken = scores.getOrDefault(instrument, List.of());
            if (taken.size() < 2) {
                return Optional.of(Evidence.of(instrument.label() + " scored " + taken.size() + " times", "<",
                        "a baseline and a current score to judge response"));
            }
            int first = taken.get(0);
            int latest = taken.get(taken.size() - 1);
            BigDecimal improvement = improvement(first, latest, instrument.higherIsWorse());
            if (improvement.compareTo(requiredImprovement.value()) >= 0) {
                return Optional.empty();
            }
            return Optional.of(Evidence.of(instrument.label() + " " + first + " to " + latest + ", improved "
                    + improvement.setScale(1, RoundingMode.HALF_UP).toPlainString() + " %", "<", requiredImprovement));
        }

        /** Improvement in percent of the baseline: a fall for symptom scales, a rise otherwise; never below zero. */
        static BigDecimal improvement(int first, int latest, boolean higherIsWorse) {
            if (first == 0) {
                return BigDecimal.ZERO;
            }
            int better = higherIsWorse ? first - latest : latest - first;
            BigDecimal percent = BigDecimal.valueOf(better).multiply(BigDecimal.valueOf(100))
                    .divide(BigDecimal.valueOf(first), MathContext.DECIMAL64);
            return percent.signum() < 0 ? BigDecimal.ZERO : percent;
        }

        @Override
        public String describe() {
            return "review after " + afterSessions + " sessions"
                    + (instrument == null ? "" : " unless " + instrument.label() + " improved by " + requiredImprovement);
        }
    }
}
