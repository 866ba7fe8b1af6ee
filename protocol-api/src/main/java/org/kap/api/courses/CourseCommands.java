package org.kap.api.courses;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.kap.api.idempotency.KeyedCommands;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.kap.core.course.CourseStateConflict;
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
    private final KeyedCommands keyed;

    public CourseCommands(CommandGateway gateway, KeyedCommands keyed) {
        this.gateway = gateway;
        this.keyed = keyed;
    }

    public Decision send(CourseCommand command) {
        Object result = dispatch(command);
        Decision decision = (Decision) result;
        if (decision.refused()) {
            throw new SafetyRefusal(command.courseId(), decision);
        }
        return decision;
    }

    /** Screening creates the course; its answer is the course id. A course id is used once. */
    public void create(CourseCommand.ScreenClient command) {
        try {
            dispatch(command);
        } catch (org.axonframework.modelling.command.AggregateStreamCreationException taken) {
            // the event store's unique (aggregate, sequence) constraint: the id already names a course (a store that
            // fails otherwise is a 5xx, never a conflict an idempotency key would keep answering)
            throw new CourseStateConflict("course id " + command.courseId() + " is already in use; screen under a new id");
        }
    }

    private static final java.util.regex.Pattern COURSE_ID = java.util.regex.Pattern.compile(CourseRequests.COURSE_ID);

    private Object dispatch(CourseCommand command) {
        if (!COURSE_ID.matcher(command.courseId()).matches()) {
            // no course can have this id (screening refuses it): nothing to load, note or record
            throw new CourseNotFound(command.courseId());
        }
        Actor actor = command.actor();
        Map<String, Object> metadata = new java.util.HashMap<>(Map.of(
                AxonConfiguration.ACTOR_ID, actor.id(), AxonConfiguration.ACTOR_ROLE, actor.role().name()));
        // a keyed request: every event the command records carries the key's tag, so a cut-off request is resolved
        keyed.tagFor(command.courseId()).ifPresent(tag -> metadata.put(KeyedCommands.CLAIM, tag));
        // a signed act: how its signer re-authenticated goes onto the signed record
        org.kap.api.security.SignedActs.currentMethod().ifPresent(method -> metadata.put(org.kap.api.security.SignedActs.SIGNATURE_METHOD, method));
        var message = GenericCommandMessage.asCommandMessage(command).andMetaData(metadata);
        try {
            return gateway.sendAndWait(message);
        } catch (AggregateNotFoundException notFound) {
            throw new CourseNotFound(command.courseId());
        }
    }
}
