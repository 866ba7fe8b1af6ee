package org.kap.api.errors;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.kap.api.KapProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The first thing every request meets, before credentials are even looked at: a path longer than any
 * of the API's is 414; a body is limited however it arrives (413), read within a deadline (408), and one
 * client address has only so many bodies in flight at once (429), so slow or huge uploads from one place
 * cannot hold every request thread. Requests without a body (health checks among them) pass untouched.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestLimitsFilter extends OncePerRequestFilter {

    private final KapProperties.Limits limits;
    private final long maxBytes;
    private final ObjectMapper json;
    /** Bodies being read per client address; an address leaves the map when its last body is done. */
    private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();

    RequestLimitsFilter(KapProperties properties, ObjectMapper json) {
        this.limits = properties.limits();
        this.maxBytes = properties.maxRequestBytes();
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getRequestURI().length() > limits.maxPathLength()) {
            refuse(response, Problems.of(HttpStatus.URI_TOO_LONG, "uri-too-long", "Path too long",
                    "the path has " + request.getRequestURI().length() + " characters; no path of the API is longer than "
                            + limits.maxPathLength()));
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            refuse(response, refusedBody(RequestBodyRefused.tooLarge(maxBytes)));
            return;
        }
        boolean body = declared > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        if (!body) {
            chain.doFilter(request, response);
            return;
        }
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(java.util.Locale.ROOT);
        if ((type.startsWith("application/x-www-form-urlencoded") && !isPageForm(request)) || type.startsWith("multipart/")) {
            // the container would parse these itself, around the limits here; no operation of the API takes them
            refuse(response, Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, Problems.typeOf(415), "Unsupported Media Type",
                    "the API takes JSON bodies (and protocol text as text/plain), never forms"));
            return;
        }
        String client = request.getRemoteAddr();
        if (!enter(client)) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            refuse(response, Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Too many requests at once",
                    "this address is already sending " + limits.concurrentBodiesPerClient()
                            + " request bodies; retry when one has finished"));
            return;
        }
        BoundedBody bounded = new BoundedBody(request, maxBytes, limits.bodyReadTimeout());
        try {
            CloseOnErrorBeforeEnd answer = new CloseOnErrorBeforeEnd(response, bounded);
            chain.doFilter(bounded, answer);
            drain(bounded, answer);
        } catch (RequestBodyRefused refused) {
            // read outside Spring MVC (the idempotency filter hashes the body): answered here
            if (!response.isCommitted()) {
                response.reset();
                refuse(response, refusedBody(refused));
            }
        } finally {
            leave(client);
        }
    }

    /** The problem for a refused body; also used by the MVC handler for bodies refused while a controller reads them. */
    static ProblemDetail refusedBody(RequestBodyRefused refused) {
        ProblemDetail problem = Problems.of(refused.status(), refused.type(), refused.status().getReasonPhrase(), refused.getMessage());
        problem.setProperty("errors", List.of(new ProblemHandler.FieldError("body", refused.getMessage().substring("body: ".length()))));
        return problem;
    }

    /** The pages' own forms (sign-in, sign-out, the pages' acts) are forms; no path of the API takes one. */
    private static boolean isPageForm(HttpServletRequest request) {
        String path = request.getRequestURI();
        return "POST".equals(request.getMethod()) && (path.equals("/login") || path.equals("/logout") || isPagePath(path));
    }

    /** A page's path as it is: no encoded letter and no dot segment could make it another path once decoded. */
    private static boolean isPagePath(String path) {
        return path.startsWith("/pages/") && path.matches("[A-Za-z0-9._/-]+") && !path.contains("/.");
    }

    /**
     * An error answered before the body was read to its end closes the connection ({@code Connection: close},
     * which the container's valve honours by not reading the rest): the client knows not to reuse it, and
     * a client that sends the rest slowly holds no thread while it does.
     */
    private static final class CloseOnErrorBeforeEnd extends jakarta.servlet.http.HttpServletResponseWrapper {

        private final BoundedBody body;

        CloseOnErrorBeforeEnd(HttpServletResponse response, BoundedBody body) {
            super(response);
            this.body = body;
        }

        private void closingIf(int status) {
            if (status >= 400 && !isCommitted() && body.unfinished()) {
                setHeader(HttpHeaders.CONNECTION, "close");
            }
        }

        @Override
        public void setStatus(int status) {
            closingIf(status);
            super.setStatus(status);
        }

        @Override
        public void sendError(int status) throws IOException {
            closingIf(status);
            super.sendError(status);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            closingIf(status);
            super.sendError(status, message);
        }
    }

    /**
     * What the engine did not need of a body it answered (padding after the JSON, a body on a GET) is read
     * here, within the body's limits, so the connection can serve the client's next request; past the
     * limits it is left unread and the container closes the connection.
     */
    private static void drain(BoundedBody body, HttpServletResponse answer) {
        if (!body.unfinished() || "close".equalsIgnoreCase(answer.getHeader(HttpHeaders.CONNECTION))) {
            return;
        }
        byte[] rest = new byte[8192];
        try {
            var in = body.getInputStream();
            while (in.read(rest) >= 0) {
                // discarded
            }
        } catch (RequestBodyRefused | IOException | IllegalStateException tooSlowOrLarge) {
            // the container's valve closes the connection rather than read on
        }
    }

    private boolean enter(String client) {
        boolean[] entered = {false};
        inFlight.compute(client, (address, count) -> {
            int now = count == null ? 0 : count;
            if (now >= limits.concurrentBodiesPerClient()) {
                return count;
            }
            entered[0] = true;
            return now + 1;
        });
        return entered[0];
    }

    private void leave(String client) {
        inFlight.computeIfPresent(client, (address, count) -> count <= 1 ? null : count - 1);
    }

    private void refuse(HttpServletResponse response, ProblemDetail problem) throws IOException {
        // the body will not be read: close the connection after answering rather than wait for the rest of it
        response.setHeader(HttpHeaders.CONNECTION, "close");
        Problems.write(response, json, problem);
    }
}
