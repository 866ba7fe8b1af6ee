package org.kap.core.outcome;

import org.kap.core.rule.Rule;
import org.kap.core.rule.RuleInfo;
import org.kap.core.units.Percent;

import java.util.Objects;

/** Which outcomes a protocol measures, and when the course must be reviewed. */
public sealed interface OutcomeRule extends Rule {

    /** {@code measure phq9}: the instrument this protocol tracks. */
    record OutcomeMeasure(RuleInfo info, Instrument instrument) implements OutcomeRule {
        public OutcomeMeasure {
            Objects.requireNonNull(info, "rule");
            Objects.requireNonNull(instrument, "instrument");
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

        @Override
        public String describe() {
            return "review after " + afterSessions + " sessions"
                    + (instrument == null ? "" : " unless " + instrument.label() + " improved by " + requiredImprovement);
        }
    }
}
