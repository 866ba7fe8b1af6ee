package org.kap.core.rule;

import java.util.Objects;

/**
 * What every rule carries whatever it checks: a stable id, the message a clinician reads when it
 * fires, the source it rests on, and how it is enforced.
 */
public record RuleInfo(RuleId id, String message, String citation, Enforcement enforcement) {

    public RuleInfo {
        Objects.requireNonNull(id, "rule id");
        Objects.requireNonNull(enforcement, "enforcement");
        message = message == null ? "" : message;
        citation = citation == null ? "" : citation;
    }

    public static RuleInfo absolute(String id, String message, String citation) {
        return new RuleInfo(RuleId.of(id), message, citation, Enforcement.ABSOLUTE);
    }

    public RuleInfo withEnforcement(Enforcement other) {
        return new RuleInfo(id, message, citation, other);
    }

    /** The finding this rule yields on the given evidence: a refusal, or a warning for a warning rule. */
    public Finding fired(ProtocolRef protocol, Evidence evidence) {
        Finding.Severity severity = enforcement instanceof Enforcement.Warning
                ? Finding.Severity.WARNING
                : Finding.Severity.REFUSAL;
        return new Finding(id, protocol, severity, message, evidence.observed(), evidence.relation(), evidence.limit());
    }
}
