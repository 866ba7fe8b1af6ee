package org.kap.api.idempotency;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Ties a command sent with an {@code Idempotency-Key} to what it records. Before the command runs, the
 * course it goes to is noted on the key's claim; the command carries the claim's tag in its metadata,
 * which every event it records inherits. A request cut off by a crash is then resolved from the record
 * ({@link InDoubtRequests}): the course's events with that tag are what it recorded, if anything.
 */
@Component
public class KeyedCommands {

    /** The metadata key of the claim's tag on a command and on every event it records. */
    public static final String CLAIM = "idempotencyClaim";
    static final String REQUEST_ATTRIBUTE = KeyedCommands.class.getName() + ".claim";

    /** The principal and key of the request being handled. */
    record Claim(String principal, String key) {
        /** A tag that names the claim without repeating the client's key in the record. */
        String tag() {
            return tagOf(principal, key);
        }
    }

    private final IdempotencyStore store;

    KeyedCommands(IdempotencyStore store) {
        this.store = store;
    }

    /**
     * For a command about to be sent to a course: when the request carries an idempotency key, notes the course
     * on its claim and answers the tag the command must carry; otherwise empty.
     */
    public Optional<String> tagFor(String courseId) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes == null || !(attributes.getAttribute(REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof Claim claim)) {
            return Optional.empty();
        }
        store.noteCourse(claim.principal(), claim.key(), courseId);
        return Optional.of(claim.tag());
    }

    static String tagOf(String principal, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((principal + "\n" + key).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
