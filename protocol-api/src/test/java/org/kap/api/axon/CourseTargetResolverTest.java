package org.kap.api.axon;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.api.Test;
import org.kap.api.protocols.ProtocolLifecycle;
import org.kap.core.course.Actor;
import org.kap.core.course.CourseCommand;
import org.kap.core.outcome.Instrument;
import org.kap.core.rule.Role;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class CourseTargetResolverTest {

    private final CourseTargetResolver resolver = new CourseTargetResolver();

    @Test
    void aCourseCommandTargetsItsCourseWithoutAnExpectedVersion() {
        var command = new CourseCommand.RecordOutcomeMeasure("course-7", Instrument.PHQ9, 12,
                Actor.of("clinician", Role.CLINICIAN), Instant.parse("2026-12-04T10:00:00Z"));

        VersionedAggregateIdentifier target = resolver.resolveTarget(GenericCommandMessage.asCommandMessage(command));

        assertThat(target.getIdentifierValue()).isEqualTo("course-7");
        assertThat(target.getVersion()).isNull();
    }

    @Test
    void anyOtherCommandIsResolvedByItsAnnotationsAsAxonWould() {
        var command = new ProtocolLifecycle.RequestActivation("kap-im:2", "designer");

        VersionedAggregateIdentifier target = resolver.resolveTarget(GenericCommandMessage.asCommandMessage(command));

        assertThat(target.getIdentifierValue()).isEqualTo("kap-im:2");
    }

    /**
     * The resolver reads courseId() in place of the annotations: every course command must mark that component, and
     * none an expected version, or the two ways would name different targets.
     */
    @Test
    void everyCourseCommandMarksItsCourseIdAsTargetAndNoVersion() {
        Class<?>[] commands = CourseCommand.class.getPermittedSubclasses();
        assertThat(commands).isNotEmpty();
        for (Class<?> command : commands) {
            RecordComponent[] components = command.getRecordComponents();
            assertThat(components).as(command.getSimpleName() + " is a record").isNotNull();
            assertThat(Arrays.stream(components)
                    .filter(c -> marked(command, c, TargetAggregateIdentifier.class))
                    .map(RecordComponent::getName))
                    .as(command.getSimpleName() + "'s target").containsExactly("courseId");
            assertThat(Arrays.stream(components).filter(c -> marked(command, c, TargetAggregateVersion.class)))
                    .as(command.getSimpleName() + "'s expected version").isEmpty();
        }
    }

    /** Axon reads its annotations from fields and methods: a record component's reach both. */
    private static boolean marked(Class<?> record, RecordComponent component,
                                  Class<? extends java.lang.annotation.Annotation> annotation) {
        try {
            return component.getAccessor().isAnnotationPresent(annotation)
                    || record.getDeclaredField(component.getName()).isAnnotationPresent(annotation);
        } catch (NoSuchFieldException e) {
            throw new AssertionError(record + " has no field for its component " + component.getName(), e);
        }
    }
}
