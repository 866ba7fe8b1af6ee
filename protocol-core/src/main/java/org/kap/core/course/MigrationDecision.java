package org.kap.core.course;

import org.kap.core.protocol.Protocol;
import org.kap.core.protocol.ProtocolStatus;
import org.kap.core.rule.Decision;
import org.kap.core.rule.Enforcement;
import org.kap.core.rule.Evidence;
import org.kap.core.rule.Finding;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a running course may move to another version of its protocol now. The move is taken between sessions, with
 * no dose approved and waiting, into an active version of the same protocol (a state that does not allow it is a
 * conflict and records nothing), and not while the course is halted or due for review (a move does not skip a
 * review). Then the client, as recorded now, is screened again under the new version: an exclusion refuses the move
 * unless a prescriber overrode it on the same evidence (at screening, or at a dosing act it let through) and the new
 * version enforces the rule exactly as the old one did (relative, overridden by the same role);
 * so does a word of the client's record the new version cannot read (its rules could not see it). Warnings go with
 * the move. An override given and not yet used lapses with the move (it was weighed against the old version's rule).
 */
public final class MigrationDecision {

    private MigrationDecision() {
    }

    /** Refuses, recording nothing, a move the course's state or the versions do not allow. */
    public static void requireMovable(Protocol current, Protocol target, CourseState state) {
        if (!target.ref().id().equals(current.ref().id())) {
            throw new InvalidCommandException("protocol", "a course moves only between versions of its own protocol, "
                    + current.ref().id() + "; " + target.ref() + " is another protocol");
        }
        if (target.ref().version() == current.ref().version()) {
            throw new CourseStateConflict("the course is already under " + current.ref());
        }
        if (target.status() != ProtocolStatus.ACTIVE) {
            throw new CourseStateConflict(target.ref() + " is " + target.status().name().toLowerCase(java.util.Locale.ROOT)
                    + "; a course moves only to an active version");
        }
        if (state.ended()) {
            throw new CourseStateConflict("the course has ended");
        }
        state.openSession().ifPresent(open -> {
            throw new CourseStateConflict("session " + open.number() + " is still open; a course moves between sessions");
        });
        state.haltedBy().ifPresent(rule -> {
            throw new CourseStateConflict("the course is halted by " + rule + "; a prescriber reviews it before it moves");
        });
        if (Blocks.reviewDue(current, state)) {
            throw new CourseStateConflict("a review of the course is due under " + current.ref() + "; a prescriber reviews it "
                    + "before it moves");
        }
        state.pendingApproval().ifPresent(approval -> {
            throw new CourseStateConflict("a dose approved under " + current.ref() + " waits for its session; give it or "
                    + "let a prescriber end the course before moving it");
        });
    }

    /** The decision on the move: the client screened again under {@code target} on what is known at {@code at}. */
    public static Decision decide(Protocol current, Protocol target, CourseState state, Instant at) {
        requireMovable(current, target, state);
        return Decision.of(findings(current, target, state, at));
    }

    /**
     * The client as recorded at {@code at} screened again under {@code target}, whatever the course's state: what a
     * preview shows of the move (the move itself is also held to {@link #decide}'s conditions on the state).
     */
    public static Decision screening(Protocol current, Protocol target, CourseState state, Instant at) {
        return Decision.of(findings(current, target, state, at));
    }

    /** What screening the client as recorded at {@code at} under {@code target} finds, and refuses among it. */
    static List<Finding> findings(Protocol current, Protocol target, CourseState state, Instant at) {
        var known = state.facts().profileAt(at);
        List<Finding> findings = new ArrayList<>();
        try {
            findings.addAll(ScreeningDecision.findings(target, state.indication(), known, at));
        } catch (InvalidCommandException unreadable) {
            findings.add(EngineRules.MIGRATION_UNREADABLE.fired(target.ref(),
                    Evidence.of(unreadable.getMessage(), "cannot be read by", target.ref())));
            findings.addAll(ScreeningDecision.rederive(target, state.indication(), known, at).stream()
                    .filter(Finding::refuses).toList());
        }
        // an exclusion a prescriber overrode on the same evidence stays overridden where the new version enforces the rule
        // exactly as the old one did (relative, overridden by the same role); one it makes absolute, or gives another
        // role, or that was only a warning before, refuses the move
        return findings.stream().map(f -> f.refuses() && state.overridden(f) && sameOverride(current, target, f) ? f.overridden() : f)
                .toList();
    }

    private static boolean sameOverride(Protocol current, Protocol target, Finding finding) {
        var before = current.rule(finding.ruleId()).map(rule -> rule.info().enforcement());
        var after = target.rule(finding.ruleId()).map(rule -> rule.info().enforcement());
        return before.isPresent() && before.equals(after) && after.get() instanceof Enforcement.Relative;
    }
}
