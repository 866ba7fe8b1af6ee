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
public record SessionStart(Instant at, Set<SettingFeature> setting, VitalSigns preDose, Instant approvedAt,
                           org.kap.core.screening.ClientProfile client) {
    public SessionStart {
        Objects.requireNonNull(at, "time");
        setting = Set.copyOf(setting == null ? Set.of() : setting);
    }

    /** A start with what is known of the client not given: a rule for some clients only cannot tell, and says so. */
    public SessionStart(Instant at, Set<SettingFeature> setting, VitalSigns preDose, Instant approvedAt) {
        this(at, setting, preDose, approvedAt, null);
    }
}
