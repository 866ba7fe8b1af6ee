package org.kap.core.sequencing;

import org.kap.core.dosing.Route;
import org.kap.core.rule.Enforcement;
import org.kap.core.rule.Evidence;
import org.kap.core.rule.Finding;
import org.kap.core.rule.ProtocolRef;
import org.kap.core.rule.Rule;
import org.kap.core.rule.RuleInfo;
import org.kap.core.units.Units;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The order of the course's steps: preparation before the first dose, integration after each. Each kind decides
 * itself, here beside its definition, at the acts it concerns; a new kind does not compile until it says what it
 * finds at each act.
 */
public sealed interface SequencingRule extends Rule {

    /** What the rule finds at this act, if anything: a refusal by its enforcement, or for an integration window a warning. */
    Optional<Finding> check(ProtocolRef protocol, SequencingFacts facts);

    /** Whether a session by this route is followed by an integration session under this rule. */
    boolean expectsIntegrationAfter(Route route);

    /** {@code 3 preparation sessions before first dose}. */
    record PreparationRequired(RuleInfo info, int sessions) implements SequencingRule {
        public PreparationRequired {
            Objects.requireNonNull(info, "rule");
            if (sessions < 1) {
                throw new IllegalArgumentException("require at least 1 preparation session, or leave the rule out");
            }
        }

        @Override
        public Optional<Finding> check(ProtocolRef protocol, SequencingFacts facts) {
            if (facts.act() != SequencingFacts.Act.SESSION_START || facts.sessionsGiven() > 0
                    || facts.preparationSessions() >= sessions) {
                return Optional.empty();
            }
            return Optional.of(info.fired(protocol, Evidence.of(facts.preparationSessions() + " preparation sessions", "<",
                    sessions + " preparation sessions")));
        }

        @Override
        public boolean expectsIntegrationAfter(Route route) {
            return false;
        }

        @Override
        public String describe() {
            return sessions + " preparation sessions before the first dose";
        }
    }

    /**
     * {@code integration for IM within 1 day to 3 days after discharge}. Completion outside the window is
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
        public boolean expectsIntegrationAfter(Route route) {
            return appliesTo(route);
        }

        /** Completion outside the window is recorded with a warning: the integration itself is never refused. */
        @Override
        public Optional<Finding> check(ProtocolRef protocol, SequencingFacts facts) {
            if (facts.act() != SequencingFacts.Act.INTEGRATION || !appliesTo(facts.route())
                    || within(facts.discharged(), facts.at())) {
                return Optional.empty();
            }
            Duration after = Duration.between(facts.discharged(), facts.at()).truncatedTo(ChronoUnit.MINUTES);
            return Optional.of(info.withEnforcement(Enforcement.WARNING).fired(protocol, Evidence.of(
                    Units.format(after) + " after discharge", "outside", Units.format(earliest) + " to " + Units.format(latest))));
        }

        @Override
        public String describe() {
            return "integration " + (routes.isEmpty() ? "" : "for " + routes + " ") + "within "
                    + Units.format(earliest) + " to " + Units.format(latest) + " after discharge";
        }
    }

    /** {@code integration before next dose}: a session cannot start while the previous one awaits integration. */
    record IntegrationBeforeNextDose(RuleInfo info) implements SequencingRule {
        public IntegrationBeforeNextDose {
            Objects.requireNonNull(info, "rule");
        }

        @Override
        public Optional<Finding> check(ProtocolRef protocol, SequencingFacts facts) {
            if (facts.act() != SequencingFacts.Act.SESSION_START || facts.awaitingIntegration() == null) {
                return Optional.empty();
            }
            return Optional.of(info.fired(protocol, Evidence.of("session " + facts.awaitingIntegration()
                    + " integration not completed", "required", "before the next dose")));
        }

        @Override
        public boolean expectsIntegrationAfter(Route route) {
            return true;
        }

        @Override
        public String describe() {
            return "integration completed before the next dose";
        }
    }
}
