package org.kap.api.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.HandlerInterceptor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Electronic signatures (21 CFR 11.100, 11.200): a dose approval, an override, a review, a correction and a
 * protocol publication are signed acts, and the signer proves who they are at the moment of signing, not only
 * when the session began. With the configured users, the request carries the signer's password again in the
 * {@code Signature-Password} header, checked against the signer's stored hash; under
 * the jwt profile, the token must say the person authenticated within {@code kap.signatures.max-auth-age} (its
 * {@code auth_time} claim). Anything else is refused (401, nothing recorded); a wrong password counts as a failed
 * sign-in. The way the signer re-authenticated goes onto the signed record (SIGNATURE_METHOD).
 */
@Component
public class SignedActs implements HandlerInterceptor {

    /** The request attribute, then the command's and event's metadata key, saying how the signer re-authenticated. */
    public static final String SIGNATURE_METHOD = "signature.method";
    public static final String PASSWORD_HEADER = "Signature-Password";

    private record ActPath(Pattern path, String meaning) {
    }

    private static final String COURSE = "/api/v1/courses/[A-Za-z0-9][A-Za-z0-9._-]{0,99}";
    private static final String VERSION = "/api/v1/protocols/[a-z0-9][a-z0-9-]{0,99}/versions/[0-9]{1,9}";
    private static final List<ActPath> ACTS = List.of(
            new ActPath(Pattern.compile(COURSE + "/dose-approvals"), "approval"),
            new ActPath(Pattern.compile(COURSE + "/overrides"), "responsibility"),
            new ActPath(Pattern.compile(COURSE + "/reviews"), "review"),
            new ActPath(Pattern.compile(COURSE + "/corrections"), "authorship"),
            new ActPath(Pattern.compile(COURSE + "/migrations"), "approval"),
            new ActPath(Pattern.compile("/api/v1/protocols"), "authorship"),
            new ActPath(Pattern.compile("/api/v1/value-set-libraries"), "authorship"),
            new ActPath(Pattern.compile(VERSION + "/activation"), "authorship"),
            new ActPath(Pattern.compile(VERSION + "/approval"), "approval"),
            new ActPath(Pattern.compile(VERSION + "/retirement"), "responsibility"));

    private final ObjectProvider<UserDetailsService> users;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration maxAuthAge;
    /**
     * The engine's encoder: a password proven against the stored hash within the last minutes is recognised without
     * running bcrypt again, which proves the same knowledge (only the very password verified matches); a wrong one is
     * always checked in full.
     */
    private final ObjectProvider<PasswordEncoder> passwords;

    private final ObjectProvider<ClientThrottle> throttles;

    SignedActs(ObjectProvider<UserDetailsService> users, ObjectProvider<PasswordEncoder> passwords, ApplicationEventPublisher events,
               Clock clock, @Value("${kap.signatures.max-auth-age:5m}") Duration maxAuthAge, ObjectProvider<ClientThrottle> throttles) {
        this.throttles = throttles;
        this.passwords = passwords;
        this.users = users;
        this.events = events;
        this.clock = clock;
        this.maxAuthAge = maxAuthAge;
    }

    /**
     * The meaning of the signature a request to this (decoded) path would make, if it is a signed act: for clients and
     * documents; the engine itself goes by the handler's {@link SignedAct}, and a test keeps the two in step.
     */
    public static Optional<String> meaningOf(String method, String path) {
        if (!"POST".equals(method)) {
            return Optional.empty();
        }
        return ACTS.stream().filter(act -> act.path().matcher(path).matches()).map(ActPath::meaning).findFirst();
    }

    /** How the signer of the request being handled re-authenticated, when it is a signed act. */
    public static Optional<String> currentMethod() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? Optional.ofNullable((String) attributes.getRequest().getAttribute(SIGNATURE_METHOD)) : Optional.empty();
    }

    /**
     * The handler decides, not the path: a signed act's controller method carries {@link SignedAct}, so no spelling of
     * its path (encoded letters included) reaches it unsigned.
     */
    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof org.springframework.web.method.HandlerMethod method) || !method.hasMethodAnnotation(SignedAct.class)) {
            return true;
        }
        Authentication signer = SecurityContextHolder.getContext().getAuthentication();
        request.setAttribute(SIGNATURE_METHOD, reauthenticated(signer, request.getHeader(PASSWORD_HEADER)));
        return true;
    }

    /**
     * A signed act sent from one of the engine's pages: the signer types the password again into the act's form (a
     * form sets no header), checked as the header's would be. Throws {@link SignatureRefused} when it is not theirs.
     */
    public void signFromPage(HttpServletRequest request, String password) {
        Authentication signer = SecurityContextHolder.getContext().getAuthentication();
        ClientThrottle throttle = throttles.getIfAvailable();
        if (throttle != null && signer != null && throttle.signInLocked(signer.getName(), request.getRemoteAddr())) {
            // the lockout holds for a signing password too: no guess is checked while it lasts. The page session itself
            // goes on (the user signed in; ending it would let anyone who locks a user name out sign a nurse out mid-session)
            throw new SignatureRefused("sign-in is locked after too many failed attempts: no signature can be made until "
                    + "the lockout ends (docs/security.md)");
        }
        request.setAttribute(SIGNATURE_METHOD, reauthenticated(signer, password));
    }

    private String reauthenticated(Authentication signer, String password) {
        if (signer instanceof JwtAuthenticationToken token) {
            Instant authTime = token.getToken().getClaimAsInstant("auth_time");
            if (authTime == null) {
                throw new SignatureRefused("the token carries no auth_time: a signed act needs a token issued on a fresh sign-in");
            }
            if (authTime.isBefore(clock.instant().minus(maxAuthAge))) {
                throw new SignatureRefused("the token's sign-in (auth_time " + authTime + ") is older than "
                        + maxAuthAge.toMinutes() + " min: sign in again to sign");
            }
            return "token, signed in at " + authTime;
        }
        if (password == null || password.isEmpty()) {
            throw new SignatureRefused("a signed act needs the signer's password again, in the " + PASSWORD_HEADER + " header");
        }
        UserDetailsService known = users.getIfAvailable();
        String stored;
        try {
            stored = known == null || signer == null ? null : known.loadUserByUsername(signer.getName()).getPassword();
        } catch (UsernameNotFoundException unknown) {
            stored = null;
        }
        PasswordEncoder encoder = passwords.getIfAvailable(PasswordEncoderFactories::createDelegatingPasswordEncoder);
        if (stored == null || !encoder.matches(password, stored)) {
            // a wrong password here is a failed sign-in like any other: counted toward the lockouts
            events.publishEvent(new AuthenticationFailureBadCredentialsEvent(new UsernamePasswordAuthenticationToken(
                    signer == null ? "" : signer.getName(), ""), new BadCredentialsException("signature password")));
            throw new SignatureRefused("the password given to sign is not the signer's");
        }
        return "password re-entered";
    }

    /** A signed act whose signer did not re-authenticate: 401, nothing recorded. */
    public static class SignatureRefused extends RuntimeException {
        public SignatureRefused(String reason) {
            super(reason);
        }
    }
}
