package org.kap.core.course;

import org.kap.core.course.CourseCommand.StartSession;
import org.kap.core.protocol.Protocol;
import org.kap.core.rule.Decision;
import org.kap.core.rule.Evidence;
import org.kap.core.sequencing.SequencingFacts;
import org.kap.core.session.SessionStart;
import org.kap.core.spacing.SpacingContext;
import org.kap.core.spacing.SpacingRule;

import java.time.Instant;
import java.time.ZoneId;

/**
 * Session start: setting, pre-dose vitals and their recency, a fresh approval, preparation,
 * interval and frequency, integration of the previous session, open serious adverse events, the
 * screening rules again on what is known of the client at the dose, and a halted course.
 */
public final class SessionDecision {

    private SessionDecision() {
    }

    /** @param approval the approval the session would give; null when there is none, which refuses the start */
    public static Decision decide(Protocol protocol, CourseState state, StartSession command, PendingApproval approval,
                                  Instant at, ZoneId zone) {
        DecisionBuilder decision = new DecisionBuilder(protocol, state);
        if (Blocks.course(state, decision) || Blocks.session(state, null, false, decision)) {
            return decision.decideWithoutOverrides(); // a blocked act uses no override
        }
        if (approval == null) {
            return decision.fire(EngineRules.NO_APPROVAL, Evidence.of("no approved dose pending", "required", "to start a session"))
                    .decideWithoutOverrides();
        }
        SessionStart start = new SessionStart(at, command.setting(), command.preDoseVitals(), approval.approvedAt(),
                state.facts().profileAt(at));
        protocol.sessionStart().forEach(rule -> decision.add(rule.check(protocol.ref(), start)));

        SequencingFacts sequence = SequencingFacts.atSessionStart(at, state.sessions().size(), state.preparationSessions(),
                state.lastSession().filter(SessionRecord::awaitingIntegration).map(SessionRecord::number).orElse(null));
        protocol.sequencing().forEach(rule -> decision.add(rule.check(protocol.ref(), sequence)));
        SpacingContext spacing = new SpacingContext(at, state.sessionStarts(), zone);
        protocol.spacing().stream().filter(rule -> !rule.checkedAtApproval())
                .forEach(rule -> decision.add(rule.check(protocol.ref(), spacing)));

        state.adverseEvents().stream().filter(ae -> ae.open() && ae.serious()).forEach(ae ->
                decision.fire(EngineRules.OPEN_SERIOUS_ADVERSE_EVENT,
                        Evidence.of(ae.id() + " " + ae.type().code() + " grade " + ae.grade() + " open", "blocks", "dosing")));
        ClientRecheck.atDosingAct(protocol, state, at, decision);
        Blocks.halted(state, decision);
        return decision.decide();
    }
}
