package org.kap.core.spacing;

import org.kap.core.rule.Evidence;
import org.kap.core.rule.Finding;
import org.kap.core.rule.ProtocolRef;
import org.kap.core.rule.Rule;
import org.kap.core.rule.RuleInfo;
import org.kap.core.units.Units;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** How far apart and how often dosing sessions may be. */
public sealed interface SpacingRule extends Rule {

    Optional<Evidence> violation(SpacingContext context);

    /** Frequency by phase is checked when a dose is approved; interval and plain frequency when the session starts. */
    boolean checkedAtApproval();

    default Optional<Finding> check(ProtocolRef protocol, SpacingContext context) {
        return violation(context).map(e -> info().fired(protocol, e));
    }

    private static String sessions(int count) {
        return count == 1 ? "1 session" : count + " sessions";
    }

    /** {@code interval at least 7 days} between the starts of consecutive sessions. */
    record MinimumInterval(RuleInfo info, Duration minimum) implements SpacingRule {
        public MinimumInterval {
            Objects.requireNonNull(info, "rule");
            Objects.requireNonNull(minimum, "minimum interval");
        }

        @Override
        public Optional<Evidence> violation(SpacingContext context) {
            return context.lastSession()
                    .map(last -> Duration.between(last, context.at()))
                    .filter(since -> since.compareTo(minimum) < 0)
                    .map(since -> Evidence.of(Units.format(since.truncatedTo(java.time.temporal.ChronoUnit.MINUTES))
                            + " since the last session", "<", minimum));
        }

        @Override
        public boolean checkedAtApproval() {
            return false;
        }

        @Override
        public String describe() {
            return "interval at least " + Units.format(minimum);
        }
    }

    /** {@code at most 4 sessions per 28 days}. */
    record SessionFrequency(RuleInfo info, int maximum, Window window) implements SpacingRule {
        public SessionFrequency {
            Objects.requireNonNull(info, "rule");
            Objects.requireNonNull(window, "window");
            if (maximum < 1) {
                throw new IllegalArgumentException("a frequency limit allows at least 1 session");
            }
        }

        @Override
        public Optional<Evidence> violation(SpacingContext context) {
            int count = context.sessionsIn(window);
            return count <= maximum ? Optional.empty()
                    : Optional.of(Evidence.of(count + " sessions " + window, ">", sessions(maximum)));
        }

        @Override
        public boolean checkedAtApproval() {
            return false;
        }

        @Override
        public String describe() {
            return "at most " + maximum + " sessions " + window;
        }
    }

    /** {@code weeks 1-4: at most 2 sessions per calendar week}; weeks count from the first dose. */
    record PhaseFrequency(RuleInfo info, int fromWeek, Integer toWeek, int maximum, Window window) implements SpacingRule {
        public PhaseFrequency {
            Objects.requireNonNull(info, "rule");
            Objects.requireNonNull(window, "window");
            if (fromWeek < 1 || (toWeek != null && toWeek < fromWeek)) {
                throw new IllegalArgumentException("a phase runs from week 1 or later, and ends no earlier than it starts");
            }
            if (maximum < 1) {
                throw new IllegalArgumentException("a phase allows at least 1 session");
            }
        }

        public boolean covers(int week) {
            return week >= fromWeek && (toWeek == null || week <= toWeek);
        }

        @Override
        public Optional<Evidence> violation(SpacingContext context) {
            int week = context.weekOfCourse();
            if (!covers(week)) {
                return Optional.empty();
            }
            int count = context.sessionsIn(window);
            return count <= maximum ? Optional.empty()
                    : Optional.of(Evidence.of(count + " sessions " + window + " in week " + week, ">", sessions(maximum)));
        }

        @Override
        public boolean checkedAtApproval() {
            return true;
        }

        @Override
        public String describe() {
            return "weeks " + fromWeek + "-" + (toWeek == null ? "on" : toWeek) + ": at most " + maximum + " sessions " + window;
        }
    }
}
