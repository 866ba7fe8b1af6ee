package org.kap.core.course;

import org.kap.core.adverse.AdverseEventRule;
import org.kap.core.adverse.AdverseEventType;
import org.kap.core.protocol.Protocol;
import org.kap.core.rule.Finding;
import org.kap.core.vitals.VitalSigns;
import org.kap.core.vitals.VitalTrigger;

import java.util.ArrayList;
import java.util.List;

/** Rules that fire on clinical data rather than on a request: vital-sign triggers and adverse-event actions. */
public final class DataTriggers {

    /** A rule that fired, with its finding and the actions the course must now take. */
    public record Fired<R>(R rule, Finding finding) {
    }

    private DataTriggers() {
    }

    /**
     * Triggers completed by a new reading of the session; each fires once per session. A reading charted
     * late, measured before others, may complete a condition at its own place in time or at any later
     * reading's, so each of those places is tried, oldest first.
     */
    public static List<Fired<VitalTrigger>> onVitals(Protocol protocol, SessionRecord session, VitalSigns reading) {
        List<VitalSigns> readings = new ArrayList<>(session.readings());
        readings.add(reading);
        readings.sort(java.util.Comparator.comparing(VitalSigns::measuredAt)); // stable: the new reading follows equal times
        return completed(protocol, session, readings, readings.lastIndexOf(reading));
    }

    /** Triggers not yet fired that the session's readings, as they stand (e.g. after a correction), complete. */
    public static List<Fired<VitalTrigger>> firedOn(Protocol protocol, SessionRecord session) {
        List<VitalSigns> readings = new ArrayList<>(session.readings());
        readings.sort(java.util.Comparator.comparing(VitalSigns::measuredAt));
        return completed(protocol, session, readings, 0);
    }

    /** Each trigger not yet fired in the session whose condition holds at the reading {@code from} or any later one. */
    private static List<Fired<VitalTrigger>> completed(Protocol protocol, SessionRecord session, List<VitalSigns> readings,
                                                       int from) {
        List<Fired<VitalTrigger>> fired = new ArrayList<>();
        for (VitalTrigger trigger : protocol.vitalTriggers()) {
            if (session.hasFired(trigger.info().id())) {
                continue;
            }
            for (int end = from; end < readings.size(); end++) {
                var evidence = trigger.fires(readings.subList(0, end + 1), session.baseline());
                if (evidence.isPresent()) {
                    fired.add(new Fired<>(trigger, asWarning(trigger.info()).fired(protocol.ref(), evidence.get())));
                    break;
                }
            }
        }
        return fired;
    }

    /** Triggers over an instrument that a score assessed in the session completes; each fires once per session. */
    public static List<Fired<VitalTrigger>> onScore(Protocol protocol, SessionRecord session, org.kap.core.outcome.Instrument instrument,
                                                    int score) {
        List<Fired<VitalTrigger>> fired = new ArrayList<>();
        for (VitalTrigger trigger : protocol.vitalTriggers()) {
            if (!session.hasFired(trigger.info().id())) {
                trigger.firesOnScore(instrument, score).ifPresent(evidence ->
                        fired.add(new Fired<>(trigger, asWarning(trigger.info()).fired(protocol.ref(), evidence))));
            }
        }
        return fired;
    }

    /** The adverse-event rules that match an event of this type, grade and seriousness. */
    public static List<Fired<AdverseEventRule>> onAdverseEvent(Protocol protocol, String adverseEventId,
                                                               AdverseEventType type, int grade, boolean serious) {
        return protocol.adverseEvents().stream()
                .filter(rule -> rule.matches(type, grade, serious))
                .map(rule -> new Fired<>(rule, asWarning(rule.info()).fired(protocol.ref(), org.kap.core.rule.Evidence.of(
                        adverseEventId + " " + type.code() + " grade " + grade + (serious ? " serious" : ""),
                        "matches", rule.describe()))))
                .toList();
    }

    /** Data rules do not refuse anything: the data is a fact. Their findings say what they did. */
    private static org.kap.core.rule.RuleInfo asWarning(org.kap.core.rule.RuleInfo info) {
        return info.withEnforcement(org.kap.core.rule.Enforcement.WARNING);
    }
}
