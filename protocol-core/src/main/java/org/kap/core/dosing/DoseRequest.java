package org.kap.core.dosing;

import org.kap.core.units.Dose;
import org.kap.core.units.Kilograms;
import org.kap.core.units.Milligrams;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The facts a dose rule looks at: the dose a prescriber asks to approve and what the course has
 * already given.
 *
 * @param givenThisSession    mg already given in the open session (boosters add to it); zero outside a session
 * @param previousSessionDose the total of the last completed session by this route, for titration; null before the first
 * @param administered        every dose given by this route in the course so far, for cumulative limits and first doses
 * @param infusionDuration    the planned infusion time for an infusion; null otherwise
 * @param weighedAt           when {@code weight} was measured: the latest weighing at or before the act
 */
public record DoseRequest(Route route, Dose requested, Kilograms weight, boolean booster,
                          Milligrams givenThisSession, Milligrams previousSessionDose,
                          List<Administration> administered, Duration infusionDuration, Instant at,
                          Instant weighedAt, org.kap.core.screening.ClientProfile client) {

    public DoseRequest {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(requested, "dose");
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(at, "time");
        weighedAt = weighedAt == null ? at : weighedAt;
        givenThisSession = givenThisSession == null ? Milligrams.ZERO : givenThisSession;
        administered = List.copyOf(administered == null ? List.of() : administered);
    }

    /**
     * A request with what is known of the client at the act unknown: a rule for some clients only (an age band) then
     * cannot tell whether it applies, and says so.
     */
    public DoseRequest(Route route, Dose requested, Kilograms weight, boolean booster, Milligrams givenThisSession,
                       Milligrams previousSessionDose, List<Administration> administered, Duration infusionDuration,
                       Instant at, Instant weighedAt) {
        this(route, requested, weight, booster, givenThisSession, previousSessionDose, administered, infusionDuration, at,
                weighedAt, null);
    }

    /** A request weighed at the time of the act (tests and examples). */
    public DoseRequest(Route route, Dose requested, Kilograms weight, boolean booster, Milligrams givenThisSession,
                       Milligrams previousSessionDose, List<Administration> administered, Duration infusionDuration,
                       Instant at) {
        this(route, requested, weight, booster, givenThisSession, previousSessionDose, administered, infusionDuration, at, at);
    }

    public Milligrams requestedMg() {
        return requested.inMilligrams(weight);
    }

    public boolean firstDoseByRoute() {
        return administered.isEmpty() && !booster;
    }

    /** The session's total if this dose is given: what a per-session maximum limits. */
    public Milligrams sessionTotal() {
        return givenThisSession.plus(requestedMg());
    }
}
