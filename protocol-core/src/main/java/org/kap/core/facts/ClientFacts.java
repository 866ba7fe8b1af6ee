package org.kap.core.facts;

import org.kap.core.screening.ClientProfile;
import org.kap.core.units.Kilograms;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The client's facts over time: the screening profile as the first entry, then every fact recorded
 * since, each at its clinical time (a fact charted late takes its place by clinical time, not by when
 * it was typed). What is known at an instant is the screening profile with every fact up to that
 * instant folded in, in clinical order.
 */
public record ClientFacts(ClientProfile screening, Instant screenedAt, List<TimedFact> timeline) {

    /** A weight with the time it was measured, for mg/kg doses and their findings. */
    public record Weighing(Kilograms weight, Instant measuredAt) {
    }

    public ClientFacts {
        Objects.requireNonNull(screening, "screening profile");
        Objects.requireNonNull(screenedAt, "screening time");
        timeline = timeline.stream()
                .sorted(Comparator.comparing(TimedFact::at).thenComparing(TimedFact::entry))
                .toList();
    }

    /** What is known of the client at this instant. */
    public ClientProfile profileAt(Instant at) {
        ClientProfile profile = screening;
        for (TimedFact f : timeline) {
            if (f.at().isAfter(at)) {
                break;
            }
            profile = f.fact().applyTo(profile, f.at());
        }
        return profile;
    }

    /** The latest weight measured at or before this instant; the screening weight when none was recorded since. */
    public Weighing weightAt(Instant at) {
        Weighing latest = new Weighing(screening.weight(), screenedAt);
        for (TimedFact f : timeline) {
            if (f.at().isAfter(at)) {
                break;
            }
            if (f.weight() != null) {
                latest = new Weighing(f.weight().weight(), f.at());
            }
        }
        return latest;
    }

    /** Every fact name some fact recorded after screening changed: rules reading one of them are checked again. */
    public Set<String> changedSinceScreening() {
        Set<String> changed = new HashSet<>();
        timeline.forEach(f -> changed.addAll(f.fact().changes()));
        return changed;
    }
}
