package org.kap.core.adverse;

import org.kap.core.rule.Rule;
import org.kap.core.rule.RuleInfo;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code on any grade >= 3 or serious: halt course, create adverse_event_report due within 1 day}, or several
 * alternatives ({@code on hypertension grade >= 3 or arrhythmia grade >= 2: ...}). Each alternative matches by type
 * (none listed means any), CTCAE grade and FDA seriousness; the rule acts when any of them matches.
 */
public record AdverseEventRule(RuleInfo info, List<Match> on, List<TriggeredAction> actions) implements Rule {

    /** How an alternative weighs the FDA seriousness of an event beside its CTCAE grade. */
    public enum SeriousnessClause {
        /** grade >= N: the grade alone decides. */
        IGNORED,
        /** grade >= N or serious: a serious event matches whatever its grade. */
        OR_SERIOUS,
        /** grade >= N and serious: both are needed. */
        AND_SERIOUS,
        /** serious: only serious events match, whatever their grade. */
        ONLY
    }

    /**
     * One alternative.
     *
     * @param minimumGrade the lowest grade that matches; 1 matches every grade
     */
    public record Match(Set<AdverseEventType> types, int minimumGrade, SeriousnessClause seriousness) {
        public Match {
            types = Set.copyOf(types);
            Objects.requireNonNull(seriousness, "seriousness");
            if (minimumGrade < 1 || minimumGrade > 5) {
                throw new IllegalArgumentException("a CTCAE grade is 1 to 5; got " + minimumGrade);
            }
        }

        public boolean matches(AdverseEventType type, int grade, boolean serious) {
            if (!types.isEmpty() && !types.contains(type)) {
                return false;
            }
            boolean severe = grade >= minimumGrade;
            return switch (seriousness) {
                case IGNORED -> severe;
                case OR_SERIOUS -> severe || serious;
                case AND_SERIOUS -> severe && serious;
                case ONLY -> serious;
            };
        }

        @Override
        public String toString() {
            String what = types.isEmpty() ? "any adverse event"
                    : types.stream().map(AdverseEventType::code).sorted().collect(Collectors.joining(", "));
            String grade = "grade >= " + minimumGrade;
            return what + " " + switch (seriousness) {
                case IGNORED -> grade;
                case OR_SERIOUS -> grade + " or serious";
                case AND_SERIOUS -> (minimumGrade == 1 ? "" : grade + " and ") + "serious";
                case ONLY -> "serious";
            };
        }
    }

    public AdverseEventRule {
        Objects.requireNonNull(info, "rule");
        on = List.copyOf(on);
        actions = List.copyOf(actions);
        if (on.isEmpty()) {
            throw new IllegalArgumentException("an adverse-event rule matches at least one kind of event");
        }
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("an adverse-event rule needs at least one action");
        }
        if (actions.stream().anyMatch(a -> a instanceof TriggeredAction.RaiseAdverseEvent)) {
            // an adverse event raising another would cascade without end
            throw new IllegalArgumentException("an adverse-event rule cannot raise another adverse event");
        }
    }

    /** One alternative: the shape every rule had before alternatives. */
    public AdverseEventRule(RuleInfo info, Set<AdverseEventType> types, int minimumGrade, SeriousnessClause seriousness,
                            List<TriggeredAction> actions) {
        this(info, List.of(new Match(types, minimumGrade, seriousness)), actions);
    }

    public boolean matches(AdverseEventType type, int grade, boolean serious) {
        return on.stream().anyMatch(m -> m.matches(type, grade, serious));
    }

    @Override
    public String describe() {
        return "on " + on.stream().map(Match::toString).collect(Collectors.joining(" or ")) + ": "
                + actions.stream().map(Object::toString).collect(Collectors.joining(", "));
    }
}
