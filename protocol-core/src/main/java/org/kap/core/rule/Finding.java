package org.kap.core.rule;

import java.util.Objects;

/**
 * One rule that fired on one act: which rule of which protocol version, what it says, and the
 * values it saw. Findings travel in events, so an auditor reads exactly what the engine saw.
 */
public record Finding(RuleId ruleId, ProtocolRef protocol, Severity severity, String message,
                      String observed, String relation, String limit) {

    public enum Severity {
        /** the act is refused */
        REFUSAL,
        /** the act is allowed, with a caution */
        WARNING,
        /** a relative rule fired, and a recorded override allowed the act */
        OVERRIDDEN
    }

    public Finding {
        Objects.requireNonNull(ruleId, "rule id");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(severity, "severity");
    }

    public Finding overridden() {
        return new Finding(ruleId, protocol, Severity.OVERRIDDEN, message, observed, relation, limit);
    }

    public boolean refuses() {
        return severity == Severity.REFUSAL;
    }

    /** {@code DOSE-IM-MAX: 1.6 mg/kg > 1.5 mg/kg} */
    @Override
    public String toString() {
        return ruleId + ": " + observed + " " + relation + " " + limit;
    }
}
