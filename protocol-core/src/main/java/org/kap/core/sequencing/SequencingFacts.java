package org.kap.core.sequencing;

import org.kap.core.dosing.Route;

import java.time.Instant;
import java.util.Objects;

/**
 * What a sequencing rule reads at the act it is checked at: at a session start, how many sessions were given and how
 * many preparation sessions held, and the session still awaiting its integration; at an integration, the integrated
 * session's route and when its client was discharged.
 *
 * @param act                  the act being decided
 * @param at                   its clinical time
 * @param sessionsGiven        dosing sessions started before it
 * @param preparationSessions  preparation sessions held
 * @param awaitingIntegration  at a session start, the number of the previous session still awaiting integration; else null
 * @param route                at an integration, the integrated session's route; else null
 * @param discharged           at an integration, when its client was discharged; else null
 */
public record SequencingFacts(Act act, Instant at, int sessionsGiven, int preparationSessions, Integer awaitingIntegration,
                              Route route, Instant discharged) {

    /** The acts sequencing rules are checked at. */
    public enum Act { SESSION_START, INTEGRATION }

    public SequencingFacts {
        Objects.requireNonNull(act, "act");
        Objects.requireNonNull(at, "at");
        if (act == Act.INTEGRATION && (route == null || discharged == null)) {
            throw new IllegalArgumentException("an integration is of a discharged session of a route");
        }
    }

    public static SequencingFacts atSessionStart(Instant at, int sessionsGiven, int preparationSessions,
                                                 Integer awaitingIntegration) {
        return new SequencingFacts(Act.SESSION_START, at, sessionsGiven, preparationSessions, awaitingIntegration, null, null);
    }

    public static SequencingFacts atIntegration(Instant at, Route route, Instant discharged) {
        return new SequencingFacts(Act.INTEGRATION, at, 0, 0, null, route, discharged);
    }
}
