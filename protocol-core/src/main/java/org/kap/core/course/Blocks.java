package org.kap.core.course;

import org.kap.core.outcome.OutcomeRule.ReviewPoint;
import org.kap.core.rule.Evidence;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

    /**
     * Whether a review point is due: enough sessions since the last review, and (for a response
     * criterion) not enough improvement on the instrument from its first score to its latest.
     */
    static Optional<Evidence> reviewDue(ReviewPoint point, CourseState state) {
        int completed = state.sessionsCompleted();
        if (completed < point.afterSessions() || state.sessionsCompletedAtLastReview() >= point.afterSessions()) {
            return Optional.empty();
        }
        if (point.instrument() == null) {
            return Optional.of(Evidence.of(completed + " sessions completed", ">=", point.afterSessions() + " sessions, review due"));
        }
        List<CourseState.OutcomeScore> scores = state.outcomes().stream()
                .filter(s -> s.instrument() == point.instrument()).toList();
        if (scores.size() < 2) {
            return Optional.of(Evidence.of(point.instrument().label() + " scored " + scores.size() + " times", "<",
                    "a baseline and a current score to judge response"));
        }
        int first = scores.get(0).score();
        int latest = scores.get(scores.size() - 1).score();
        BigDecimal improvement = improvement(first, latest, point.instrument().higherIsWorse());
        if (improvement.compareTo(point.requiredImprovement().value()) >= 0) {
            return Optional.empty();
        }
        return Optional.of(Evidence.of(point.instrument().label() + " " + first + " to " + latest + ", improved "
                + improvement.setScale(1, RoundingMode.HALF_UP).toPlainString() + " %", "<", point.requiredImprovement()));
    }

    /** Improvement in percent of the baseline: a fall for symptom scales, a rise otherwise; never below zero. */
    static BigDecimal improvement(int first, int latest, boolean higherIsWorse) {
        if (first == 0) {
            return BigDecimal.ZERO;
        }
        int better = higherIsWorse ? first - latest : latest - first;
        BigDecimal percent = BigDecimal.valueOf(better).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(first), MathContext.DECIMAL64);
        return percent.signum() < 0 ? BigDecimal.ZERO : percent;
    }
}
