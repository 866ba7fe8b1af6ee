package org.kap.api.errors;

import org.springframework.http.HttpStatus;

/**
 * A request body refused while it was being read: longer than the engine accepts (however it arrives,
 * chunked included) or sent too slowly. Thrown from the body's stream, so whatever reads it stops there.
 */
public class RequestBodyRefused extends RuntimeException {

    private final HttpStatus status;
    private final String type;

    private RequestBodyRefused(HttpStatus status, String type, String message) {
        super(message);
        this.status = status;
        this.type = type;
    }

    static RequestBodyRefused tooLarge(long maxBytes) {
        return new RequestBodyRefused(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large",
                "body: more than the " + maxBytes + " bytes a request may carry");
    }

    static RequestBodyRefused tooSlow(java.time.Duration limit) {
        return new RequestBodyRefused(HttpStatus.REQUEST_TIMEOUT, "request-timeout",
                "body: not received within " + limit.toSeconds() + " s; send the whole request at once");
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }
}
