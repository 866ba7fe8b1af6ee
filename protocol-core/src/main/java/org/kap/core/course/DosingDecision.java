package org.kap.core.course;

import org.kap.core.course.CourseCommand.ApproveDose;
import org.kap.core.dosing.DoseRequest;
import org.kap.core.dosing.DoseRule;
import org.kap.core.dosing.RouteDosing;
import org.kap.core.protocol.Protocol;
import org.kap.core.rule.Decision;
import org.kap.core.rule.Evidence;
import org.kap.core.spacing.SpacingContext;
import org.kap.core.spacing.SpacingRule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Dose approval: route, dose limits on the weight measured last before it, phase frequency, the
 * screening rules again on what is known of the client now, a halted course, overdue obligations
 * that block dosing, and review points.
 */
public final class DosingDecision {

    private DosingDecision() {
    }

    public static Decision decide(Protocol protocol, CourseState state, ApproveDose command, Instant at, ZoneId zone) {
        DecisionBuilder decision = new DecisionBuilder(protocol, state);
        if (Blocks.course(state, decision) || Blocks.session(state, command.route(), command.booster(), decision)) {
            return decision.decideWithoutOverrides(); // a blocked act uses no override
        }
        Optional<RouteDosing> route = protocol.dosingFor(command.route());
        if (route.isEmpty()) {
            decision.fire(EngineRules.ROUTE, Evidence.of(command.route().code(), "not in",
                    protocol.dosing().keySet().stream().map(r -> r.code()).sorted().toList()));
        } else {
            DoseRequest request = request(state, command, at);
            for (DoseRule rule : route.get().rules()) {
                decision.add(rule.check(protocol.ref(), request));
            }
        }
        if (!command.booster()) {
            SpacingContext spacing = new SpacingContext(at, state.sessionStarts(), zone);
            protocol.spacing().stream().filter(SpacingRule::checkedAtApproval)
                    .forEach(rule -> decision.add(rule.check(protocol.ref(), spacing)));
        }
        ClientRecheck.atDosingAct(protocol, state, at, decision);
        Blocks.halted(state, decision);
        Blocks.overdueObligations(state, at, decision);
        Blocks.reviewsDue(protocol, state, decision);
        return decision.decide();
    }

    /**
     * The request as the route's rules see it. Titration and cumulative totals count sessions of the
     * same route only: 300 mg sublingual and 35 mg IM are not steps on one scale.
     */
    static DoseRequest request(CourseState state, ApproveDose command, Instant at) {
        var open = state.openSession();
        var sameRoute = state.sessions().stream().filter(s -> s.route() == command.route()).toList();
        var previous = sameRoute.stream().filter(s -> !s.open()).reduce((a, b) -> b);
        var weighing = state.facts().weightAt(at);
        return new DoseRequest(command.route(), command.dose(), weighing.weight(), command.booster(),
                command.booster() ? open.map(SessionRecord::total).orElse(null) : null,
                previous.map(SessionRecord::total).orElse(null),
                sameRoute.stream().flatMap(s -> s.doses().stream()).toList(), command.infusionDuration(), at,
                weighing.measuredAt(), state.facts().profileAt(at));
    }
}
