package org.kap.api.security;

import org.kap.core.rule.Role;
import org.springframework.http.HttpMethod;

import java.util.List;
import java.util.Set;

import static org.kap.core.rule.Role.*;

/**
 * Who may call what, in one table: a clinician cannot approve a dose, an
 * auditor cannot write, a therapist cannot approve or start sessions.
 */
public final class EndpointAccess {

    public record Rule(HttpMethod method, String path, Set<Role> roles) {
    }

    private static final Set<Role> CARE_TEAM_AND_AUDIT = Set.of(CLINICIAN, PRESCRIBER, THERAPIST, AUDITOR, ADMIN);
    private static final String COURSE = "/api/v1/courses/*";

    public static final List<Rule> RULES = List.of(
            new Rule(HttpMethod.POST, "/api/v1/protocols", Set.of(PROTOCOL_DESIGNER)),
            new Rule(HttpMethod.POST, "/api/v1/protocol-checks", Set.of(PROTOCOL_DESIGNER, ADMIN)),
            new Rule(HttpMethod.POST, "/api/v1/protocols/*/versions/*/activation", Set.of(PROTOCOL_DESIGNER)),
            new Rule(HttpMethod.POST, "/api/v1/protocols/*/versions/*/approval", Set.of(PROTOCOL_DESIGNER, ADMIN)),
            new Rule(HttpMethod.POST, "/api/v1/protocols/*/versions/*/retirement", Set.of(PROTOCOL_DESIGNER, ADMIN)),
            new Rule(HttpMethod.GET, "/api/v1/protocols/**", Set.of(Role.values())),
            new Rule(HttpMethod.GET, "/api/v1/protocols", Set.of(Role.values())),
            new Rule(HttpMethod.POST, "/api/v1/value-set-libraries", Set.of(PROTOCOL_DESIGNER)),
            new Rule(HttpMethod.GET, "/api/v1/value-set-libraries/**", Set.of(Role.values())),
            new Rule(HttpMethod.GET, "/api/v1/value-set-libraries", Set.of(Role.values())),
            new Rule(HttpMethod.POST, "/api/v1/courses", Set.of(CLINICIAN)),
            new Rule(HttpMethod.POST, COURSE + "/consent", Set.of(CLINICIAN)),
            new Rule(HttpMethod.POST, COURSE + "/consent-withdrawal", Set.of(CLINICIAN)),
            new Rule(HttpMethod.POST, COURSE + "/findings", Set.of(CLINICIAN, PRESCRIBER)),
            new Rule(HttpMethod.POST, COURSE + "/medications", Set.of(CLINICIAN, PRESCRIBER)),
            new Rule(HttpMethod.POST, COURSE + "/weights", Set.of(CLINICIAN, PRESCRIBER)),
            new Rule(HttpMethod.POST, COURSE + "/preparation-sessions", Set.of(THERAPIST)),
            new Rule(HttpMethod.POST, COURSE + "/overrides", Set.of(PRESCRIBER)),
            new Rule(HttpMethod.POST, COURSE + "/dose-approvals", Set.of(PRESCRIBER)),
            new Rule(HttpMethod.POST, COURSE + "/sessions", Set.of(CLINICIAN)),
            new Rule(HttpMethod.POST, COURSE + "/sessions/current/boosters", Set.of(CLINICIAN)),
            new Rule(HttpMethod.POST, COURSE + "/sessions/current/closure", Set.of(CLINICIAN, PRESCRIBER)),
            new Rule(HttpMethod.POST, COURSE + "/vitals", Set.of(CLINICIAN)),
            new Rule(HttpMethod.POST, COURSE + "/session-scores", Set.of(CLINICIAN)),
            new Rule(HttpMethod.POST, COURSE + "/adverse-events", Set.of(CLINICIAN)),
            new Rule(HttpMethod.POST, COURSE + "/adverse-events/*/resolution", Set.of(CLINICIAN)),
            new Rule(HttpMethod.POST, COURSE + "/discharge", Set.of(CLINICIAN)),
            new Rule(HttpMethod.POST, COURSE + "/integrations", Set.of(THERAPIST)),
            new Rule(HttpMethod.POST, COURSE + "/outcome-measures", Set.of(CLINICIAN, THERAPIST)),
            new Rule(HttpMethod.POST, COURSE + "/obligations/*/fulfilment", Set.of(CLINICIAN, PRESCRIBER)),
            new Rule(HttpMethod.POST, COURSE + "/reviews", Set.of(PRESCRIBER)),
            new Rule(HttpMethod.POST, COURSE + "/corrections", Set.of(CLINICIAN, PRESCRIBER, THERAPIST)),
            new Rule(HttpMethod.POST, COURSE + "/end", Set.of(PRESCRIBER)),
            new Rule(HttpMethod.POST, COURSE + "/migrations", Set.of(PRESCRIBER)),
            new Rule(HttpMethod.GET, COURSE + "/migrations/preview", Set.of(PRESCRIBER, AUDITOR, ADMIN)),
            new Rule(HttpMethod.GET, COURSE + "/verification", Set.of(AUDITOR, ADMIN)),
            new Rule(HttpMethod.GET, COURSE + "/sessions/*/monitoring-form", Set.of(CLINICIAN, PRESCRIBER, AUDITOR, ADMIN)),
            new Rule(HttpMethod.GET, COURSE + "/history", Set.of(AUDITOR, ADMIN)),
            new Rule(HttpMethod.GET, COURSE + "/overview", CARE_TEAM_AND_AUDIT),
            new Rule(HttpMethod.POST, COURSE + "/what-if", Set.of(AUDITOR, ADMIN)),
            new Rule(HttpMethod.GET, COURSE + "/state", Set.of(AUDITOR, ADMIN)),
            new Rule(HttpMethod.GET, COURSE + "/export", Set.of(AUDITOR, ADMIN)),
            new Rule(HttpMethod.GET, "/api/v1/courses-export", Set.of(AUDITOR, ADMIN)),
            new Rule(HttpMethod.GET, "/api/v1/audit/access-events", Set.of(ADMIN)),
            new Rule(HttpMethod.GET, "/api/v1/audit/tree-heads", Set.of(AUDITOR, ADMIN)),
            new Rule(HttpMethod.POST, "/api/v1/audit/tree-heads", Set.of(ADMIN)),
            new Rule(HttpMethod.GET, "/api/v1/audit/keys", Set.of(Role.values())),
            new Rule(HttpMethod.GET, "/api/v1/audit/keys/*", Set.of(Role.values())),
            new Rule(HttpMethod.GET, "/api/v1/courses", CARE_TEAM_AND_AUDIT),
            new Rule(HttpMethod.GET, "/api/v1/courses/**", CARE_TEAM_AND_AUDIT),
            new Rule(HttpMethod.GET, "/api/v1/obligations", CARE_TEAM_AND_AUDIT));

    private EndpointAccess() {
    }
}
