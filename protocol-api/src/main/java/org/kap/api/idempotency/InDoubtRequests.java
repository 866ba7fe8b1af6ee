package org.kap.api.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.kap.api.audit.StoredEvents;
import org.kap.core.audit.ChainHasher;
import org.kap.core.course.CourseEvent;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A keyed request whose claim is still "in progress" long after any request could take (the engine was
 * killed while handling it, or its node stopped) is in doubt: the command may or may not have been
 * recorded. The record decides. If the course it was sent to holds events carrying the claim's id, the
 * command was recorded, and the retry is answered from those events (and never recorded twice); if not, or
 * the request never reached a course, the retry takes the claim over in one step and runs as the first
 * request. Of two retries arriving together, one takes the claim over; the other finds it in progress.
 */
@Component
class InDoubtRequests {

    /** What the record says of a cut-off request. */
    sealed interface Resolution {
    }

    /** It was recorded: answer the retry with this (already stored as the key's answer). */
    record Recorded(int status, String contentType, String location, byte[] body) implements Resolution {
    }

    /** It was not: the retry holds the key under this new claim and runs. */
    record TakenOver(String claimId) implements Resolution {
    }

    /** Another retry took the claim over first, or the claim predates claim ids and cannot be looked up. */
    record Unresolved(String reason) implements Resolution {
    }

    private final StoredEvents stored;
    private final IdempotencyStore store;
    private final ObjectMapper json;

    InDoubtRequests(StoredEvents stored, IdempotencyStore store, ObjectMapper json) {
        this.stored = stored;
        this.store = store;
        this.json = json;
    }

    Resolution resolve(String principal, String key, IdempotencyStore.Answer claim) throws IOException {
        if (claim.claimId() == null) {
            // claimed before claims had ids: what it recorded cannot be told from the record
            return new Unresolved("the first request with this key was cut off before the engine tagged what it "
                    + "records; read the course to see whether it was recorded before sending it under a new key");
        }
        List<ChainHasher.StoredEvent> recorded = claim.courseId() == null ? List.of() : stored.of(claim.courseId()).stream()
                .filter(e -> claim.claimId().equals(e.metadata().get(KeyedCommands.CLAIM))).toList();
        if (recorded.isEmpty()) {
            Optional<String> taken = store.takeOver(principal, key, claim.claimId());
            return taken.<Resolution>map(TakenOver::new).orElseGet(() -> new Unresolved(
                    "the first request with this key has not finished; retry shortly"));
        }
        Recorded answer = answerFrom(claim.courseId(), recorded);
        if (!store.complete(principal, key, claim.claimId(), answer.status(), answer.contentType(), answer.location(), answer.body())) {
            // another retry answered it first: that answer is the key's
            return store.find(principal, key).filter(a -> !a.inProgress())
                    .<Resolution>map(a -> new Recorded(a.status(), a.contentType(), a.location(), a.body()))
                    .orElseGet(() -> new Unresolved("the first request with this key has not finished; retry shortly"));
        }
        return answer;
    }

    /**
     * The answer the record gives: 201 with the course's location for a screening, 422 when the act was a
     * refusal (recorded, as every refusal is), 200 otherwise; the body names the entries the request recorded.
     */
    private Recorded answerFrom(String courseId, List<ChainHasher.StoredEvent> recorded) throws IOException {
        boolean screened = recorded.stream().anyMatch(e -> org.kap.api.axon.StoredTypes.readAs(e.payloadType())
                .equals(org.kap.api.axon.StoredTypes.nameOf(CourseEvent.ClientScreened.class)));
        boolean refused = recorded.stream().anyMatch(e -> simpleName(e).endsWith("Refused"));
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
        body.put("courseId", courseId);
        body.put("answeredFromTheRecord", "the first request with this key was recorded before the engine stopped, "
                + "and not answered; these are the entries it recorded (the course's history has them whole)");
        body.put("recorded", recorded.stream().map(e -> Map.of("sequence", e.sequence(), "event", simpleName(e))).toList());
        return new Recorded(status, contentType, screened ? "/api/v1/courses/" + courseId : null, json.writeValueAsBytes(body));
    }

    private static String simpleName(ChainHasher.StoredEvent e) {
        return e.payloadType().substring(Math.max(e.payloadType().lastIndexOf('$'), e.payloadType().lastIndexOf('.')) + 1);
    }
}
