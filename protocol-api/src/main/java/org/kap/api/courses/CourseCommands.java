package org.kap.api.courses;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.kap.api.axon.AxonConfiguration;
import org.kap.core.course.Actor;
import org.kap.core.course.CourseCommand;
import org.kap.core.rule.Decision;
import org.springframework.stereotype.Service;

import java.util.Map;

/**
 * Sends a course command with the acting principal in its metadata (copied onto its events) and
 * turns a refusal into a {@link SafetyRefusal}; everything else the command throws reaches the
 * problem handler as it is.
 */
@Service
public class CourseCommands {

    private final CommandGateway gateway;

    public CourseCommands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public Decision send(CourseCommand command) {
        Object result = dispatch(command);
        Decision decision = (Decision) result;
        if (decision.refused()) {
            throw new SafetyRefusal(command.courseId(), decision);
        }
        return decision;
    }

    /** Screening creates the course; its answer is the course id. */
    public void create(CourseCommand.ScreenClient command) {
        dispatch(command);
    }

    private Object dispatch(CourseCommand command) {
        Actor actor = command.actor();
        var message = GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(
                AxonConfiguration.ACTOR_ID, actor.id(), AxonConfiguration.ACTOR_ROLE, actor.role().name()));
        try {
            return gateway.sendAndWait(message);
        } catch (AggregateNotFoundException notFound) {
            throw new CourseNotFound(command.courseId());
        }
    }
}
