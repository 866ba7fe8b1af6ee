package org.kap.core.obligation;

import org.kap.core.rule.Rule;
import org.kap.core.rule.RuleInfo;
import org.kap.core.units.Units;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * {@code after each session: monitoring_form due within 7 days blocking dosing when overdue}: an obligation created at
 * each discharge. Obligations from adverse events are created by the adverse-event rules instead.
 */
public record ObligationRule(RuleInfo info, ObligationKind kind, Duration dueWithin, boolean blocksDosingWhenOverdue)
        implements Rule {

    public ObligationRule {
        Objects.requireNonNull(info, "rule");
        Objects.requireNonNull(kind, "obligation");
        Objects.requireNonNull(dueWithin, "deadline");
    }

    /** When the obligation a session discharged at {@code discharged} creates falls due. */
    public Instant dueAfter(Instant discharged) {
        return discharged.plus(dueWithin);
    }

    @Override
    public String describe() {
        return "after each session: " + kind.code() + " due within " + Units.format(dueWithin)
                + (blocksDosingWhenOverdue ? ", blocks dosing when overdue" : "");
    }
}
