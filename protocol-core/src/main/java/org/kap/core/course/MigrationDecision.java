package org.kap.core.course;

import org.kap.core.protocol.Protocol;
import org.kap.core.protocol.ProtocolStatus;
import org.kap.core.rule.Decision;
import org.kap.core.rule.Evidence;
import org.kap.core.rule.Finding;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a running course may move to another version of its protocol now. The move is taken between sessions, with
 * no dose approved and waiting, into an active version of the same protocol (a state that does not allow it is a
 * conflict and records nothing). Then the client, as recorded now, is screened again under the new version: an
 * exclusion not already overridden on the same evidence refuses the move, and so does a word of the client's record
 * the new version cannot read (its rules could not see it); warnings go with the move.
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
        state.pendingApproval().ifPresent(approval -> {
            throw new CourseStateConflict("a dose approved under " + current.ref() + " waits for its session; give it or "
                    + "let a prescriber end the course before moving it");
        });
    }

    /** The decision on the move: the client screened again under {@code target} on what is known at {@code at}. */
    public static Decision decide(Protocol current, Protocol target, CourseState state, Instant at) {
        requireMovable(current, target, state);
        return Decision.of(findings(target, state, at));
    }

    /**
     * The client as recorded at {@code at} screened again under {@code target}, whatever the course's state: what a
     * preview shows of the move (the move itself is also held to {@link #decide}'s conditions on the state).
     */
    public static Decision screening(Protocol target, CourseState state, Instant at) {
        return Decision.of(findings(target, state, at));
    }

    /** What screening the client as recorded at {@code at} under {@code target} finds, and refuses among it. */
    static List<Finding> findings(Protocol target, CourseState state, Instant at) {
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
        // an exclusion already overridden on the same evidence (same rule, same values) stays overridden
        return findings.stream().map(f -> f.refuses() && state.settled(f) ? f.overridden() : f).toList();
    }
}
