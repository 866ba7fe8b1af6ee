package org.kap.api.courses;

import org.kap.core.rule.Decision;

/** A command the protocol refused. The refusal is already recorded; the API answers 422 with the violations. */
public class SafetyRefusal extends RuntimeException {

    private final transient String courseId;
    private final transient Decision decision;

    public SafetyRefusal(String courseId, Decision decision) {
        super("refused by " + decision.refusals().stream().map(f -> f.ruleId().value()).toList());
        this.courseId = courseId;
        this.decision = decision;
    }

    public String courseId() {
        return courseId;
    }

    public Decision decision() {
        return decision;
    }
}
