package org.kap.api.courses;

import org.kap.core.rule.Decision;
import org.kap.core.rule.Finding;

import java.util.List;
import java.util.Locale;

/** The answer to a command: the decision and every finding, with the values the rules saw. */
public record DecisionView(String courseId, String outcome, List<FindingView> findings) {

    /** One rule that fired: {@code DOSE-IM-MAX: 1.6 mg/kg > 1.5 mg/kg} and its parts. */
    public record FindingView(String ruleId, String protocolId, int protocolVersion, String severity, String message,
                              String observed, String relation, String limit, String text) {

        public static FindingView of(Finding f) {
            return new FindingView(f.ruleId().value(), f.protocol().id(), f.protocol().version(),
                    f.severity().name().toLowerCase(Locale.ROOT), f.message(), f.observed(), f.relation(), f.limit(), f.toString());
        }
    }

    public static DecisionView of(String courseId, Decision decision) {
        return new DecisionView(courseId, decision.outcome().name().toLowerCase(Locale.ROOT),
                decision.findings().stream().map(FindingView::of).toList());
    }
}
