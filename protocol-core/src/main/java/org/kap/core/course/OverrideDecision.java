package org.kap.core.course;

import org.kap.core.course.CourseCommand.OverrideRule;
import org.kap.core.protocol.Protocol;
import org.kap.core.rule.Decision;
import org.kap.core.rule.Enforcement;
import org.kap.core.rule.Evidence;
import org.kap.core.rule.Rule;

import java.util.Locale;

/** Only a relative rule may be overridden, only by the role the protocol names for it. */
public final class OverrideDecision {

    private OverrideDecision() {
    }

    public static Decision decide(Protocol protocol, CourseState state, OverrideRule command) {
        Rule rule = protocol.rule(command.ruleId()).orElseThrow(() -> new InvalidCommandException("ruleId",
                "protocol " + protocol.ref() + " has no rule " + command.ruleId()));
        DecisionBuilder decision = new DecisionBuilder(protocol, state);
        Enforcement enforcement = rule.info().enforcement();
        String requested = "override by " + command.actor().role().name().toLowerCase(Locale.ROOT);
        if (enforcement instanceof Enforcement.Relative relative) {
            if (relative.overridableBy() != command.actor().role()) {
                decision.fire(rule.info().withEnforcement(Enforcement.ABSOLUTE), Evidence.of(requested, "not allowed",
                        "override by " + relative.overridableBy().name().toLowerCase(Locale.ROOT) + " only"));
            }
        } else {
            decision.fire(rule.info().withEnforcement(Enforcement.ABSOLUTE),
                    Evidence.of(requested, "not allowed", enforcement + " rule"));
        }
        return decision.decideWithoutOverrides();
    }
}
