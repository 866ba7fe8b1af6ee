package org.kap.core.rule;

import java.util.List;

/** The answer to one act: allowed, allowed with warnings, or refused, with every finding that led there. */
public record Decision(Outcome outcome, List<Finding> findings) {

    public enum Outcome { ALLOWED, ALLOWED_WITH_WARNINGS, REFUSED }

    public Decision {
        findings = List.copyOf(findings);
    }

    public static Decision allowed() {
        return new Decision(Outcome.ALLOWED, List.of());
    }

    /** The outcome follows from the findings: any refusal refuses; otherwise any warning or override warns. */
    public static Decision of(List<Finding> findings) {
        if (findings.stream().anyMatch(Finding::refuses)) {
            return new Decision(Outcome.REFUSED, findings);
        }
        return new Decision(findings.isEmpty() ? Outcome.ALLOWED : Outcome.ALLOWED_WITH_WARNINGS, findings);
    }

    /**
     * The answer to recording a fact: it is recorded whatever it shows, so the act is never refused; its
     * findings (a refusal among them excludes the client from the next dose) are reported with it.
     */
    public static Decision recorded(List<Finding> findings) {
        return new Decision(findings.isEmpty() ? Outcome.ALLOWED : Outcome.ALLOWED_WITH_WARNINGS, findings);
    }

    public boolean refused() {
        return outcome == Outcome.REFUSED;
    }

    public List<Finding> refusals() {
        return findings.stream().filter(Finding::refuses).toList();
    }

    public boolean firedRule(String ruleId) {
        return findings.stream().anyMatch(f -> f.ruleId().value().equals(ruleId));
    }
}
