package org.kap.core.screening;

import org.kap.core.rule.Finding;
import org.kap.core.rule.ProtocolRef;
import org.kap.core.rule.Rule;
import org.kap.core.rule.RuleInfo;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An exclusion (absolute or relative) or a warning at screening: {@code exclude when diagnosis in [...]}.
 * The rule's enforcement says which.
 */
public record ScreeningRule(RuleInfo info, ClientCondition when) implements Rule {

    public ScreeningRule {
        Objects.requireNonNull(info, "rule");
        Objects.requireNonNull(when, "condition");
    }

    public Optional<Finding> check(ProtocolRef protocol, ClientProfile client, Instant at) {
        return when.match(client, at).map(evidence -> info.fired(protocol, evidence));
    }

    @Override
    public String describe() {
        return (info.enforcement() instanceof org.kap.core.rule.Enforcement.Warning ? "warn" : "exclude")
                + " when " + when;
    }
}
