package org.kap.core.course;

import org.kap.core.dosing.Route;
import org.kap.core.units.Dose;
import org.kap.core.units.Milligrams;

import java.time.Duration;
import java.time.Instant;

/** An approved dose not yet given. A newer approval replaces it; giving it consumes it. */
public record PendingApproval(String approvalId, Route route, Dose dose, Milligrams amount, boolean booster,
                              Duration infusionDuration, Instant approvedAt) {
}
