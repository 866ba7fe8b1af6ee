package org.kap.core.adverse;

import org.kap.core.rule.Rule;
import org.kap.core.rule.RuleInfo;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code on adverse_event grade >= 3 or serious: halt course, create adverse_event_report within 1 day}.
 * Matches by type (none listed means any), CTCAE grade and FDA seriousness.
 *
 * @param minimumGrade the lowest grade that matches; 1 matches every grade
 * @param orSerious    a serious event matches whatever its grade
 * @param seriousOnly  only serious events match
 */
public record AdverseEventRule(RuleInfo info, Set<AdverseEventType> types, int minimumGrade, boolean orSerious,
                               boolean seriousOnly, List<TriggeredAction> actions) implements Rule {

    public AdverseEventRule {
        Objects.requireNonNull(info, "rule");
        types = Set.copyOf(types);
        actions = List.copyOf(actions);
        if (minimumGrade < 1 || minimumGrade > 5) {
            throw new IllegalArgumentException("a CTCAE grade is 1 to 5; got " + minimumGrade);
        }
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("an adverse-event rule needs at least one action");
        }
        if (actions.stream().anyMatch(a -> a instanceof TriggeredAction.RaiseAdverseEvent)) {
            // an adverse event raising another would cascade without end
            throw new IllegalArgumentException("an adverse-event rule cannot raise another adverse event");
        }
    }

    public boolean matches(AdverseEventType type, int grade, boolean serious) {
        if (!types.isEmpty() && !types.contains(type)) {
            return false;
        }
        if (seriousOnly) {
            return serious;
        }
        return grade >= minimumGrade || (orSerious && serious);
    }

    @Override
    public String describe() {
        String what = types.isEmpty() ? "any adverse event"
                : types.stream().map(AdverseEventType::code).sorted().collect(Collectors.joining(", "));
        String when = seriousOnly ? "serious" : "grade >= " + minimumGrade + (orSerious ? " or serious" : "");
        return "on " + what + " " + when + ": " + actions.stream().map(Object::toString).collect(Collectors.joining(", "));
    }
}
