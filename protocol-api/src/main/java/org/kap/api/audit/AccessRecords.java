package org.kap.api.audit;

import org.kap.api.security.CurrentActor;
import org.kap.core.course.Actor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
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
 * monitoring form): who, what,
 * when, and the outcome (HIPAA 164.312(b)). Listed for admins shaped like FHIR AuditEvent.
 */
@Component
public class AccessRecords implements HandlerInterceptor, WebMvcConfigurer {

    private static final Pattern COURSE_READ = Pattern.compile(
            "/api/v1/courses/([^/]+)(/(history|state|export|verification|what-if|sessions/\\d+/monitoring-form))?");
    private static final Pattern EXPORT_ALL = Pattern.compile("/api/v1/courses-export");

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
        jdbc.update("INSERT INTO access_record (recorded, actor_id, actor_role, action, course_id, path, status) VALUES (?, ?, ?, ?, ?, ?, ?)",
                Timestamp.from(clock.instant()), who.id(), who.role().name(), action, courseId,
                path + (request.getQueryString() == null ? "" : "?" + request.getQueryString()), response.getStatus());
    }

    /** The access records, newest first, as FHIR R4 AuditEvent resources (action R: read; outcome 0 success, 4 refused). */
    public List<Map<String, Object>> asAuditEvents(int limit) {
        return jdbc.query("SELECT * FROM access_record ORDER BY id DESC LIMIT " + Math.max(1, Math.min(limit, 1000)), (rs, n) -> {
            int status = rs.getInt("status");
            String courseId = rs.getString("course_id");
            return Map.of(
                    "resourceType", "AuditEvent",
                    "id", String.valueOf(rs.getLong("id")),
                    "type", Map.of("system", "http://terminology.hl7.org/CodeSystem/audit-event-type", "code", "rest", "display", "RESTful Operation"),
                    "subtype", List.of(Map.of("code", rs.getString("action"))),
                    "action", "R",
                    "recorded", rs.getTimestamp("recorded").toInstant().toString(),
                    "outcome", status < 400 ? "0" : status < 500 ? "4" : "8",
                    "agent", List.of(Map.of("who", Map.of("identifier", Map.of("value", rs.getString("actor_id"))),
                            "role", List.of(Map.of("text", rs.getString("actor_role").toLowerCase(Locale.ROOT))), "requestor", true)),
                    "source", Map.of("observer", Map.of("display", "KAP protocol engine")),
                    "entity", courseId == null ? List.of(Map.of("what", Map.of("display", "all courses"), "query", rs.getString("path")))
                            : List.of(Map.of("what", Map.of("reference", "Course/" + courseId), "detail",
                            List.of(Map.of("type", "path", "valueString", rs.getString("path"))))));
        });
    }
}
