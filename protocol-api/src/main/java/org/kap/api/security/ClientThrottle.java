package org.kap.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.kap.api.KapProperties;
import org.kap.api.errors.Problems;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * Throttles what an attacker can do without credentials (docs/security.md):
 * <ul>
 *   <li>requests without credentials: at most {@code kap.limits.unauthenticated-per-minute} per client
 *       address, each recorded; past that, 429 and one access record for the whole minute, so a flood
 *       neither runs at full speed nor fills the access records;</li>
 *   <li>password guessing: after {@code kap.sign-in.max-failures-per-user} failed sign-ins as one user,
 *       or {@code max-failures-per-address} from one address, within {@code kap.sign-in.lockout}, that user
 *       (from anywhere) or that address (as anyone) is refused with 429 until the period ends, the right
 *       password included, and the lockout is recorded once.</li>
 * </ul>
 * Its {@link #filter()} runs inside Spring Security's chain, before credentials are checked; it is not a
 * servlet filter of its own (Spring Boot would then run it a second time, outside the chain).
 */
@Component
public class ClientThrottle {

    private final KapProperties.Limits limits;
    private final KapProperties.SignIn signIn;
    private final CurrentActor actor;
    private final RefusedRequests refused;
    private final ObjectMapper json;
    private final AttemptWindows anonymous;
    private final AttemptWindows failuresByUser;
    private final AttemptWindows failuresByAddress;

    ClientThrottle(KapProperties properties, CurrentActor actor, RefusedRequests refused, ObjectMapper json, Clock clock) {
        this.limits = properties.limits();
        this.signIn = properties.signIn();
        this.actor = actor;
        this.refused = refused;
        this.json = json;
        this.anonymous = new AttemptWindows(Duration.ofMinutes(1), clock);
        this.failuresByUser = new AttemptWindows(signIn.lockout(), clock);
        this.failuresByAddress = new AttemptWindows(signIn.lockout(), clock);
    }

    private final OncePerRequestFilter filter = new OncePerRequestFilter() {
        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return exempt(request);
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            throttle(request, response, chain);
        }
    };

    /** The filter to place in the security chain before authentication. */
    public OncePerRequestFilter filter() {
        return filter;
    }

    /** Health, the API docs and the error page answer anyone at any rate: they hold nothing to guess. */
    private static boolean exempt(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith("/actuator/health") || path.startsWith("/v3/api-docs") || path.startsWith("/swagger-ui")
                || path.equals("/error");
    }

    private void throttle(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String address = request.getRemoteAddr();
        String credentials = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (credentials == null) {
            int made = anonymous.add(address);
            if (made > limits.unauthenticatedPerMinute()) {
                if (made == limits.unauthenticatedPerMinute() + 1) {
                    refused.throttled(request, RefusedRequests.ANONYMOUS, "unauthenticated-throttled");
                }
                tooMany(response, anonymous.secondsLeft(address), "too-many-requests", "Too many requests",
                        "more than " + limits.unauthenticatedPerMinute() + " requests without credentials in a minute from "
                                + "this address; send credentials, or retry later");
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        String user = basicUser(credentials);
        boolean userLocked = user != null && failuresByUser.count(user) >= signIn.maxFailuresPerUser();
        boolean addressLocked = failuresByAddress.count(address) >= signIn.maxFailuresPerAddress();
        if (userLocked || addressLocked) {
            String key = userLocked ? user : address;
            AttemptWindows windows = userLocked ? failuresByUser : failuresByAddress;
            tooMany(response, windows.secondsLeft(key), "sign-in-locked", "Sign-in locked",
                    (userLocked ? "too many failed sign-ins as this user" : "too many failed sign-ins from this address")
                            + "; sign-in is refused until the lockout period of " + signIn.lockout().toMinutes()
                            + " min ends (docs/security.md)");
            return;
        }
        chain.doFilter(request, response);
    }

    /** A failed sign-in counts against the client address, and against the user name when it is a configured user. */
    @EventListener
    public void onFailedSignIn(AbstractAuthenticationFailureEvent failure) {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return;
        }
        HttpServletRequest request = attributes.getRequest();
        int fromAddress = failuresByAddress.add(request.getRemoteAddr());
        if (fromAddress == signIn.maxFailuresPerAddress()) {
            refused.throttled(request, RefusedRequests.ANONYMOUS, "sign-in-locked");
        }
        if (failure.getAuthentication() instanceof UsernamePasswordAuthenticationToken password
                && actor.isConfiguredUser(password.getName())) {
            if (failuresByUser.add(password.getName()) == signIn.maxFailuresPerUser()) {
                refused.throttled(request, password.getName(), "sign-in-locked");
            }
        }
    }

    /** Signing in clears the user's failures (not the address's: a guesser who knows one password stays throttled). */
    @EventListener
    public void onSignIn(AuthenticationSuccessEvent success) {
        failuresByUser.clear(success.getAuthentication().getName());
    }

    /** The user name of HTTP Basic credentials, or null for any other scheme or unreadable credentials. */
    static String basicUser(String header) {
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }

    private void tooMany(HttpServletResponse response, long retryAfterSeconds, String type, String title, String detail)
            throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
        Problems.write(response, json, Problems.of(HttpStatus.TOO_MANY_REQUESTS, type, title, detail));
    }
}
