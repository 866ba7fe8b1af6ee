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
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;

/**
 * Throttles what an attacker can do without valid credentials (docs/security.md):
 * <ul>
 *   <li>401s: every request answered 401 counts against its client address, whatever it sent (no
 *       credentials, a malformed header, a refused token, a wrong password); past
 *       {@code kap.limits.unauthenticated-per-minute} in a minute, the address is answered 429 for the rest of
 *       the minute, recorded once, so a flood neither runs at full speed nor fills the access records;</li>
 *   <li>password guessing: after {@code kap.sign-in.max-failures-per-user} failed sign-ins as one user name
 *       (names are case-insensitive), or {@code max-failures-per-address} from one address, within
 *       {@code kap.sign-in.lockout} of the first, that user (from anywhere) or that address (as anyone) is
 *       refused with 429 until the period ends, the right password included, on every path; each lockout
 *       is recorded once. Signing in does not clear the count: it expires with its period.</li>
 * </ul>
 * The check runs before credentials are looked at; the counts are taken as each attempt fails, so requests
 * racing in parallel may get a few more attempts than the limit (at most one per request handled at once).
 * Its {@link #filter()} sits in Spring Security's chain right after the security headers are prepared; it
 * is not a servlet filter of its own (Spring Boot would then run it a second time, outside the chain).
 */
@Component
public class ClientThrottle {

    private final KapProperties.Limits limits;
    private final KapProperties.SignIn signIn;
    private final CurrentActor actor;
    private final RefusedRequests refused;
    private final ObjectMapper json;
    private final AttemptWindows unauthenticated;
    private final AttemptWindows failuresByUser;
    private final AttemptWindows failuresByAddress;

    ClientThrottle(KapProperties properties, CurrentActor actor, RefusedRequests refused, ObjectMapper json, Clock clock) {
        this.limits = properties.limits();
        this.signIn = properties.signIn();
        this.actor = actor;
        this.refused = refused;
        this.json = json;
        this.unauthenticated = new AttemptWindows(Duration.ofMinutes(1), clock);
        this.failuresByUser = new AttemptWindows(signIn.lockout(), clock);
        this.failuresByAddress = new AttemptWindows(signIn.lockout(), clock);
    }

    private final OncePerRequestFilter filter = new OncePerRequestFilter() {
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
    private static boolean openToAll(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/") || path.equals("/v3/api-docs")
                || path.startsWith("/v3/api-docs/") || path.equals("/swagger-ui.html") || path.startsWith("/swagger-ui/")
                || path.equals("/error");
    }

    private void throttle(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String address = request.getRemoteAddr();
        String credentials = request.getHeader(HttpHeaders.AUTHORIZATION);
        boolean formSignIn = isFormSignIn(request);
        String user = credentials != null ? basicUser(credentials) : formSignIn ? formUser(request) : null;
        boolean userLocked = user != null && failuresByUser.count(user) >= signIn.maxFailuresPerUser();
        boolean addressLocked = (credentials != null || formSignIn) && failuresByAddress.count(address) >= signIn.maxFailuresPerAddress();
        if ((userLocked || addressLocked) && formSignIn) {
            // a person at the sign-in page is told on the page, not with a JSON problem; the password is not checked
            response.sendRedirect(request.getContextPath() + "/login?locked");
            return;
        }
        if (userLocked || addressLocked) {
            // every path, the open ones included: the credentials would be checked there too
            String key = userLocked ? user : address;
            AttemptWindows windows = userLocked ? failuresByUser : failuresByAddress;
            tooMany(response, windows.secondsLeft(key), "sign-in-locked", "Sign-in locked",
                    (userLocked ? "too many failed sign-ins as this user" : "too many failed sign-ins from this address")
                            + "; sign-in is refused until the lockout period of " + signIn.lockout().toMinutes()
                            + " min ends (docs/security.md)");
            return;
        }
        if (!openToAll(request) && unauthenticated.count(address) >= limits.unauthenticatedPerMinute()) {
            if (unauthenticated.add(address) == limits.unauthenticatedPerMinute() + 1) {
                refused.throttled(request, RefusedRequests.ANONYMOUS, "unauthenticated-throttled");
            }
            tooMany(response, unauthenticated.secondsLeft(address), "too-many-requests", "Too many requests",
                    "more than " + limits.unauthenticatedPerMinute() + " unauthenticated requests in a minute from this "
                            + "address; retry later");
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * Whether sign-in is locked for this user name (in any spelling: names are counted in lower case) or this address:
     * too many failed sign-ins within the lockout period.
     */
    public boolean signInLocked(String user, String address) {
        return failuresByUser.count(user.toLowerCase(Locale.ROOT)) >= signIn.maxFailuresPerUser()
                || failuresByAddress.count(address) >= signIn.maxFailuresPerAddress();
    }

    /** A 401 about to be answered: counts against the address. */
    void answeredUnauthenticated(HttpServletRequest request) {
        unauthenticated.add(request.getRemoteAddr());
    }

    /** A failed sign-in counts against the client address, and against the user name when it is a configured user. */
    @EventListener
    public void onFailedSignIn(AbstractAuthenticationFailureEvent failure) {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return;
        }
        HttpServletRequest request = attributes.getRequest();
        if (failuresByAddress.add(request.getRemoteAddr()) == signIn.maxFailuresPerAddress()) {
            refused.throttled(request, RefusedRequests.ANONYMOUS, "sign-in-locked");
        }
        if (failure.getAuthentication() instanceof UsernamePasswordAuthenticationToken password
                && actor.isConfiguredUser(password.getName())) {
            String user = password.getName().toLowerCase(Locale.ROOT);
            if (failuresByUser.add(user) == signIn.maxFailuresPerUser()) {
                refused.throttled(request, user, "sign-in-locked");
            }
        }
    }

    /** The sign-in page's form being sent (Spring Security's form login processes POST /login). */
    private static boolean isFormSignIn(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && "/login".equals(request.getRequestURI());
    }

    /** The user name typed at the sign-in page, lower-cased as the user store compares it. */
    private static String formUser(HttpServletRequest request) {
        String name = request.getParameter("username");
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }

    /** The user name of HTTP Basic credentials, lower-cased as the user store compares it; null for any other scheme. */
    static String basicUser(String header) {
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon).toLowerCase(Locale.ROOT);
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
