package org.kap.core.session;

import org.kap.core.vitals.VitalSigns;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The facts session-start rules look at.
 *
 * @param setting    what the clinician confirms is in place
 * @param preDose    the pre-dose vitals; null when none were taken
 * @param approvedAt when the dose being given was approved
 */
public record SessionStart(Instant at, Set<SettingFeature> setting, VitalSigns preDose, Instant approvedAt) {
    public SessionStart {
        Objects.requireNonNull(at, "time");
        setting = Set.copyOf(setting == null ? Set.of() : setting);
    }
}
