package org.kap.core.course;

import org.kap.core.course.CourseCommand.DischargeClient;
import org.kap.core.observation.Anchor;
import org.kap.core.observation.DischargeFacts;
import org.kap.core.observation.ObservedSession;
import org.kap.core.outcome.Instrument;
import org.kap.core.protocol.Protocol;
import org.kap.core.rule.Decision;
import org.kap.core.rule.Evidence;
import org.kap.core.vitals.VitalSigns;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Discharge: the observation rules (each decides itself: the minimum from its anchor plus every extension, the
 * scheduled checks), the discharge criteria, and no open adverse event.
 */
public final class DischargeDecision {

    private DischargeDecision() {
    }

    public static Decision decide(Protocol protocol, CourseState state, SessionRecord session, DischargeClient command,
                                  Instant at) {
        DecisionBuilder decision = new DecisionBuilder(protocol, state);
        ObservedSession observed = observed(session, at, extensions(protocol, state, session));
        protocol.observation().forEach(rule -> decision.add(rule.atDischarge(protocol.ref(), observed)));
        VitalSigns latest = session.latestReading().orElse(null);
        // a score assessed at discharge is the one judged; one not given then is the session's latest assessment of it
        // after the last dose
        DischargeFacts facts = new DischargeFacts(latest, session.baseline(), session.judgedScores(command.scores(), at),
                command.escortPresent(), command.transport());
        protocol.discharge().forEach(criterion -> decision.add(criterion.check(protocol.ref(), facts)));
        state.adverseEvents().stream().filter(AdverseEventRecord::open).forEach(ae ->
                decision.fire(EngineRules.OPEN_ADVERSE_EVENT, Evidence.of(ae.id() + " " + ae.type().code() + " open",
                        "blocks", "discharge")));
        return decision.decide();
    }

    /**
     * Extensions from what is known of the client at the dose (e.g. moderate hepatic impairment) and from
     * rules that fired in the session. A condition that cannot be told for a missing fact extends too:
     * observing longer is the safe side.
     */
    static Duration extensions(Protocol protocol, CourseState state, SessionRecord session) {
        var known = state.facts().profileAt(session.startedAt());
        Duration fromProfile = protocol.observation().stream().map(rule -> rule.extension(known, session.startedAt()))
                .reduce(Duration.ZERO, Duration::plus);
        Duration fromSession = session.extensions().stream().map(SessionRecord.Extension::extra)
                .reduce(Duration.ZERO, Duration::plus);
        return fromProfile.plus(fromSession);
    }

    /** The session as the observation rules read it at {@code at}. */
    private static ObservedSession observed(SessionRecord session, Instant at, Duration extensions) {
        Map<Anchor, Instant> anchors = new EnumMap<>(Anchor.class);
        for (Anchor anchor : Anchor.values()) {
            anchors.put(anchor, session.anchorTime(anchor));
        }
        Map<Instrument, List<Instant>> assessed = session.scores().stream().collect(Collectors.groupingBy(
                SessionRecord.ScoreReading::instrument, Collectors.mapping(SessionRecord.ScoreReading::at, Collectors.toList())));
        return new ObservedSession(at, anchors, session.readings(), assessed, extensions);
    }
}
