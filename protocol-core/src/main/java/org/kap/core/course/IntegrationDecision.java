package org.kap.core.course;

import org.kap.core.protocol.Protocol;
import org.kap.core.rule.Decision;
import org.kap.core.rule.Enforcement;
import org.kap.core.rule.Evidence;
import org.kap.core.sequencing.SequencingRule.IntegrationWindow;
import org.kap.core.units.Units;

import java.time.Duration;
import java.time.Instant;

/**
 * Integration after a dosing session. The session happened whatever the timing, so completion
 * outside the route's window is never refused: it is recorded as outside, with a warning.
 */
public final class IntegrationDecision {

    private IntegrationDecision() {
    }

    public static Decision decide(Protocol protocol, CourseState state, SessionRecord session, Instant at) {
        DecisionBuilder decision = new DecisionBuilder(protocol, state);
        Instant discharged = session.dischargedAt().orElseThrow();
        for (IntegrationWindow window : protocol.rulesOf(IntegrationWindow.class)) {
            if (window.appliesTo(session.route()) && !window.within(discharged, at)) {
                Duration after = Duration.between(discharged, at).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
                decision.fire(window.info().withEnforcement(Enforcement.WARNING), Evidence.of(
                        Units.format(after) + " after discharge", "outside",
                        Units.format(window.earliest()) + " to " + Units.format(window.latest())));
            }
        }
        return decision.decideWithoutOverrides();
    }
}
