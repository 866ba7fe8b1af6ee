package org.kap.api.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.kap.api.audit.StoredEvents;
import org.kap.core.audit.ChainHasher;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A keyed request whose claim is still "in progress" long after any request could take (the engine was
 * killed while handling it, or its node stopped) is in doubt: the command may or may not have been
 * recorded. The record decides. If the course it was sent to holds events tagged with the claim, the
 * command was recorded, and the retry is answered from those events (and never recorded twice); if not,
 * or the request never reached a course, the claim is released and the retry runs as the first request.
 */
@Component
class InDoubtRequests {

    /** How the retry is answered when the cut-off request was recorded. */
    record Recovered(int status, String contentType, String location, byte[] body) {
    }

    private final StoredEvents stored;
    private final IdempotencyStore store;
    private final ObjectMapper json;

    InDoubtRequests(StoredEvents stored, IdempotencyStore store, ObjectMapper json) {
        this.stored = stored;
        this.store = store;
        this.json = json;
    }

    /** The answer the record gives, stored as the key's answer; or empty after releasing the claim. */
    Optional<Recovered> resolve(String principal, String key, IdempotencyStore.Answer claim) throws java.io.IOException {
        String tag = KeyedCommands.tagOf(principal, key);
        List<ChainHasher.StoredEvent> recorded = claim.courseId() == null ? List.of() : stored.of(claim.courseId()).stream()
                .filter(e -> tag.equals(e.metadata().get(KeyedCommands.CLAIM))).toList();
        if (recorded.isEmpty()) {
            store.release(principal, key);
            return Optional.empty();
        }
        List<String> types = recorded.stream().map(e -> e.payloadType().substring(e.payloadType().lastIndexOf('$') + 1)).toList();
        boolean screened = types.contains("CourseScreened");
        boolean refused = types.stream().anyMatch(t -> t.endsWith("Refused"));
        Map<String, Object> body = new LinkedHashMap<>();
        int status;
        String contentType;
        if (refused) {
            status = HttpStatus.UNPROCESSABLE_ENTITY.value();
            contentType = MediaType.APPLICATION_PROBLEM_JSON_VALUE;
            body.put("type", "/problems/safety-refusal");
            body.put("title", "Refused by the protocol");
            body.put("status", status);
            body.put("detail", "the first request with this key was refused and recorded before the engine stopped; "
                    + "the course's history holds the findings");
        } else {
            status = screened ? HttpStatus.CREATED.value() : HttpStatus.OK.value();
            contentType = MediaType.APPLICATION_JSON_VALUE;
            body.put("outcome", "recorded");
        }
        body.put("courseId", claim.courseId());
        body.put("answeredFromTheRecord", "the first request with this key was recorded before the engine stopped, "
                + "and not answered; these are the entries it recorded");
        body.put("recorded", recorded.stream().map(e -> Map.of("sequence", e.sequence(),
                "event", e.payloadType().substring(e.payloadType().lastIndexOf('$') + 1))).toList());
        String location = screened ? "/api/v1/courses/" + claim.courseId() : null;
        byte[] bytes = json.writeValueAsBytes(body);
        store.complete(principal, key, status, contentType, location, bytes);
        return Optional.of(new Recovered(status, contentType, location, bytes));
    }
}
