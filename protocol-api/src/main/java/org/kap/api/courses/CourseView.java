package org.kap.api.courses;

import org.kap.api.courses.DecisionView.FindingView;
import org.kap.core.course.AdverseEventRecord;
import org.kap.core.course.CourseState;
import org.kap.core.course.ObligationRecord;
import org.kap.core.course.SessionRecord;
import org.kap.core.dosing.Administration;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The course as it stands: what a clinical system shows and what the next command will be checked against. */
public record CourseView(String courseId, String clientId, String protocolId, int protocolVersion, String indication,
                         String status, boolean eligible, List<FindingView> screeningFindings, boolean consented,
                         int preparationSessions, PendingApprovalView pendingApproval, List<SessionView> sessions,
                         List<AdverseEventView> adverseEvents, List<ObligationView> obligations, List<String> pendingOverrides,
                         String haltedBy, long entries, Instant latestAct) {

    public record PendingApprovalView(String approvalId, String route, String dose, String amount, boolean booster,
                                      String infusionDuration, Instant approvedAt) {
    }

    public record SessionView(int number, String route, Instant startedAt, Instant administrationEnd, List<String> doses,
                              String total, int readings, List<String> extensions, String stoppedBy, Instant dischargedAt,
                              boolean awaitingIntegration, Instant integrationCompletedAt) {
    }

    public record AdverseEventView(String id, Integer sessionNumber, String type, int grade, List<String> seriousness,
                                   Instant at, Instant resolvedAt) {
    }

    public record ObligationView(String id, String kind, Instant due, boolean blocksDosingWhenOverdue, String ruleId,
                                 Instant fulfilledAt, Instant markedOverdueAt) {
    }

    public static CourseView of(CourseState s) {
        return new CourseView(s.courseId(), s.clientId(), s.protocol().id(), s.protocol().version(), lower(s.indication().name()),
                lower(s.status().name()), s.eligible(), s.screeningFindings().stream().map(FindingView::of).toList(),
                s.consented(), s.preparationSessions(),
                s.pendingApproval().map(a -> new PendingApprovalView(a.approvalId(), a.route().code(), a.dose().toString(),
                        a.amount().toString(), a.booster(), a.infusionDuration() == null ? null : a.infusionDuration().toString(),
                        a.approvedAt())).orElse(null),
                s.sessions().stream().map(CourseView::session).toList(),
                s.adverseEvents().stream().map(CourseView::adverseEvent).toList(),
                s.obligations().stream().map(CourseView::obligation).toList(),
                s.pendingOverrides().stream().map(Object::toString).sorted().toList(),
                s.haltedBy().map(Object::toString).orElse(null), s.entries(), s.latestAct());
    }

    private static SessionView session(SessionRecord r) {
        return new SessionView(r.number(), r.route().code(), r.startedAt(), r.administrationEnd(),
                r.doses().stream().map(Administration::amount).map(Object::toString).toList(), r.total().toString(),
                r.readings().size(), r.extensions().stream().map(e -> e.ruleId() + " +" + org.kap.core.units.Units.format(e.extra())).toList(),
                r.stoppedBy().map(Object::toString).orElse(null), r.dischargedAt().orElse(null), r.awaitingIntegration(),
                r.integrationCompletedAt().orElse(null));
    }

    private static AdverseEventView adverseEvent(AdverseEventRecord ae) {
        return new AdverseEventView(ae.id(), ae.sessionNumber(), ae.type().code(), ae.grade(),
                ae.seriousness().stream().map(Enum::name).map(CourseView::lower).sorted().toList(), ae.at(), ae.resolvedAt());
    }

    private static ObligationView obligation(ObligationRecord o) {
        return new ObligationView(o.id(), o.kind().code(), o.due(), o.blocksDosingWhenOverdue(), o.ruleId().value(),
                o.fulfilledAt(), o.markedOverdueAt());
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
