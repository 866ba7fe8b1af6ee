package org.kap.api.courses;

import org.kap.api.audit.WhatIf;
import org.kap.api.courses.DecisionView.FindingView;
import org.kap.api.protocols.ProtocolDiffs;
import org.kap.core.course.Actor;
import org.kap.core.course.ClinicalTimePolicy;
import org.kap.core.course.CourseCommand;
import org.kap.core.course.CourseState;
import org.kap.core.course.CourseStateConflict;
import org.kap.core.course.DosingDecision;
import org.kap.core.course.IntegrationDecision;
import org.kap.core.course.MigrationDecision;
import org.kap.core.course.ScreeningDecision;
import org.kap.core.course.SessionRecord;
import org.kap.core.dosing.Route;
import org.kap.core.protocol.Protocol;
import org.kap.core.protocol.ProtocolCatalog;
import org.kap.core.rule.Decision;
import org.kap.core.rule.ProtocolRef;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What moving a course to another version of its protocol would do, before a prescriber signs it: whether the move
 * would be taken now (and what screening the client again under the new version finds), what changed between the
 * versions, which of the course's recorded decisions the new version would have taken otherwise (the what-if of its
 * history), and its next acts decided under both versions side by side. Nothing is recorded.
 */
@Service
public class MigrationPreview {

    /** A decision as one version takes it. */
    public record Outcome(String protocol, String outcome, List<FindingView> findings) {
        static Outcome of(ProtocolRef protocol, Decision decision) {
            return new Outcome(protocol.toString(), decision.outcome().name().toLowerCase(Locale.ROOT),
                    decision.findings().stream().map(FindingView::of).toList());
        }
    }

    /** One of the course's next acts, as it would be asked now, decided under the current and the new version. */
    public record NextAct(String act, String asked, Outcome now, Outcome afterMove) {
    }

    /**
     * The preview. {@code move} is the decision the move would get now; {@code notNow} says why the course cannot move
     * in its present state (an open session, a dose approved and waiting, a halt or a review due), when it cannot;
     * {@code lapsingOverrides}, the overrides given and not yet used, which lapse with the move.
     */
    public record Preview(String courseId, String from, String to, Instant at, Outcome move, String notNow,
                          List<String> lapsingOverrides, List<ProtocolDiffs.DifferenceView> changes, WhatIf.Report history,
                          List<NextAct> nextActs) {
    }

    private final CourseQueries courses;
    private final ProtocolCatalog catalog;
    private final ProtocolDiffs diffs;
    private final WhatIf whatIf;
    private final ClinicalTimePolicy time;

    MigrationPreview(CourseQueries courses, ProtocolCatalog catalog, ProtocolDiffs diffs, WhatIf whatIf, ClinicalTimePolicy time) {
        this.courses = courses;
        this.catalog = catalog;
        this.diffs = diffs;
        this.whatIf = whatIf;
        this.time = time;
    }

    public Preview preview(String courseId, int version, Actor prescriber) {
        CourseState state = courses.current(courseId);
        Protocol current = catalog.require(state.protocol());
        Protocol target = catalog.require(new ProtocolRef(current.ref().id(), version));
        Instant now = time.now();
        Instant at = state.latestAct() != null && state.latestAct().isAfter(now) ? state.latestAct() : now;
        String notNow = null;
        try {
            MigrationDecision.requireMovable(current, target, state);
        } catch (CourseStateConflict conflict) {
            notNow = conflict.getMessage();
        }
        return new Preview(courseId, current.ref().toString(), target.ref().toString(), at,
                Outcome.of(target.ref(), MigrationDecision.screening(current, target, state, at)), notNow,
                state.pendingOverrides().stream().map(Object::toString).sorted().toList(),
                diffs.between(current.ref().id(), current.ref().version(), version),
                whatIf.evaluate(courseId, target.ref()), nextActs(state, current, target, prescriber, at));
    }

    private List<NextAct> nextActs(CourseState state, Protocol current, Protocol target, Actor prescriber, Instant at) {
        List<NextAct> acts = new ArrayList<>();
        var known = state.facts().profileAt(at);
        acts.add(new NextAct("screening", "the client as recorded now",
                Outcome.of(current.ref(), Decision.of(ScreeningDecision.rederive(current, state.indication(), known, at))),
                Outcome.of(target.ref(), Decision.of(ScreeningDecision.rederive(target, state.indication(), known, at)))));
        lastDose(state, prescriber, at).ifPresent(approval -> acts.add(new NextAct("dose approval",
                "the last session's dose again: " + approval.route().name().toLowerCase(Locale.ROOT) + " " + approval.dose(),
                Outcome.of(current.ref(), DosingDecision.decide(current, state, approval, at, time.clinicZone())),
                Outcome.of(target.ref(), DosingDecision.decide(target, state, approval, at, time.clinicZone())))));
        state.lastSession().filter(SessionRecord::awaitingIntegration).ifPresent(session -> acts.add(new NextAct(
                "integration", "session " + session.number() + "'s integration, now",
                Outcome.of(current.ref(), IntegrationDecision.decide(current, state, session, at)),
                Outcome.of(target.ref(), IntegrationDecision.decide(target, state, session, at)))));
        return acts;
    }

    /** The dose of the last session asked for again, now: what the prescriber most likely approves next. */
    private static Optional<CourseCommand.ApproveDose> lastDose(CourseState state, Actor prescriber, Instant at) {
        return state.lastSession().filter(session -> !session.doses().isEmpty()).map(session -> {
            Duration infusion = session.route() == Route.IV ? Duration.between(session.startedAt(), session.administrationEnd()) : null;
            return new CourseCommand.ApproveDose(state.courseId(), session.route(), session.doses().get(0).amount(), false,
                    infusion, prescriber, at);
        });
    }
}
