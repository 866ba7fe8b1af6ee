package org.kap.bench.raw;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The raw baseline's one aggregate: what Axon costs for a command with a trivial rule (a score within its
 * instrument's range), with nothing of the engine's (protocol rules, metadata, hash chain, signed heads, projections,
 * idempotency, security). Cached and snapshotted every 100 events as the engine's course is, so a long run measures
 * the same shape of load on both.
 */
// the snapshot is the aggregate's fields, written by Jackson (which otherwise sees no property of this class)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
@Aggregate(cache = "rawCourseCache", snapshotTriggerDefinition = "rawSnapshotTrigger")
public class RawCourse {

    @AggregateIdentifier
    private String courseId;
    private int scores;

    protected RawCourse() {
    }

    @CommandHandler
    public RawCourse(RawMessages.OpenCourse command) {
        apply(new RawMessages.CourseOpened(command.courseId(), command.clientId()));
    }

    @CommandHandler
    public int handle(RawMessages.RecordScore command) {
        if (command.score() < 0 || command.score() > 27) {
            throw new IllegalArgumentException("a PHQ-9 score is 0 to 27, not " + command.score());
        }
        apply(new RawMessages.ScoreRecorded(command.courseId(), command.instrument(), command.score()));
        return scores;
    }

    @EventSourcingHandler
    void on(RawMessages.CourseOpened event) {
        courseId = event.courseId();
    }

    @EventSourcingHandler
    void on(RawMessages.ScoreRecorded event) {
        scores++;
    }
}
