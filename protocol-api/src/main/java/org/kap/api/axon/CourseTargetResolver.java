package org.kap.api.axon;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.kap.core.course.CourseCommand;

/**
 * Which course a command is for: its {@link CourseCommand#courseId()}, the component every course command marks as
 * its target (no course command names an expected version). Axon's annotation resolver finds the same value by
 * listing the command class's methods and their annotations on every command (copies of every {@code Method}, some
 * 5-9% of what the engine allocated under load, docs/benchmarks.md); it still resolves anything that is not a course
 * command.
 */
final class CourseTargetResolver implements CommandTargetResolver {

    private final CommandTargetResolver annotated = AnnotationCommandTargetResolver.builder().build();

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        if (command.getPayload() instanceof CourseCommand course) {
            // never blank: every course command refuses a missing or blank courseId when it is made
            return new VersionedAggregateIdentifier(course.courseId(), null);
        }
        return annotated.resolveTarget(command);
    }
}
