package org.kap.core.screening;

import org.kap.core.adverse.TriggeredAction;
import org.kap.core.rule.Enforcement;
import org.kap.core.rule.Evidence;
import org.kap.core.rule.Finding;
import org.kap.core.rule.ProtocolRef;
import org.kap.core.rule.Rule;
import org.kap.core.rule.RuleInfo;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An exclusion (absolute or relative) or a warning over what is known of the client:
 * {@code exclude when diagnosis in [...]}. The rule's enforcement says which. It is checked at
 * screening, and again at every dosing act when a fact it reads was recorded since (or when it looks
 * at the act's own time). A fact it reads that is not recorded fires it as "not known".
 *
 * @param ifFoundLater what the course does when the rule newly excludes the client during the course
 *                     ({@code , if found later: halt course, create prescriber_review due within 1 day})
 */
public record ScreeningRule(RuleInfo info, ClientCondition when, List<TriggeredAction> ifFoundLater) implements Rule {

    public ScreeningRule {
        Objects.requireNonNull(info, "rule");
        Objects.requireNonNull(when, "condition");
        ifFoundLater = List.copyOf(ifFoundLater == null ? List.of() : ifFoundLater);
    }

    public ScreeningRule(RuleInfo info, ClientCondition when) {
        this(info, when, List.of());
    }

    public Optional<Finding> check(ProtocolRef protocol, ClientProfile client, Instant at) {
        Evidence evidence = when.evaluate(client, at).firingEvidence();
        return Optional.ofNullable(evidence).map(e -> info.fired(protocol, e));
    }

    @Override
    public String describe() {
        String verb = when instanceof ClientCondition.Recorded ? ""
                : (info.enforcement() instanceof Enforcement.Warning ? "warn" : "exclude") + " when ";
        return verb + when + (ifFoundLater.isEmpty() ? ""
                : ", if found later: " + ifFoundLater.stream().map(Object::toString).collect(Collectors.joining(", ")));
    }
}
