package org.kap.core.dosing;

import org.kap.core.units.Milligrams;

import java.time.Instant;
import java.util.Objects;

/** A dose actually given: when, how much in mg, and whether it was a booster within a session. */
public record Administration(Instant at, Milligrams amount, boolean booster) {
    public Administration {
        Objects.requireNonNull(at, "time given");
        Objects.requireNonNull(amount, "amount given");
    }
}
