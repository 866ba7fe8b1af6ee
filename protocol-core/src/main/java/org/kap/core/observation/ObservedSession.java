package org.kap.core.observation;

import org.kap.core.outcome.Instrument;
import org.kap.core.vitals.VitalSigns;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the observation rules read of a session when its client is to be discharged: when each observation clock
 * started, the readings and score assessments taken, and the extensions the session and the client have earned.
 *
 * @param at         the time of the discharge asked for
 * @param anchors    when each observation clock started (dose start, last device, infusion end)
 * @param readings   the session's vital-sign readings, each with its measurement time
 * @param assessed   for each score instrument, when it was assessed in the session
 * @param extensions the observation extensions in force, in all
 */
public record ObservedSession(Instant at, Map<Anchor, Instant> anchors, List<VitalSigns> readings,
                              Map<Instrument, List<Instant>> assessed, Duration extensions) {

    public ObservedSession {
        Objects.requireNonNull(at, "at");
        anchors = Map.copyOf(new EnumMap<>(anchors));
        readings = List.copyOf(readings);
        assessed = Map.copyOf(assessed);
        Objects.requireNonNull(extensions, "extensions");
        for (Anchor anchor : Anchor.values()) {
            Objects.requireNonNull(anchors.get(anchor), "the time of " + anchor.code());
        }
    }

    public Instant anchor(Anchor anchor) {
        return anchors.get(anchor);
    }
}
