package org.kap.core.course;

import org.kap.core.course.CourseCommand.DischargeClient;
import org.kap.core.observation.DischargeFacts;
import org.kap.core.observation.ObservationRule.ObservationExtension;
import org.kap.core.observation.ObservationRule.ObservationMinimum;
import org.kap.core.observation.ObservationRule.ScheduledCheck;
import org.kap.core.protocol.Protocol;
import org.kap.core.rule.Decision;
import org.kap.core.rule.Evidence;
import org.kap.core.units.Units;
import org.kap.core.vitals.VitalSign;
import org.kap.core.vitals.VitalSigns;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * Discharge: the minimum observation from its anchor plus every extension, the
 * scheduled checks, the discharge criteria, and no open adverse event.
 */
public final class DischargeDecision {

    private DischargeDecision() {
    }

    public static Decision decide(Protocol protocol, CourseState state, SessionRecord session, DischargeClient command,
                                  Instant at) {
        DecisionBuilder decision = new DecisionBuilder(protocol, state);
        Duration extensions = extensions(protocol, state, session);
        for (ObservationMinimum minimum : protocol.rulesOf(ObservationMinimum.class)) {
            Duration required = minimum.minimum().plus(extensions);
            Duration observed = Duration.between(session.anchorTime(minimum.anchor()), at);
            if (observed.compareTo(required) < 0) {
                decision.fire(minimum.info(), Evidence.of("observed " + Units.format(observed.truncatedTo(java.time.temporal.ChronoUnit.MINUTES))
                        + " after " + minimum.anchor().code(), "<", Units.format(minimum.minimum())
                        + (extensions.isZero() ? "" : " + " + Units.format(extensions) + " extension")));
            }
        }
        for (ScheduledCheck check : protocol.rulesOf(ScheduledCheck.class)) {
            Instant due = session.anchorTime(check.anchor()).plus(check.offset());
            Instant from = due.minus(check.tolerance());
            Instant to = due.plus(check.tolerance());
            // the vital signs on one reading in the window, and each score assessed in the window
            boolean vitals = check.signs().isEmpty() || session.readings().stream().anyMatch(r -> !r.measuredAt().isBefore(from)
                    && !r.measuredAt().isAfter(to) && r.measured().containsAll(check.signs()));
            boolean scores = check.scores().stream().allMatch(instrument -> session.scores().stream().anyMatch(s ->
                    s.instrument() == instrument && !s.at().isBefore(from) && !s.at().isAfter(to)));
            boolean done = vitals && scores;
            if (!done) {
                decision.fire(check.info(), Evidence.of("no " + signs(check) + " reading between "
                        + Units.format(check.offset().minus(check.tolerance())) + " and "
                        + Units.format(check.offset().plus(check.tolerance())) + " after " + check.anchor().code(),
                        "required", "check at " + Units.format(check.offset())));
            }
        }
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
        Duration fromProfile = protocol.rulesOf(ObservationExtension.class).stream()
                .filter(ext -> !(ext.when().evaluate(known, session.startedAt()) instanceof org.kap.core.screening.Match.NotHolds))
                .map(ObservationExtension::extra)
                .reduce(Duration.ZERO, Duration::plus);
        Duration fromSession = session.extensions().stream().map(SessionRecord.Extension::extra)
                .reduce(Duration.ZERO, Duration::plus);
        return fromProfile.plus(fromSession);
    }

    private static String signs(ScheduledCheck check) {
        return check.what().replace(", ", "+");
    }
}
