package org.kap.core.course;

import org.kap.core.protocol.Protocol;
import org.kap.core.rule.Decision;
import org.kap.core.sequencing.SequencingFacts;

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
        SequencingFacts facts = SequencingFacts.atIntegration(at, session.route(), discharged);
        protocol.sequencing().forEach(rule -> decision.add(rule.check(protocol.ref(), facts)));
        return decision.decideWithoutOverrides();
    }
}
