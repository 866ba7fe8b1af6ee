package org.kap.core.sequencing;

import org.kap.core.dosing.Route;
import org.kap.core.rule.Rule;
import org.kap.core.rule.RuleInfo;
import org.kap.core.units.Units;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/** The order of the course's steps: preparation before the first dose, integration after each. */
public sealed interface SequencingRule extends Rule {

    /** {@code preparation: 3 sessions before the first dose}. */
    record PreparationRequired(RuleInfo info, int sessions) implements SequencingRule {
        public PreparationRequired {
            Objects.requireNonNull(info, "rule");
            if (sessions < 1) {
                throw new IllegalArgumentException("require at least 1 preparation session, or leave the rule out");
            }
        }

        @Override
        public String describe() {
            return sessions + " preparation sessions before the first dose";
        }
    }

    /**
     * {@code integration for IM within 1-3 days after each session}. Completion outside the window is
     * recorded as such and warned about; it does not undo the integration.
     */
    record IntegrationWindow(RuleInfo info, Set<Route> routes, Duration earliest, Duration latest) implements SequencingRule {
        public IntegrationWindow {
            Objects.requireNonNull(info, "rule");
            routes = Set.copyOf(routes);
            Objects.requireNonNull(earliest, "window start");
            Objects.requireNonNull(latest, "window end");
            if (latest.compareTo(earliest) < 0) {
                throw new IllegalArgumentException("an integration window cannot end before it starts");
            }
        }

        /** An empty route set means every route. */
        public boolean appliesTo(Route route) {
            return routes.isEmpty() || routes.contains(route);
        }

        public boolean within(Instant discharged, Instant completed) {
            Duration after = Duration.between(discharged, completed);
            return after.compareTo(earliest) >= 0 && after.compareTo(latest) <= 0;
        }

        @Override
        public String describe() {
            return "integration " + (routes.isEmpty() ? "" : "for " + routes + " ") + "within "
                    + Units.format(earliest) + " to " + Units.format(latest) + " after discharge";
        }
    }

    /** {@code integration before the next dose}: a session cannot start while the previous one awaits integration. */
    record IntegrationBeforeNextDose(RuleInfo info) implements SequencingRule {
        public IntegrationBeforeNextDose {
            Objects.requireNonNull(info, "rule");
        }

        @Override
        public String describe() {
            return "integration completed before the next dose";
        }
    }
}
