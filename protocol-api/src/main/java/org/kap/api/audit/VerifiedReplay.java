package org.kap.api.audit;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.kap.core.audit.ChainHasher;
import org.kap.core.audit.ChainVerification;
import org.kap.core.course.CourseEvent;
import org.kap.core.course.CourseState;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Replays a course and verifies its chain from one read of its stored rows: the bytes that are
 * hashed are the bytes that are deserialised, so the state is rebuilt from exactly what was verified.
 */
@Component
public class VerifiedReplay {

    public record Result(CourseState state, ChainVerification.Result verification) {
    }

    private final StoredEvents stored;
    private final Serializer serializer;

    public VerifiedReplay(StoredEvents stored, @Qualifier("eventSerializer") Serializer serializer) {
        this.stored = stored;
        this.serializer = serializer;
    }

    public Result replay(String courseId) {
        List<ChainHasher.StoredEvent> events = stored.of(courseId);
        ChainVerification.Result verification = ChainVerification.verify(events);
        CourseState state = new CourseState();
        for (ChainHasher.StoredEvent e : events) {
            SerializedObject<byte[]> data = new SimpleSerializedObject<>(e.payload(), byte[].class, e.payloadType(), e.payloadRevision());
            Object payload = serializer.deserialize(data);
            if (payload instanceof CourseEvent event) {
                state.apply(event);
            }
        }
        return new Result(state, verification);
    }
}
