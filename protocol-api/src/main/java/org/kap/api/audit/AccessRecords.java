package org.kap.api.audit;

import org.kap.api.security.CurrentActor;
import org.kap.api.security.RefusedRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.kap.core.course.Actor;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Records every read of a course's record (its state, overview, history, export, verification, what-if,
 * monitoring form), through the API or a page, every request refused to the caller's role, every request without credentials
 * and every failed sign-in: who, what, when, and the outcome (HIPAA 164.312(b)). Listed for admins shaped like FHIR AuditEvent.
 * Refusals happen in Spring Security's filters, before any controller, so the security layer reports
 * them ({@link RefusedRequests}) rather than the interceptor.
 */
@Component
public class AccessRecords implements HandlerInterceptor, WebMvcConfigurer, RefusedRequests {

    private static final Pattern COURSE_READ = Pattern.compile(
            "/api/v1/courses/([^/]+)(/(history|state|overview|export|verification|what-if|migrations/preview|sessions/\\d+/monitoring-form))?");
    /**
     * The pages that read a course: the course page (its state), the audit view (its history and verification), the
     * what-if and the monitoring form. Recorded like the API's reads, with the page's path; the new-course form is no
     * course.
     */
    private static final Pattern PAGE_READ = Pattern.compile(
            "/pages/courses/(?!new$)([^/]+)(/(audit|what-if|verification|sessions/\\d+/monitoring-form|downloads/(export|csv|fhir|timeline)))?");
    private static final Pattern EXPORT_ALL = Pattern.compile("/api/v1/courses-export");
    private static final Pattern ANY_COURSE_PATH = Pattern.compile("/(?:api/v1|pages)/courses/(?!new$)([^/]+)(/.*)?");
    /** The query parameters of the API's endpoints; only these are kept with a path. */
    private static final Set<String> API_PARAMETERS = Set.of("asOf", "asRecordedBy", "courseId", "format", "limit", "page", "size", "status",
            "version");
    private static final Logger LOG = LoggerFactory.getLogger(AccessRecords.class);
    private static final String TRIED = AccessRecords.class.getName() + ".tried";
    static final String ANONYMOUS = RefusedRequests.ANONYMOUS;
    static final String UNKNOWN_USER = "(unknown user)";
    static final String TOKEN = "(refused token)";
    static final String UNREADABLE_CREDENTIALS = "(unreadable credentials)";
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
        registry.addInterceptor(this).addPathPatterns("/api/v1/courses/**", "/api/v1/courses-export", "/pages/courses/**");
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        String path = request.getRequestURI();
        boolean whatIf = "POST".equals(request.getMethod()) && path.endsWith("/what-if");
        if (!"GET".equals(request.getMethod()) && !whatIf) {
            return;
        }
        Matcher m = COURSE_READ.matcher(path);
        Matcher page = PAGE_READ.matcher(path);
        String action;
        if (m.matches()) {
            action = m.group(3) == null ? "state" : m.group(3).startsWith("sessions/") ? "monitoring-form" : m.group(3);
        } else if (page.matches()) {
            action = page.group(3) == null ? "state" : page.group(3).startsWith("sessions/") ? "monitoring-form"
                    : "export".equals(page.group(4)) ? "export" : page.group(3).equals("what-if") ? "what-if"
                    : page.group(3).equals("verification") ? "verification" : "history";
        } else if (EXPORT_ALL.matcher(path).matches()) {
            action = "export";
        } else {
            return;
        }
        Actor who = actor.get();
        record(who.id(), who.role().name(), request, action, response.getStatus());
    }

    /** A 401: no credentials (anonymous), or credentials that signed no one in (a failed sign-in). */
    @Override
    public void unauthenticated(HttpServletRequest request) {
        // credentials in a header (the API's), or a sign-in form's that signed no one in (the pages')
        boolean presented = request.getHeader(HttpHeaders.AUTHORIZATION) != null || request.getAttribute(TRIED) != null;
        String tried = request.getAttribute(TRIED) instanceof String name ? name
                : presented ? UNREADABLE_CREDENTIALS : ANONYMOUS;
        safely(() -> record(tried, NO_ROLE, request, presented ? "sign-in" : "unauthenticated", 401));
    }

    /** A 403: a signed-in user (perhaps with no engine role at all) whose role may not make this request. */
    @Override
    public void forbidden(HttpServletRequest request, Authentication who) {
        String id = who == null || who.getName() == null ? UNKNOWN_USER : who.getName();
        String role = who == null ? NO_ROLE : CurrentActor.roleOf(who).map(Enum::name).orElse(NO_ROLE);
        safely(() -> record(id, role, request, "forbidden", 403));
    }

    /** A page form without its session's CSRF token: recorded as such, never as a refusal for the role. */
    @Override
    public void formRefused(HttpServletRequest request, Authentication who) {
        String id = who == null || who.getName() == null || who instanceof org.springframework.security.authentication.AnonymousAuthenticationToken
                ? ANONYMOUS : who.getName();
        String role = who == null ? NO_ROLE : CurrentActor.roleOf(who).map(Enum::name).orElse(NO_ROLE);
        safely(() -> record(id, role, request, "form-refused", 403));
    }

    /**
     * Remembers, for the 401 about to be answered, who a failed sign-in tried to be: a configured
     * user's name, never what else was typed (it may be a password), and never a token's text.
     */
    @EventListener
    public void onFailedSignIn(AbstractAuthenticationFailureEvent failure) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            String tried = failure.getAuthentication() instanceof UsernamePasswordAuthenticationToken password
                    ? (actor.isConfiguredUser(password.getName()) ? password.getName() : UNKNOWN_USER)
                    : TOKEN;
            attributes.getRequest().setAttribute(TRIED, tried);
        }
    }

    /** Recorded once per throttled period; the requests refused meanwhile are not recorded one by one. */
    @Override
    public void throttled(HttpServletRequest request, String who, String action) {
        safely(() -> record(who, NO_ROLE, request, action, 429));
    }

    /** Keeping the record must never turn a 401 or 403 into a 500; a record that cannot be written is logged. */
    private static void safely(Runnable recording) {
        try {
            recording.run();
        } catch (RuntimeException e) {
            LOG.error("an access record of a refused request could not be written", e);
        }
    }

    /**
     * A read of one course made by a page that reads several at once (the auditor's home page verifying the courses it
     * lists): one record per course, with the page's path.
     */
    public void courseRead(Actor who, HttpServletRequest request, String action, String courseId) {
        jdbc.update("INSERT INTO access_record (recorded, actor_id, actor_role, method, action, course_id, path, status) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                Timestamp.from(clock.instant()), clean(who.id(), 255), who.role().name(), clean(request.getMethod(), 10), action,
                clean(courseId, 100), clean(request.getRequestURI() + "?verify=listed", 1000), 200);
    }

    private void record(String actorId, String role, HttpServletRequest request, String action, int status) {
        Matcher course = ANY_COURSE_PATH.matcher(request.getRequestURI());
        jdbc.update("INSERT INTO access_record (recorded, actor_id, actor_role, method, action, course_id, path, status) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                Timestamp.from(clock.instant()), clean(actorId, 255), role, clean(request.getMethod(), 10), action,
                course.matches() ? clean(course.group(1), 100) : null, clean(pathOf(request), 1000), status);
    }

    /**
     * The path and only the query parameters the API defines: anything else a client appends (an
     * {@code access_token}, say) is not the engine's to keep.
     */
    private static String pathOf(HttpServletRequest request) {
        String query = request.getQueryString() == null ? "" : Arrays.stream(request.getQueryString().split("&"))
                .filter(parameter -> API_PARAMETERS.contains(parameter.split("=", 2)[0]))
                .collect(Collectors.joining("&"));
        return request.getRequestURI() + (query.isEmpty() ? "" : "?" + query);
    }

    /** What a client sent, fit for a column: no control characters (PostgreSQL text holds no NUL), no longer than it. */
    private static String clean(String text, int max) {
        String printable = text == null ? "" : text.replaceAll("\\p{Cntrl}", "");
        return printable.length() <= max ? printable : printable.substring(0, max);
    }

    /**
     * The access records, newest first, as FHIR R4 AuditEvent resources: action R for reads (the
     * what-if is a read: it changes no course), E for commands and sign-ins; outcome 0 success, 4
     * refused. A failed sign-in is typed as a DICOM User Authentication (110114) event, subtype Login.
     */
    public List<Map<String, Object>> asAuditEvents(int limit) {
        return jdbc.query("SELECT * FROM access_record ORDER BY id DESC LIMIT " + Math.max(1, Math.min(limit, 1000)),
                (rs, n) -> auditEvent(rs));
    }

    /** One access record as the audit view lists it. */
    public record Row(java.time.Instant recorded, String actorId, String actorRole, String method, String action, String path,
                      int status) {
    }

    /** The newest {@code limit} access records about one course, newest first. */
    public List<Row> rowsOf(String courseId, int limit) {
        return jdbc.query("SELECT * FROM access_record WHERE course_id = ? ORDER BY id DESC LIMIT " + Math.max(1, Math.min(limit, 1000)),
                (rs, n) -> new Row(rs.getTimestamp("recorded").toInstant(), rs.getString("actor_id"), rs.getString("actor_role"),
                        rs.getString("method"), rs.getString("action"), rs.getString("path"), rs.getInt("status")), courseId);
    }

    /** Every access record about one course, oldest first, as FHIR R4 AuditEvent resources. */
    public List<Map<String, Object>> auditEventsOf(String courseId) {
        return jdbc.query("SELECT * FROM access_record WHERE course_id = ? ORDER BY id", (rs, n) -> auditEvent(rs), courseId);
    }

    /** The system of the identifiers naming a course in FHIR resources (a course is not a FHIR resource). */
    public static final String COURSE_SYSTEM = "urn:kap:course";
    /** The system of the identifiers naming an engine user. */
    public static final String ACTOR_SYSTEM = "urn:kap:actor";

    private static Map<String, Object> auditEvent(java.sql.ResultSet rs) throws java.sql.SQLException {
        int status = rs.getInt("status");
        String courseId = rs.getString("course_id");
        String action = rs.getString("action");
        boolean signIn = "sign-in".equals(action);
        boolean read = !signIn && ("GET".equals(rs.getString("method")) || "what-if".equals(action));
        Map<String, Object> what = courseId != null
                ? Map.of("identifier", Map.of("system", COURSE_SYSTEM, "value", courseId), "display", "course " + courseId)
                : Map.of("display", "export".equals(action) ? "all courses" : "the engine");
        return Map.of(
                "resourceType", "AuditEvent",
                "id", String.valueOf(rs.getLong("id")),
                "type", signIn ? Map.of("system", "http://dicom.nema.org/resources/ontology/DCM", "code", "110114", "display", "User Authentication")
                        : Map.of("system", "http://terminology.hl7.org/CodeSystem/audit-event-type", "code", "rest", "display", "RESTful Operation"),
                "subtype", signIn ? List.of(Map.of("system", "http://dicom.nema.org/resources/ontology/DCM", "code", "110122", "display", "Login"))
                        : List.of(Map.of("system", "urn:kap:access-action", "code", action)),
                "action", read ? "R" : "E",
                "recorded", rs.getTimestamp("recorded").toInstant().toString(),
                "outcome", status < 400 ? "0" : status < 500 ? "4" : "8",
                "agent", List.of(Map.of("who", Map.of("identifier", Map.of("system", ACTOR_SYSTEM, "value", rs.getString("actor_id"))),
                        "role", List.of(Map.of("text", rs.getString("actor_role").toLowerCase(Locale.ROOT))), "requestor", true)),
                "source", Map.of("observer", Map.of("display", "KAP protocol engine")),
                "entity", List.of(Map.of("what", what,
                        "detail", List.of(Map.of("type", "request", "valueString", rs.getString("method") + " " + rs.getString("path"))))));
    }
}
