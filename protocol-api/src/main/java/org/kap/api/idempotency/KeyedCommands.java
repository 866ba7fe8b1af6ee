package org.kap.api.idempotency;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.util.Optional;

/**
 * Ties a command sent with an {@code Idempotency-Key} to what it records. Before the command runs, the
 * course it goes to is noted on the key's claim; the command carries the claim's id in its metadata, which
 * every event it records inherits. A request cut off by a crash is then resolved from the record
 * ({@link InDoubtRequests}): the course's events with that claim's id are what it recorded, if anything. The
 * id is the claim's own, never derived from the key, so a key used again later is never mistaken for its
 * earlier use.
 */
@Component
public class KeyedCommands {

    /** The metadata key of the claim's id on a command and on every event it records. */
    public static final String CLAIM = "idempotencyClaim";
    static final String REQUEST_ATTRIBUTE = KeyedCommands.class.getName() + ".claim";

    /** The principal, key and claim of the request being handled. */
    record Claim(String principal, String key, String claimId) {
    }

    private final IdempotencyStore store;

    KeyedCommands(IdempotencyStore store) {
        this.store = store;
    }

    /**
     * For a command about to be sent to a course: when the request carries an idempotency key, notes the course
     * on its claim and answers the claim's id, which the command must carry; otherwise empty.
     */
    public Optional<String> tagFor(String courseId) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes == null || !(attributes.getAttribute(REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof Claim claim)) {
            return Optional.empty();
        }
        store.noteCourse(claim.principal(), claim.key(), claim.claimId(), courseId);
        return Optional.of(claim.claimId());
    }
}
