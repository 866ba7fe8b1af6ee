package org.kap.core.dosing;

import java.util.List;
import java.util.Objects;

/** The dose limits a protocol sets for one route. A route without a section may not be used. */
public record RouteDosing(Route route, List<DoseRule> rules) {
    public RouteDosing {
        Objects.requireNonNull(route, "route");
        rules = List.copyOf(rules);
    }

    public boolean hasMaximum() {
        return rules.stream().anyMatch(r -> r instanceof DoseRule.SessionMaximum
                || r instanceof DoseRule.ForClients f && f.rule() instanceof DoseRule.SessionMaximum);
    }
}
