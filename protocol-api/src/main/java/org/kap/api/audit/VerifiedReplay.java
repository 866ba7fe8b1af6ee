package org.kap.api.audit;

import org.kap.api.axon.StoredPayloads;
import org.kap.core.audit.ChainHasher;
import org.kap.core.audit.ChainVerification;
import org.kap.core.course.CourseEvent;
import org.kap.core.course.CourseState;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Replays a course and verifies its chain from one read of its stored rows: the bytes that are
 * hashed are the bytes that are deserialised (through the same upcasters as the event store's reads), so the state
 * is rebuilt from exactly what was verified.
 */
@Component
public class VerifiedReplay {

    public record Result(CourseState state, ChainVerification.Result verification) {
    }

    private final StoredEvents stored;
    private final StoredPayloads payloads;

    public VerifiedReplay(StoredEvents stored, StoredPayloads payloads) {
        this.stored = stored;
        this.payloads = payloads;
    }

    public Result replay(String courseId) {
        List<ChainHasher.StoredEvent> events = stored.of(courseId);
        ChainVerification.Result verification = ChainVerification.verify(events);
        CourseState state = new CourseState();
        for (ChainHasher.StoredEvent e : events) {
            for (Object payload : payloads.read("TreatmentCourse", e.aggregateId(), e.sequence(), e.payloadType(),
                    e.payloadRevision(), e.timestamp(), e.payload(), e.metadata())) {
                if (payload instanceof CourseEvent event) {
                    state.apply(event);
                }
            }
        }
        return new Result(state, verification);
    }
}
