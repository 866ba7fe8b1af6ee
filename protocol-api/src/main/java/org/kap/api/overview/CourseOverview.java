package org.kap.api.overview;

import org.kap.api.courses.DecisionView.FindingView;
import org.kap.core.course.Actor;
import org.kap.core.course.CourseCommand;
import org.kap.core.course.CourseState;
import org.kap.core.course.CourseStatus;
import org.kap.core.course.DischargeDecision;
import org.kap.core.course.SessionRecord;
import org.kap.core.protocol.Protocol;
import org.kap.core.spacing.EarliestSession;
import org.kap.core.spacing.SpacingContext;
import org.kap.core.spacing.SpacingRule;
import org.kap.core.units.Units;
import org.kap.core.vitals.VitalBound;
import org.kap.core.vitals.VitalCondition;
import org.kap.core.vitals.VitalSign;
import org.kap.core.vitals.VitalSigns;
import org.kap.core.vitals.VitalTrigger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the care team reads of a course beyond its state ({@code GET /api/v1/courses/{id}/overview}, and the course
 * page), each worked out by the core's own rules: where the course is in its protocol (the week of the course, its
 * phase, the earliest next session the spacing rules allow), the open session's observation clock and what a discharge
 * now would be refused for (the discharge decision run on the course as it stands, recording nothing), its last entries
 * with their decisions' findings, and the series of its vital signs and outcome scores.
 */
public record CourseOverview(String courseId, int weekOfCourse, String phase, Instant nextSessionFrom, boolean noSessionSoon,
                             Observation observation, List<RecentEntry> recentEntries, Map<String, Object> charts) {

    /**
     * One of the course's last entries as the care team reads it: what was done, when, by whom in which role, under which
     * version, and the findings of its decision (the hash chain and signatures are the auditor's history).
     */
    public record RecentEntry(long entryNumber, String type, String summary, Instant clinicalTime, Instant recordedTime,
                              boolean lateEntry, String actorName, String actorRole, String protocolId, int protocolVersion,
                              List<FindingView> findings) {

        static RecentEntry of(org.kap.api.audit.CourseHistory.Item item) {
            return new RecentEntry(item.entryNumber(), item.type(), item.summary(), item.clinicalTime(), item.recordedTime(),
                    item.lateEntry(), item.actorName(), item.actorRole(), item.protocolId(), item.protocolVersion(), item.findings());
        }

        public boolean refused() {
            return type.contains("Refused");
        }
    }

    /**
     * The open session: when the dose was given, how long ago, and the discharge decision's findings if the client were
     * discharged now (with no score given at discharge and no escort said to be present).
     */
    public record Observation(int session, Instant doseAt, String sinceDose, int readings, List<ScoreTaken> scores,
                              List<FindingView> blocking, boolean dischargeWouldBeRefused) {
    }

    /** A score assessed in the open session: the instrument's label, the score and when it was assessed. */
    public record ScoreTaken(String instrument, int score, Instant at) {
    }

    static CourseOverview of(CourseState state, Optional<Protocol> protocol, List<RecentEntry> recent, Instant now, ZoneId zone,
                             Actor reader) {
        SpacingContext where = new SpacingContext(now, state.sessionStarts(), zone);
        int week = where.weekOfCourse();
        String phase = protocol.map(p -> p.spacing().stream().filter(SpacingRule.PhaseFrequency.class::isInstance)
                .map(SpacingRule.PhaseFrequency.class::cast).filter(r -> r.covers(week)).map(SpacingRule::describe)
                .findFirst().orElse(null)).orElse(null);
        Instant next = null;
        boolean noneSoon = false;
        if (protocol.isPresent() && state.status() == CourseStatus.ACTIVE && state.openSession().isEmpty()) {
            Optional<Instant> earliest = EarliestSession.from(now, protocol.get().spacing(), state.sessionStarts(), zone);
            next = earliest.map(CourseOverview::nextMinute).orElse(null);
            noneSoon = earliest.isEmpty();
        }
        Observation observation = state.openSession().flatMap(session -> protocol.map(p -> observation(p, state, session, now, reader)))
                .orElse(null);
        return new CourseOverview(state.courseId(), week, phase, next, noneSoon, observation, recent, charts(state, protocol, zone));
    }

    /** A time shown to the minute, rounded up so that it is never earlier than the rules allow. */
    private static Instant nextMinute(Instant t) {
        Instant down = t.truncatedTo(ChronoUnit.MINUTES);
        return down.equals(t) ? t : down.plus(Duration.ofMinutes(1));
    }

    private static Observation observation(Protocol protocol, CourseState state, SessionRecord session, Instant now, Actor reader) {
        Instant dose = session.administrationEnd() != null ? session.administrationEnd() : session.startedAt();
        var preview = DischargeDecision.decide(protocol, state, session,
                new CourseCommand.DischargeClient(state.courseId(), Map.of(), false, null, reader, now), now);
        return new Observation(session.number(), dose, Units.format(Duration.between(dose, now).truncatedTo(ChronoUnit.MINUTES)),
                session.readings().size(), session.scores().stream().map(s -> new ScoreTaken(s.instrument().label(), s.score(), s.at()))
                .toList(), preview.findings().stream().map(FindingView::of).toList(), preview.refused());
    }

    /**
     * The charts' series, as the page's script reads them: per session its readings (epoch seconds and the value of each
     * sign in its unit) and the protocol's fixed limits on each sign; per outcome instrument its scores over the course.
     */
    private static Map<String, Object> charts(CourseState state, Optional<Protocol> protocol, ZoneId zone) {
        List<Map<String, Object>> limits = protocol.map(CourseOverview::limits).orElse(List.of());
        List<Map<String, Object>> sessions = new ArrayList<>();
        for (SessionRecord session : state.sessions()) {
            List<VitalSigns> readings = new ArrayList<>();
            if (session.baseline() != null) {
                readings.add(session.baseline());
            }
            readings.addAll(session.readings());
            if (readings.isEmpty()) {
                continue;
            }
            List<Map<String, Object>> points = readings.stream().map(CourseOverview::point).toList();
            sessions.add(Map.of("session", session.number(), "startedAt", session.startedAt().toString(), "readings", points,
                    "limits", limits));
        }
        Map<String, List<Map<String, Object>>> outcomes = new LinkedHashMap<>();
        state.outcomes().forEach(o -> outcomes.computeIfAbsent(o.instrument().label(), k -> new ArrayList<>())
                .add(Map.of("t", o.at().getEpochSecond(), "at", o.at().toString(), "score", o.score(),
                        "sessionsCompleted", o.sessionsCompleted())));
        // the clinic's zone, in which the charts' time axes are drawn (not the browser's)
        return Map.of("sessions", sessions, "outcomes", outcomes, "zone", zone.getId());
    }

    private static Map<String, Object> point(VitalSigns reading) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("t", reading.measuredAt().getEpochSecond());
        point.put("at", reading.measuredAt().toString());
        for (VitalSign sign : VitalSign.values()) {
            reading.get(sign).ifPresent(q -> point.put(sign.label(), q.value()));
        }
        return point;
    }

    /** The protocol's in-session limits that are a fixed value of one sign ({@code systolic > 180 mmHg}), to draw. */
    private static List<Map<String, Object>> limits(Protocol protocol) {
        List<Map<String, Object>> limits = new ArrayList<>();
        for (VitalTrigger trigger : protocol.rulesOf(VitalTrigger.class)) {
            if (trigger.condition() instanceof VitalCondition.Absolute absolute) {
                VitalBound bound = absolute.bound();
                limits.add(Map.of("sign", bound.sign().label(), "value", bound.limit().value(),
                        "rule", trigger.info().id().value(), "text", bound.toString()));
            }
        }
        return limits;
    }
}
