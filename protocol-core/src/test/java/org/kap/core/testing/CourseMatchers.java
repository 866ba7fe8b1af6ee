package org.kap.core.testing;

import org.axonframework.eventhandling.EventMessage;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.kap.core.course.CourseEvent;
import org.kap.core.rule.Decision;
import org.kap.core.rule.Finding;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/** Matchers that read like the domain: which events were recorded, and which rules decided. */
public final class CourseMatchers {

    private CourseMatchers() {
    }

    /** Exactly these event types, in this order. */
    @SafeVarargs
    public static Matcher<List<EventMessage<?>>> recorded(Class<? extends CourseEvent>... types) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(List<EventMessage<?>> events) {
                return events.stream().map(e -> e.getPayloadType()).toList().equals(Arrays.asList(types));
            }

            @Override
            public void describeTo(Description d) {
                d.appendText("events ").appendValue(Arrays.stream(types).map(Class::getSimpleName).toList());
            }

            @Override
            protected void describeMismatchSafely(List<EventMessage<?>> events, Description d) {
                d.appendText("were ").appendValue(events.stream().map(e -> e.getPayloadType().getSimpleName()).toList());
            }
        };
    }

    /** Exactly one event, of this type, whose findings are refusals by exactly these rules. */
    public static Matcher<List<EventMessage<?>>> refusal(Class<? extends CourseEvent> type, String... ruleIds) {
        return onlyEvent(type, "refused by " + Arrays.toString(ruleIds), e ->
                ruleIds(e.findings(), Finding::refuses).equals(new TreeSet<>(Arrays.asList(ruleIds))));
    }

    /** Exactly one event, of this type, satisfying the check. */
    public static <E extends CourseEvent> Matcher<List<EventMessage<?>>> onlyEvent(Class<E> type, String what,
                                                                                  Predicate<E> check) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(List<EventMessage<?>> events) {
                return events.size() == 1 && type.isInstance(events.get(0).getPayload())
                        && check.test(type.cast(events.get(0).getPayload()));
            }

            @Override
            public void describeTo(Description d) {
                d.appendText("one " + type.getSimpleName() + " " + what);
            }

            @Override
            protected void describeMismatchSafely(List<EventMessage<?>> events, Description d) {
                d.appendText("were ").appendValue(events.stream().map(EventMessage::getPayload).toList());
            }
        };
    }

    /** Among the events, one of this type satisfying the check (others may come before and after). */
    public static <E extends CourseEvent> Matcher<List<EventMessage<?>>> including(Class<E> type, String what,
                                                                                  Predicate<E> check) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(List<EventMessage<?>> events) {
                return events.stream().map(EventMessage::getPayload)
                        .anyMatch(p -> type.isInstance(p) && check.test(type.cast(p)));
            }

            @Override
            public void describeTo(Description d) {
                d.appendText("a " + type.getSimpleName() + " " + what);
            }
        };
    }

    /** A decision with this outcome whose findings name exactly these rules. */
    public static Matcher<Decision> decision(Decision.Outcome outcome, String... ruleIds) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Decision d) {
                return d.outcome() == outcome && ruleIds(d.findings(), f -> true).equals(new TreeSet<>(Arrays.asList(ruleIds)));
            }

            @Override
            public void describeTo(Description d) {
                d.appendText(outcome + " by " + Arrays.toString(ruleIds));
            }
        };
    }

    public static Matcher<Decision> allowed() {
        return decision(Decision.Outcome.ALLOWED);
    }

    public static Matcher<Decision> refused(String... ruleIds) {
        return decision(Decision.Outcome.REFUSED, ruleIds);
    }

    public static Matcher<Decision> warned(String... ruleIds) {
        return decision(Decision.Outcome.ALLOWED_WITH_WARNINGS, ruleIds);
    }

    private static Set<String> ruleIds(List<Finding> findings, Predicate<Finding> which) {
        TreeSet<String> ids = new TreeSet<>();
        findings.stream().filter(which).forEach(f -> ids.add(f.ruleId().value()));
        return ids;
    }
}
