package org.kap.core.course;

import org.kap.core.protocol.Protocol;
import org.kap.core.rule.Decision;
import org.kap.core.rule.Evidence;

import java.time.Instant;

/**
 * Giving an approved booster: the course must still allow dosing, its session must be open and not
 * stopped, and what is known of the client now is checked again (a finding recorded since the
 * approval counts). A halted course gives no booster.
 */
public final class BoosterDecision {

    private BoosterDecision() {
    }

    /** @param approval the booster approval to give; null when there is none, which refuses it */
    public static Decision decide(Protocol protocol, CourseState state, PendingApproval approval, Instant at) {
        DecisionBuilder decision = new DecisionBuilder(protocol, state);
        if (Blocks.course(state, decision) || Blocks.session(state, approval == null ? null : approval.route(), true, decision)) {
            return decision.decideWithoutOverrides(); // a blocked act uses no override
        }
        if (approval == null) {
            return decision.fire(EngineRules.NO_APPROVAL, Evidence.of("no approved booster pending", "required",
                    "to give a booster")).decideWithoutOverrides();
        }
        ClientRecheck.atDosingAct(protocol, state, at, decision);
        Blocks.halted(state, decision);
        return decision.decide();
    }
}
