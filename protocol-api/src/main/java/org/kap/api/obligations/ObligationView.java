package org.kap.api.obligations;

import java.time.Instant;

/** An obligation on the work list; {@code overdue} once its deadline has passed unfulfilled. */
public record ObligationView(String courseId, String obligationId, String kind, String ruleId, Integer sessionNumber,
                             String adverseEventId, Instant due, boolean blocksDosing, Instant fulfilledAt,
                             Instant markedOverdueAt, boolean overdue) {
}
