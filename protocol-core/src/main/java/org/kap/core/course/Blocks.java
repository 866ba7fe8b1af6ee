package org.kap.core.course;

import org.kap.core.outcome.Instrument;
import org.kap.core.outcome.OutcomeRule;
import org.kap.core.protocol.Protocol;
import org.kap.core.rule.Evidence;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Course-level conditions that block further dosing, shared by approval and session start. */
final class Blocks {

    private Blocks() {
    }

    /**
     * What stops any dose whatever the protocol says: an ended course, a client not eligible (each open
     * exclusion by its own rule) or not consented. Recorded as a refusal, so the record shows who tried.
     *
     * @return whether the act is blocked
     */
    static boolean course(CourseState state, DecisionBuilder decision) {
        if (state.ended()) {
            decision.fire(EngineRules.ENDED, Evidence.of("course " + (state.consentWithdrawn() ? "ended by withdrawn consent" : "ended"),
                    "blocks", "dosing"));
            return true;
        }
        if (!state.consented()) {
            // consent first, whatever else: no override lifts it, and an ineligible client's exclusions say why
            decision.fire(EngineRules.CONSENT, Evidence.of("consent not recorded", "required", "before dosing"));
            state.openExclusions().forEach(decision::add);
            return true;
        }
        return false;
    }

    /** A dose for the next session waits for the open one to be closed; a booster needs an open, unstopped session of its route. */
    static boolean session(CourseState state, org.kap.core.dosing.Route route, boolean booster, DecisionBuilder decision) {
        var open = state.openSession();
        if (!booster) {
            open.ifPresent(s -> decision.fire(EngineRules.SESSION_OPEN, Evidence.of("session " + s.number() + " open", "blocks",
                    "the next session's dose")));
            return open.isPresent();
        }
        if (open.isEmpty()) {
            decision.fire(EngineRules.NO_SESSION, Evidence.of("no session open", "required", "for a booster"));
            return true;
        }
        if (route != null && open.get().route() != route) {
            decision.fire(EngineRules.NO_SESSION, Evidence.of("session " + open.get().number() + " is " + open.get().route().code(),
                    "!=", "booster by " + route.code()));
            return true;
        }
        if (open.get().stoppedBy().isPresent()) {
            decision.fire(EngineRules.NO_SESSION, Evidence.of("session " + open.get().number() + " stopped by "
                    + open.get().stoppedBy().get(), "blocks", "further doses in it"));
            return true;
        }
        return false;
    }

    /**
     * A halted course doses no more; the finding names the rule that halted it, unless that rule already refuses
     * this act itself absolutely (a pregnancy found during the course refuses by its own rule, which also halted
     * the course). Only a prescriber's review lifts a halt: no override of the halting rule does.
     */
    static void halted(CourseState state, DecisionBuilder decision) {
        state.haltedBy().filter(rule -> !decision.refusedAbsolutelyBy(rule)).ifPresent(rule -> decision.fireUnliftable(rule,
                EngineRules.HALTED, Evidence.of("course halted by " + rule, "until", "a prescriber's review")));
    }

    /** Overdue obligations the protocol says block dosing; each finding names the rule that created it; no override lifts it. */
    static void overdueObligations(CourseState state, Instant at, DecisionBuilder decision) {
        state.obligations().stream()
                .filter(o -> o.blocksDosingWhenOverdue() && o.overdueAt(at))
                .forEach(o -> decision.fireUnliftable(o.ruleId(), EngineRules.HALTED,
                        Evidence.of(o.kind().code() + " " + o.id() + " overdue since " + o.due(), "blocks", "dosing")));
    }

    /** The review each outcome rule makes due (a review point reached without the response it asks), as refusals. */
    static void reviewsDue(Protocol protocol, CourseState state, DecisionBuilder decision) {
        Map<Instrument, List<Integer>> scores = scores(state);
        for (OutcomeRule rule : protocol.outcomes()) {
            rule.reviewDue(state.sessionsCompleted(), state.sessionsCompletedAtLastReview(), scores)
                    .ifPresent(evidence -> decision.fire(rule.info(), evidence));
        }
    }

    /** Whether any outcome rule makes a review due now. */
    static boolean reviewDue(Protocol protocol, CourseState state) {
        Map<Instrument, List<Integer>> scores = scores(state);
        return protocol.outcomes().stream().anyMatch(rule -> rule.reviewDue(state.sessionsCompleted(),
                state.sessionsCompletedAtLastReview(), scores).isPresent());
    }

    /** Each instrument's outcome scores, in the order they were taken. */
    private static Map<Instrument, List<Integer>> scores(CourseState state) {
        return state.outcomes().stream().collect(Collectors.groupingBy(CourseState.OutcomeScore::instrument,
                Collectors.mapping(CourseState.OutcomeScore::score, Collectors.toList())));
    }
}
