package org.kap.api.audit;

import org.axonframework.eventhandling.DomainEventMessage;
import org.kap.api.courses.DecisionView.FindingView;
import org.kap.core.course.ClinicalTimePolicy;
import org.kap.core.course.CourseCommand;
import org.kap.core.course.CourseEvent;
import org.kap.core.course.CourseEvent.*;
import org.kap.core.course.CourseState;
import org.kap.core.course.DischargeDecision;
import org.kap.core.course.DosingDecision;
import org.kap.core.course.IntegrationDecision;
import org.kap.core.course.ScreeningDecision;
import org.kap.core.course.SessionDecision;
import org.kap.core.protocol.Protocol;
import org.kap.core.protocol.ProtocolCatalog;
import org.kap.core.rule.Decision;
import org.kap.core.rule.Finding;
import org.kap.core.rule.ProtocolRef;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * "What would protocol v4 have decided?": re-derives every recorded decision of a course under
 * another published version, each from the course as it stood just before it, with the same facts,
 * and lists the decisions that would differ. Nothing is recorded.
 */
@Service
public class WhatIf {

    public record Difference(long sequence, String act, String recordedOutcome, List<FindingView> recorded,
                             String wouldBeOutcome, List<FindingView> wouldBe) {
    }

    public record Report(String courseId, String recordedUnder, String evaluatedUnder, int decisionsEvaluated,
                         List<Difference> differences) {
    }

    private final CourseHistory history;
    private final ProtocolCatalog catalog;
    private final ClinicalTimePolicy time;

    public WhatIf(CourseHistory history, ProtocolCatalog catalog, ClinicalTimePolicy time) {
        this.history = history;
        this.catalog = catalog;
        this.time = time;
    }

    public Report evaluate(String courseId, ProtocolRef other) {
        Protocol alternative = catalog.require(other);
        CourseState state = new CourseState();
        List<Difference> differences = new ArrayList<>();
        int evaluated = 0;
        for (DomainEventMessage<?> message : history.messages(courseId)) {
            CourseEvent event = (CourseEvent) message.getPayload();
            Optional<Decision> wouldBe = rederive(alternative, state, event);
            if (wouldBe.isPresent()) {
                evaluated++;
                Decision recorded = Decision.of(event.findings());
                if (differ(recorded, wouldBe.get())) {
                    differences.add(new Difference(message.getSequenceNumber(), event.getClass().getSimpleName(), outcome(recorded),
                            views(recorded.findings()), outcome(wouldBe.get()), views(wouldBe.get().findings())));
                }
            }
            state.apply(event);
        }
        String recordedUnder = state.protocolPeriods().size() <= 1 ? state.protocol().toString() : state.protocolPeriods().stream()
                .map(p -> p.protocol() + " from entry " + p.fromEntry()).collect(Collectors.joining(", "));
        return new Report(courseId, recordedUnder, other.toString(), evaluated, differences);
    }

    /** The decision the alternative protocol takes on the act an event records, from the course as it stood before it. */
    private Optional<Decision> rederive(Protocol p, CourseState before, CourseEvent e) {
        var at = e.entry().clinicalTime();
        var actor = e.entry().actor();
        var zone = time.clinicZone();
        if (e instanceof ClientScreened s) {
            return Optional.of(Decision.of(ScreeningDecision.rederive(p, s.indication(), s.profile(), at)));
        }
        if (e instanceof DoseApproved d) {
            return Optional.of(DosingDecision.decide(p, before, new CourseCommand.ApproveDose(d.courseId(), d.route(), d.dose(),
                    d.booster(), d.infusionDuration(), actor, at), at, zone));
        }
        if (e instanceof DoseApprovalRefused d) {
            return Optional.of(DosingDecision.decide(p, before, new CourseCommand.ApproveDose(d.courseId(), d.route(), d.dose(),
                    d.booster(), d.infusionDuration(), actor, at), at, zone));
        }
        if (e instanceof SessionStarted s) {
            return before.pendingApproval().map(approval -> SessionDecision.decide(p, before, new CourseCommand.StartSession(
                    s.courseId(), s.setting(), s.preDoseVitals(), s.administrationEnd(), actor, at), approval, at, zone));
        }
        if (e instanceof SessionStartRefused s) {
            return before.pendingApproval().map(approval -> SessionDecision.decide(p, before, new CourseCommand.StartSession(
                    s.courseId(), s.setting(), s.preDoseVitals(), s.administrationEnd(), actor, at), approval, at, zone));
        }
        if (e instanceof BoosterAdministered || e instanceof BoosterRefused) {
            return Optional.of(org.kap.core.course.BoosterDecision.decide(p, before,
                    before.pendingApproval().filter(a -> a.booster()).orElse(null), at));
        }
        if (e instanceof ClientDischarged d) {
            return before.openSession().map(session -> DischargeDecision.decide(p, before, session, new CourseCommand.DischargeClient(
                    d.courseId(), d.scores(), d.escortPresent(), d.transport(), actor, at), at));
        }
        if (e instanceof DischargeRefused d) {
            return before.openSession().map(session -> DischargeDecision.decide(p, before, session, new CourseCommand.DischargeClient(
                    d.courseId(), d.scores(), d.escortPresent(), d.transport(), actor, at), at));
        }
        if (e instanceof IntegrationCompleted i) {
            return before.lastSession().filter(s -> s.awaitingIntegration())
                    .map(session -> IntegrationDecision.decide(p, before, session, at));
        }
        return Optional.empty();
    }

    private static boolean differ(Decision recorded, Decision wouldBe) {
        return recorded.outcome() != wouldBe.outcome() || !keys(recorded).equals(keys(wouldBe));
    }

    /** Which rules fired and how, with what they saw: a change of rule, severity or value is a difference. */
    private static Set<String> keys(Decision d) {
        return d.findings().stream().map(f -> f.severity() + " " + f.ruleId() + " " + f.observed() + " " + f.relation() + " " + f.limit())
                .collect(Collectors.toSet());
    }

    private static String outcome(Decision d) {
        return d.outcome().name().toLowerCase(Locale.ROOT);
    }

    private static List<FindingView> views(List<Finding> findings) {
        return findings.stream().map(FindingView::of).toList();
    }
}
