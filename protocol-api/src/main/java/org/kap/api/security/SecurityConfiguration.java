package org.kap.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.kap.api.KapProperties;
import org.kap.api.errors.Problems;
import org.kap.api.http.SecurityHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.util.List;

/**
 * Every endpoint but health and the API docs needs an authenticated principal with the role the
 * endpoint table names. Embedded default: HTTP Basic with users from configuration (hashed
 * passwords). Profile {@code jwt}: an OAuth2 resource server whose tokens carry a {@code roles} claim.
 */
@Configuration
public class SecurityConfiguration {

    /**
     * The engine's pages: form sign-in with the same users, passwords and lockouts as HTTP Basic, then
     * a session cookie (HttpOnly, SameSite=Lax) and CSRF tokens on every form. Only these paths; the API below stays
     * stateless and never reads the session, so a page's cookie cannot act on the API. Not under the jwt profile, whose
     * users sign in at their identity provider: there the pages are not served.
     */
    @Bean
    @Order(1)
    @Profile("!jwt")
    SecurityFilterChain pages(HttpSecurity http, ClientThrottle throttle, RefusedRequests refused) throws Exception {
        http.securityMatcher(PAGES)
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(SecurityHeaders.CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers("/login", "/assets/**", "/webjars/**").permitAll();
                    auth.requestMatchers(HttpMethod.GET, "/").authenticated();
                    auth.requestMatchers(HttpMethod.POST, "/logout").authenticated();
                    // each page takes the roles of the API endpoint it stands for; any other path is no page
                    for (PageAccess.PageRule rule : PageAccess.RULES) {
                        auth.requestMatchers(rule.method(), rule.path())
                                .hasAnyRole(rule.roles().stream().map(Enum::name).toArray(String[]::new));
                    }
                    auth.anyRequest().denyAll();
                })
                // a failed sign-in and a page refused to the role are access records, as the API's are
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", true).failureHandler((request, response, e) -> {
                    refused.unauthenticated(request);
                    response.sendRedirect(request.getContextPath() + "/login?error");
                }))
                .exceptionHandling(e -> e.accessDeniedHandler((request, response, denied) -> {
                    boolean expiredForm = denied instanceof org.springframework.security.web.csrf.CsrfException;
                    if (expiredForm) {
                        refused.formRefused(request, SecurityContextHolder.getContext().getAuthentication());
                    } else {
                        refused.forbidden(request, SecurityContextHolder.getContext().getAuthentication());
                    }
                    response.setStatus(HttpStatus.FORBIDDEN.value());
                    response.setContentType("text/html;charset=UTF-8");
                    response.getWriter().write(PAGE_REFUSED.formatted(expiredForm
                            ? "The form was sent without a valid token of your session: it had expired (after 15 idle minutes, "
                            + "or when you signed in again elsewhere), or another site sent it. Nothing was recorded: sign in, "
                            + "open the page again and send the form once more."
                            : "This page or act is not open to your role. Nothing was recorded."));
                }))
                .logout(out -> out.logoutUrl("/logout").logoutSuccessUrl("/login?signed-out"))
                // a new session id at sign-in, so a session id planted before it is worth nothing after
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED)
                        .sessionFixation(f -> f.changeSessionId()))
                .addFilterAfter(throttle.filter(), org.springframework.security.web.header.HeaderWriterFilter.class);
        return http.build();
    }

    /** The page answering a page's request refused by the security chain (its reason, written by the engine). */
    private static final String PAGE_REFUSED = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<title>Refused - KAP protocol engine</title><link rel=\"stylesheet\" href=\"/assets/kap.css\"></head><body><main>"
            + "<h1>Refused</h1><p class=\"message error\" role=\"alert\">%s</p><p><a href=\"/\">Back to the home page</a>"
            + "</p></main></body></html>";

    /**
     * Spring Security observes nothing of its own: no observation per filter, per authentication or per authorization
     * decision (a dozen a request). Switching its observations off by name (management.observations.enable) only
     * drops them after they are made: its filter chain is still wrapped in the observing decorator, which opens and
     * closes a no-op observation around every filter. The request's own timer (http.server.requests) stays.
     */
    @Bean
    static org.springframework.security.config.observation.SecurityObservationSettings noSecurityObservations() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    /** The paths of the engine's pages (form sign-in and a session); everything else is the API's. */
    public static final String[] PAGES = {"/", "/login", "/logout", "/pages/**", "/assets/**", "/webjars/**"};

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, ObjectMapper json, org.springframework.core.env.Environment env,
                            RefusedRequests refused, ClientThrottle throttle, KapProperties properties, java.time.Clock clock,
                            org.springframework.beans.factory.ObjectProvider<org.springframework.security.oauth2.jwt.JwtDecoder> decoders)
            throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // on every answer, beside Spring Security's nosniff, frame and cache headers: no framing, no
                // third-party content, no referrer leaking course ids in URLs
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(SecurityHeaders.CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers("/actuator/health/**", "/actuator/health", "/v3/api-docs/**", "/v3/api-docs",
                            "/swagger-ui/**", "/swagger-ui.html", "/error").permitAll();
                    for (EndpointAccess.Rule rule : EndpointAccess.RULES) {
                        auth.requestMatchers(rule.method(), rule.path())
                                .hasAnyRole(rule.roles().stream().map(Enum::name).toArray(String[]::new));
                    }
                    auth.requestMatchers("/actuator/**").hasRole("ADMIN");
                    auth.anyRequest().denyAll();
                })
                // before any authentication filter, Basic or bearer: a locked user or address is not even checked
                .addFilterAfter(throttle.filter(), org.springframework.security.web.header.HeaderWriterFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated(json, refused, throttle))
                        .accessDeniedHandler(forbidden(json, refused)));
        if (env.acceptsProfiles(org.springframework.core.env.Profiles.of("jwt"))) {
            // the decoder Spring Boot configures from spring.security.oauth2.resourceserver.jwt.*, its accepted tokens
            // remembered briefly (VerifiedTokens says what is kept and what is checked again)
            var decoder = new VerifiedTokens(decoders.getObject(), properties.signIn().verifiedCredentialsTtl(), 10_000, clock);
            http.oauth2ResourceServer(o -> o.jwt(j -> j.decoder(decoder).jwtAuthenticationConverter(rolesClaim()))
                    .authenticationEntryPoint(unauthenticated(json, refused, throttle)).accessDeniedHandler(forbidden(json, refused)));
        } else {
            http.httpBasic(b -> b.authenticationEntryPoint(unauthenticated(json, refused, throttle)));
        }
        return http.build();
    }

    @Bean
    @Profile("!jwt")
    UserDetailsService configuredUsers(KapProperties properties) {
        List<KapProperties.User> users = properties.security() == null || properties.security().users() == null
                ? List.of() : properties.security().users();
        return new InMemoryUserDetailsManager(users.stream()
                .map(u -> User.withUsername(u.name()).password(u.password()).roles(u.role().name()).build())
                .toList());
    }

    /**
     * The stored hashes name their algorithm ({bcrypt}...); a password that matched is remembered for a short
     * time so HTTP Basic does not pay bcrypt on every request (VerifiedCredentials says what is kept).
     */
    @Bean
    @Profile("!jwt")
    PasswordEncoder passwordEncoder(KapProperties properties, java.time.Clock clock) {
        return new VerifiedCredentials(PasswordEncoderFactories.createDelegatingPasswordEncoder(),
                properties.signIn().verifiedCredentialsTtl(), 10_000, clock);
    }

    /** Roles from the token's {@code roles} claim, e.g. ["prescriber"]. */
    static Converter<Jwt, AbstractAuthenticationToken> rolesClaim() {
        return jwt -> {
            List<String> roles = jwt.getClaimAsStringList("roles");
            return new JwtAuthenticationToken(jwt, roles == null ? List.of() : roles.stream()
                    .map(r -> new SimpleGrantedAuthority("ROLE_" + r.toUpperCase(java.util.Locale.ROOT))).toList(), jwt.getSubject());
        };
    }

    /** Every 401: no credentials, unreadable ones, or ones that signed no one in. */
    private static AuthenticationEntryPoint unauthenticated(ObjectMapper json, RefusedRequests refused, ClientThrottle throttle) {
        return (request, response, e) -> {
            throttle.answeredUnauthenticated(request);
            refused.unauthenticated(request);
            response.setHeader("WWW-Authenticate", "Basic realm=\"kap\"");
            Problems.write(response, json, Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required",
                    "Send credentials: HTTP Basic in the embedded default, a bearer token under the jwt profile"));
        };
    }

    /** Every 403 of the endpoint table: a signed-in user whose role may not make this request. */
    private static AccessDeniedHandler forbidden(ObjectMapper json, RefusedRequests refused) {
        return (request, response, e) -> {
            refused.forbidden(request, SecurityContextHolder.getContext().getAuthentication());
            Problems.write(response, json, Problems.of(HttpStatus.FORBIDDEN, "forbidden",
                    "Not allowed for your role", request.getMethod() + " " + request.getRequestURI()
                            + " is not open to your role; see the README's role table"));
        };
    }
}
