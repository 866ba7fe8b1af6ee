package org.kap.api.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.kap.api.errors.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * {@code Idempotency-Key} on commands: a retry with the same key and the same request returns the
 * first answer and records nothing new; the same key with a different request is refused (422); a
 * retry while the first is still running is refused (409). Keys are per principal and survive restarts.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 100)
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    private final IdempotencyStore store;
    private final InDoubtRequests inDoubt;
    private final ObjectMapper json;
    /** A claim still in progress after this long was cut off (no command takes it): the record resolves it. */
    private final java.time.Duration inDoubtAfter;

    IdempotencyFilter(IdempotencyStore store, InDoubtRequests inDoubt, ObjectMapper json,
                      @org.springframework.beans.factory.annotation.Value("${kap.idempotency.in-doubt-after:120s}")
                      java.time.Duration inDoubtAfter) {
        this.store = store;
        this.inDoubt = inDoubt;
        this.json = json;
        this.inDoubtAfter = inDoubtAfter;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
                || !request.getRequestURI().startsWith("/api/v1/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String key = request.getHeader(HEADER).trim();
        if (auth == null || key.isEmpty() || key.length() > 255) {
            Problems.write(response, json, Problems.of(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                    HEADER + ": a key of 1 to 255 characters, sent by an authenticated client"));
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        String principal = auth.getName();
        String fingerprint = sha256(request.getMethod() + " " + request.getRequestURI() + "\n", body);

        Optional<IdempotencyStore.Answer> existing = store.find(principal, key);
        if (existing.isEmpty()) {
            Optional<String> claimed = store.claim(principal, key, request.getMethod(), request.getRequestURI(), fingerprint);
            if (claimed.isPresent()) {
                handleFirst(request, body, response, chain, principal, key, claimed.get());
                return;
            }
            existing = store.find(principal, key); // claimed meanwhile, perhaps released again by a failed first request
        }
        IdempotencyStore.Answer answer = existing.orElse(null);
        if (answer == null) {
            inProgress(response, "the first request with this " + HEADER + " has not finished; retry shortly");
        } else if (!answer.requestSha256().equals(fingerprint)) {
            Problems.write(response, json, Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused",
                    "Key used for another request", "this " + HEADER + " was used for a different request; use a new key"));
        } else if (answer.inProgress() && store.inDoubt(answer, inDoubtAfter)) {
            InDoubtRequests.Resolution resolution = inDoubt.resolve(principal, key, answer);
            // every kind of the sealed family, and nothing else (Java 17 has no pattern switch to check it)
            if (resolution instanceof InDoubtRequests.Recorded recorded) {
                replay(response, recorded.status(), recorded.contentType(), recorded.location(), recorded.body());
            } else if (resolution instanceof InDoubtRequests.TakenOver takenOver) {
                handleFirst(request, body, response, chain, principal, key, takenOver.claimId());
            } else if (resolution instanceof InDoubtRequests.Unresolved unresolved) {
                inProgress(response, unresolved.reason());
            } else {
                throw new IllegalStateException("an in-doubt request resolved as " + resolution);
            }
        } else if (answer.inProgress()) {
            inProgress(response, "the first request with this " + HEADER + " has not finished; retry shortly");
        } else {
            replay(response, answer.status(), answer.contentType(), answer.location(), answer.body());
        }
    }

    private void inProgress(HttpServletResponse response, String detail) throws IOException {
        Problems.write(response, json, Problems.of(HttpStatus.CONFLICT, "idempotency-in-progress", "First request still running",
                detail));
    }

    private static void replay(HttpServletResponse response, int status, String contentType, String location, byte[] body)
            throws IOException {
        response.setStatus(status);
        response.setHeader(REPLAYED, "true");
        if (contentType != null) {
            response.setContentType(contentType);
        }
        if (location != null) {
            response.setHeader(HttpHeaders.LOCATION, location);
        }
        if (body != null) {
            response.getOutputStream().write(body);
        }
    }

    private void handleFirst(HttpServletRequest request, byte[] body, HttpServletResponse response, FilterChain chain,
                             String principal, String key, String claimId) throws IOException, ServletException {
        request.setAttribute(KeyedCommands.REQUEST_ATTRIBUTE, new KeyedCommands.Claim(principal, key, claimId));
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        boolean answered = false;
        try {
            chain.doFilter(new ReplayableRequest(request, body), recorded);
            // a 401 (no credentials, a signed act without its re-authentication) decided nothing: the key stays free for
            // the retry that brings them
            if (recorded.getStatus() < 500 && recorded.getStatus() != 401) {
                store.complete(principal, key, claimId, recorded.getStatus(), recorded.getContentType(),
                        recorded.getHeader(HttpHeaders.LOCATION), recorded.getContentAsByteArray());
                answered = true;
            }
        } finally {
            if (!answered) {
                store.release(principal, key, claimId);
            }
            recorded.copyBodyToResponse();
        }
    }

    private static String sha256(String head, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(head.getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its body read once already. */
    private static final class ReplayableRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        ReplayableRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
