package org.kap.core.course;

import org.kap.core.protocol.Protocol;
import org.kap.core.rule.Decision;
import org.kap.core.rule.Enforcement;
import org.kap.core.rule.Evidence;
import org.kap.core.rule.Finding;
import org.kap.core.rule.Rule;
import org.kap.core.rule.RuleId;
import org.kap.core.rule.RuleInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects the findings of one act under the course's protocol, then decides: a relative rule's
 * refusal that a recorded override covers becomes an overridden finding, and the act proceeds.
 */
final class DecisionBuilder {

    private final Protocol protocol;
    private final CourseState state;
    private final List<Finding> findings = new ArrayList<>();
    private final java.util.Set<Finding> unliftable = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    DecisionBuilder(Protocol protocol, CourseState state) {
        this.protocol = protocol;
        this.state = state;
    }

    DecisionBuilder add(Optional<Finding> finding) {
        finding.ifPresent(findings::add);
        return this;
    }

    DecisionBuilder add(Finding finding) {
        findings.add(finding);
        return this;
    }

    DecisionBuilder fire(RuleInfo rule, Evidence evidence) {
        findings.add(rule.fired(protocol.ref(), evidence));
        return this;
    }

    /** Fires a protocol rule named by id (one that halted the course, or created an obligation). */
    DecisionBuilder fire(RuleId ruleId, RuleInfo fallback, Evidence evidence) {
        RuleInfo info = protocol.rule(ruleId).map(Rule::info).or(() -> EngineRules.byId(ruleId)).orElse(fallback);
        return fire(info, evidence);
    }

    /**
     * Fires a protocol rule named by id as a refusal no override lifts: a halt, an overdue obligation. What lifts
     * those is the act they wait for (a review, the obligation fulfilled), whatever the rule's own enforcement.
     */
    DecisionBuilder fireUnliftable(RuleId ruleId, RuleInfo fallback, Evidence evidence) {
        RuleInfo info = protocol.rule(ruleId).map(Rule::info).or(() -> EngineRules.byId(ruleId)).orElse(fallback);
        Finding finding = info.withEnforcement(Enforcement.ABSOLUTE).fired(protocol.ref(), evidence);
        findings.add(finding);
        unliftable.add(finding);
        return this;
    }

    /** Whether a finding so far refuses by this rule, and the rule is absolute (no override can lift it). */
    boolean refusedAbsolutelyBy(RuleId ruleId) {
        boolean absolute = protocol.rule(ruleId).map(r -> r.info().enforcement() instanceof Enforcement.Absolute).orElse(true);
        return absolute && findings.stream().anyMatch(f -> f.refuses() && f.ruleId().equals(ruleId));
    }

    Decision decide() {
        List<Finding> decided = findings.stream().map(this::withOverride).toList();
        return Decision.of(decided);
    }

    /** The findings as they are: for acts that no override can lift (an override itself). */
    Decision decideWithoutOverrides() {
        return Decision.of(findings);
    }

    private Finding withOverride(Finding f) {
        if (unliftable.contains(f)) {
            return f;
        }
        Enforcement enforcement = protocol.rule(f.ruleId()).map(r -> r.info().enforcement()).orElse(Enforcement.ABSOLUTE);
        return state.overrides(f, enforcement) ? f.overridden() : f;
    }
}
