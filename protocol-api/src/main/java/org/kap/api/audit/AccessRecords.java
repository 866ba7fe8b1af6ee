package org.kap.api.audit;

import org.kap.api.security.CurrentActor;
import org.kap.core.course.Actor;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records every read of a course's record (its state, history, export, verification, what-if,
 * monitoring form), every request refused to the caller's role, and every failed sign-in: who,
 * what, when, and the outcome (HIPAA 164.312(b)). Listed for admins shaped like FHIR AuditEvent.
 * Refusals happen in Spring Security's filters, before any controller, so they arrive as the events
 * Spring Security publishes by default (denied authorizations, failed authentications) rather than
 * through the interceptor.
 */
@Component
public class AccessRecords implements HandlerInterceptor, WebMvcConfigurer {

    private static final Pattern COURSE_READ = Pattern.compile(
            "/api/v1/courses/([^/]+)(/(history|state|export|verification|what-if|sessions/\\d+/monitoring-form))?");
    private static final Pattern EXPORT_ALL = Pattern.compile("/api/v1/courses-export");
    private static final Pattern ANY_COURSE_PATH = Pattern.compile("/api/v1/courses/([^/]+)(/.*)?");
    /** The role column of an attempt by no one the engine knows: no credentials, or wrong ones. */
    static final String NO_ROLE = "NONE";

    private final JdbcTemplate jdbc;
    private final CurrentActor actor;
    private final Clock clock;

    public AccessRecords(JdbcTemplate jdbc, CurrentActor actor, Clock clock) {
        this.jdbc = jdbc;
        this.actor = actor;
        this.clock = clock;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/v1/courses/**", "/api/v1/courses-export");
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        String path = request.getRequestURI();
        boolean whatIf = "POST".equals(request.getMethod()) && path.endsWith("/what-if");
        if (!"GET".equals(request.getMethod()) && !whatIf) {
            return;
        }
        Matcher m = COURSE_READ.matcher(path);
        String courseId = null;
        String action;
        if (m.matches()) {
            courseId = m.group(1);
            action = m.group(3) == null ? "state" : m.group(3).startsWith("sessions/") ? "monitoring-form" : m.group(3);
        } else if (EXPORT_ALL.matcher(path).matches()) {
            action = "export";
        } else {
            return;
        }
        Actor who = actor.get();
        record(who.id(), who.role().name(), request, action, courseId, response.getStatus());
    }

    /** A request the caller's role may not make (403), or one without credentials (401). */
    @EventListener
    public void onDenied(AuthorizationDeniedEvent<?> denied) {
        if (!(denied.getSource() instanceof HttpServletRequest request)) {
            return;
        }
        Authentication who = denied.getAuthentication().get();
        if (who == null || who instanceof AnonymousAuthenticationToken) {
            record("anonymous", NO_ROLE, request, "unauthenticated", courseOf(request), 401);
        } else {
            // signed in, perhaps with no engine role at all (a token without one)
            String role = CurrentActor.roleOf(who).map(Enum::name).orElse(NO_ROLE);
            record(who.getName(), role, request, "forbidden", courseOf(request), 403);
        }
    }

    /**
     * Wrong or unknown credentials (401): the user name that was tried, never the secret. A failed
     * bearer token names no one it could be trusted for, and its text is a credential: neither is kept.
     */
    @EventListener
    public void onFailedSignIn(AbstractAuthenticationFailureEvent failure) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            String tried = failure.getAuthentication() instanceof UsernamePasswordAuthenticationToken password
                    && password.getName() != null ? password.getName() : "unidentified";
            HttpServletRequest request = attributes.getRequest();
            record(tried, NO_ROLE, request, "sign-in", courseOf(request), 401);
        }
    }

    private static String courseOf(HttpServletRequest request) {
        Matcher m = ANY_COURSE_PATH.matcher(request.getRequestURI());
        return m.matches() ? m.group(1) : null;
    }

    private void record(String actorId, String role, HttpServletRequest request, String action, String courseId, int status) {
        String path = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        jdbc.update("INSERT INTO access_record (recorded, actor_id, actor_role, method, action, course_id, path, status) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                Timestamp.from(clock.instant()), truncate(actorId, 255), role, request.getMethod(), action,
                courseId == null ? null : truncate(courseId, 100), truncate(path, 1000), status);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /**
     * The access records, newest first, as FHIR R4 AuditEvent resources: action R for reads (the
     * what-if too, which records nothing), E for any other command; outcome 0 success, 4 refused.
     * A failed sign-in is typed as a DICOM User Authentication (110114) event, subtype Login.
     */
    public List<Map<String, Object>> asAuditEvents(int limit) {
        return jdbc.query("SELECT * FROM access_record ORDER BY id DESC LIMIT " + Math.max(1, Math.min(limit, 1000)), (rs, n) -> {
            int status = rs.getInt("status");
            String courseId = rs.getString("course_id");
            String action = rs.getString("action");
            boolean read = "GET".equals(rs.getString("method")) || "what-if".equals(action);
            boolean signIn = "sign-in".equals(action);
            return Map.of(
                    "resourceType", "AuditEvent",
                    "id", String.valueOf(rs.getLong("id")),
                    "type", signIn ? Map.of("system", "http://dicom.nema.org/resources/ontology/DCM", "code", "110114", "display", "User Authentication")
                            : Map.of("system", "http://terminology.hl7.org/CodeSystem/audit-event-type", "code", "rest", "display", "RESTful Operation"),
                    "subtype", signIn ? List.of(Map.of("system", "http://dicom.nema.org/resources/ontology/DCM", "code", "110122", "display", "Login"))
                            : List.of(Map.of("code", action)),
                    "action", read ? "R" : "E",
                    "recorded", rs.getTimestamp("recorded").toInstant().toString(),
                    "outcome", status < 400 ? "0" : status < 500 ? "4" : "8",
                    "agent", List.of(Map.of("who", Map.of("identifier", Map.of("value", rs.getString("actor_id"))),
                            "role", List.of(Map.of("text", rs.getString("actor_role").toLowerCase(Locale.ROOT))), "requestor", true)),
                    "source", Map.of("observer", Map.of("display", "KAP protocol engine")),
                    "entity", List.of(Map.of("what", courseId != null ? Map.of("reference", "Course/" + courseId)
                                    : Map.of("display", "export".equals(action) ? "all courses" : "the engine"),
                            "detail", List.of(Map.of("type", "request", "valueString", rs.getString("method") + " " + rs.getString("path"))))));
        });
    }
}
