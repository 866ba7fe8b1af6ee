package org.kap.core.course;

import org.kap.core.obligation.ObligationKind;
import org.kap.core.rule.RuleId;

import java.time.Instant;

/** Something due on the course: open until fulfilled; overdue once its deadline passes. */
public record ObligationRecord(String id, ObligationKind kind, Instant due, boolean blocksDosingWhenOverdue,
                               RuleId ruleId, Integer sessionNumber, String adverseEventId, Instant fulfilledAt,
                               Instant markedOverdueAt) {

    public boolean open() {
        return fulfilledAt == null;
    }

    public boolean overdueAt(Instant at) {
        return open() && at.isAfter(due);
    }

    ObligationRecord fulfilled(Instant when) {
        return new ObligationRecord(id, kind, due, blocksDosingWhenOverdue, ruleId, sessionNumber, adverseEventId, when,
                markedOverdueAt);
    }

    ObligationRecord markedOverdue(Instant when) {
        return new ObligationRecord(id, kind, due, blocksDosingWhenOverdue, ruleId, sessionNumber, adverseEventId, fulfilledAt,
                when);
    }
}
