package org.kap.api.courses;

import org.kap.api.courses.DecisionView.FindingView;
import org.kap.core.course.AdverseEventRecord;
import org.kap.core.course.CourseState;
import org.kap.core.course.ObligationRecord;
import org.kap.core.course.SessionRecord;
import org.kap.core.dosing.Administration;
import org.kap.core.protocol.Protocol;
import org.kap.core.terminology.Coding;
import org.kap.core.terminology.ValueSet;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The course as it stands: what a clinical system shows and what the next command will be checked against. */
public record CourseView(String courseId, String clientId, String protocolId, int protocolVersion, String indication,
                         String status, boolean eligible, List<FindingView> screeningFindings, boolean consented,
                         int preparationSessions, PendingApprovalView pendingApproval, List<SessionView> sessions,
                         List<AdverseEventView> adverseEvents, List<ObligationView> obligations, List<String> pendingOverrides,
                         String haltedBy, long entries, Instant latestAct, ClientView client, List<ProtocolPeriodView> protocols) {

    /** A version the course was under, from the entry and clinical time it applied: one unless a prescriber moved it. */
    public record ProtocolPeriodView(String protocolId, int protocolVersion, long fromEntry, Instant from) {
    }

    /**
     * What is known of the client at the course's latest act: the screening profile with every fact recorded
     * since. A null is a fact not recorded (never a default).
     */
    public record ClientView(Integer ageYears, String weight, Instant weighedAt, Boolean pregnant, Boolean breastfeeding,
                             List<String> diagnoses, List<String> history, List<String> medications,
                             List<String> medicationsTaken, String restingVitals, Map<String, String> labs, int factsRecorded,
                             List<CodeView> codes) {
    }

    /**
     * A code of the client's record (a diagnosis, history item or medication sent with its system) and the value sets
     * of the course's protocol that contain it: none means no rule of the protocol checks it; null, that the protocol
     * could not be loaded to tell.
     */
    public record CodeView(String field, String system, String code, List<String> valueSets) {
    }

    public record PendingApprovalView(String approvalId, String route, String dose, String amount, boolean booster,
                                      String infusionDuration, Instant approvedAt) {
    }

    /** {@code scores}: each score assessed in the session, {@code MOAA/S 3 at 2026-01-12T09:55:00Z}, in clinical-time order. */
    public record SessionView(int number, String route, Instant startedAt, Instant administrationEnd, List<String> doses,
                              String total, int readings, List<String> scores, List<String> extensions, String stoppedBy,
                              Instant dischargedAt, String disposition, boolean awaitingIntegration, Instant integrationCompletedAt) {
    }

    public record AdverseEventView(String id, Integer sessionNumber, String type, int grade, List<String> seriousness,
                                   Instant at, Instant resolvedAt) {
    }

    public record ObligationView(String id, String kind, Instant due, boolean blocksDosingWhenOverdue, String ruleId,
                                 Instant fulfilledAt, Instant markedOverdueAt) {
    }

    /** The course, its client's codes matched against the value sets of {@code protocol} (the course's own). */
    public static CourseView of(CourseState s, java.util.Optional<Protocol> protocol) {
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
                s.haltedBy().map(Object::toString).orElse(null), s.entries(), s.latestAct(), client(s, protocol),
                s.protocolPeriods().stream().map(p -> new ProtocolPeriodView(p.protocol().id(), p.protocol().version(),
                        p.fromEntry(), p.from())).toList());
    }

    private static ClientView client(CourseState s, java.util.Optional<Protocol> protocol) {
        var facts = s.facts();
        Instant now = s.latestAct();
        var known = facts.profileAt(now);
        var weighing = facts.weightAt(now);
        return new ClientView(known.ageYears(), weighing.weight().toString(), weighing.measuredAt(), known.pregnant(),
                known.breastfeeding(), known.diagnoses().stream().sorted().toList(), known.history().stream().sorted().toList(),
                known.medications().stream().sorted().toList(),
                known.medicationsTaken().stream().map(Object::toString).toList(),
                known.vitals() == null ? null : known.vitals().summary(),
                known.labs().entrySet().stream().collect(java.util.stream.Collectors.toMap(e -> e.getKey().code(),
                        e -> e.getValue().toString(), (a, b) -> a, java.util.TreeMap::new)),
                facts.timeline().size(), codes(known, protocol));
    }

    private static List<CodeView> codes(org.kap.core.screening.ClientProfile known, java.util.Optional<Protocol> protocol) {
        List<CodeView> codes = new java.util.ArrayList<>();
        Map<String, java.util.Set<String>> fields = new java.util.LinkedHashMap<>();
        fields.put("diagnoses", known.diagnoses());
        fields.put("history", known.history());
        fields.put("familyHistory", known.familyHistory());
        fields.put("medications", known.medications());
        fields.put("medicationsTaken", new java.util.TreeSet<>(known.medicationsTaken().stream()
                .map(org.kap.core.screening.ClientProfile.MedicationDose::drug).toList()));
        fields.forEach((field, values) -> values.stream().sorted().map(Coding::fromToken).flatMap(java.util.Optional::stream)
                .forEach(coding -> codes.add(new CodeView(field, coding.system().uri(), coding.code(),
                        protocol.map(p -> p.valueSetsOf(coding).stream().map(ValueSet::label).toList()).orElse(null)))));
        return codes;
    }

    private static SessionView session(SessionRecord r) {
        return new SessionView(r.number(), r.route().code(), r.startedAt(), r.administrationEnd(),
                r.doses().stream().map(Administration::amount).map(Object::toString).toList(), r.total().toString(),
                r.readings().size(), r.scores().stream().sorted(java.util.Comparator.comparing(SessionRecord.ScoreReading::at))
                        .map(sc -> sc.instrument().label() + " " + sc.score() + " at " + sc.at()).toList(),
                r.extensions().stream().map(e -> e.ruleId() + " +" + org.kap.core.units.Units.format(e.extra())).toList(),
                r.stoppedBy().map(Object::toString).orElse(null), r.dischargedAt().orElse(null),
                r.disposition().map(d -> d.code()).orElse(null), r.awaitingIntegration(),
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
