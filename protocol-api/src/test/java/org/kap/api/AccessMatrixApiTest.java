package org.kap.api;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kap.api.security.EndpointAccess;
import org.springframework.http.HttpMethod;
import org.springframework.util.AntPathMatcher;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint for every role (DESIGN 3.2 and 8). The expected matrix is written here on its own,
 * from the design, not read from the implementation's table: a forbidden role gets 403, an allowed
 * one is never refused for its role (it may still meet a 400, 404, 409 or 422 on the course's state). The auditor writes nothing; without credentials everything is 401.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixApiTest extends ApiTest {

    private static final String C = "/api/v1/courses/matrix-1";
    private static final List<String> ROLES = List.of("clinician", "prescriber", "therapist", "auditor", "designer", "admin");

    record Endpoint(HttpMethod method, String path, Set<String> allowed, Object body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final Set<String> READERS = Set.of("clinician", "prescriber", "therapist", "auditor", "admin");

    static List<Endpoint> endpoints() {
        String at = Instant.now().minus(1, ChronoUnit.DAYS).toString();
        return List.of(
                new Endpoint(HttpMethod.POST, "/api/v1/protocols", Set.of("designer"), "protocol \"x\" version 1\nstatus draft\n"),
                new Endpoint(HttpMethod.GET, "/api/v1/protocols", Set.copyOf(ROLES), null),
                new Endpoint(HttpMethod.GET, "/api/v1/protocols/api-test/versions/1", Set.copyOf(ROLES), null),
                new Endpoint(HttpMethod.POST, "/api/v1/courses", Set.of("clinician"), Map.of("clientId", "c-m",
                        "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", at,
                        "profile", Map.of("ageYears", 30, "weight", "70 kg"))),
                new Endpoint(HttpMethod.GET, "/api/v1/courses", READERS, null),
                new Endpoint(HttpMethod.GET, C, READERS, null),
                new Endpoint(HttpMethod.GET, "/api/v1/obligations", READERS, null),
                new Endpoint(HttpMethod.POST, C + "/consent", Set.of("clinician"), Map.of()),
                new Endpoint(HttpMethod.POST, C + "/consent-withdrawal", Set.of("clinician"), Map.of("reason", "matrix")),
                new Endpoint(HttpMethod.POST, C + "/preparation-sessions", Set.of("therapist"), Map.of()),
                new Endpoint(HttpMethod.POST, C + "/overrides", Set.of("prescriber"), Map.of("ruleId", "CI-HTN", "justification", "j")),
                new Endpoint(HttpMethod.POST, C + "/dose-approvals", Set.of("prescriber"), Map.of("route", "IM", "dose", "9 mg/kg")),
                new Endpoint(HttpMethod.POST, C + "/sessions", Set.of("clinician"), Map.of()),
                new Endpoint(HttpMethod.POST, C + "/sessions/current/boosters", Set.of("clinician"), Map.of()),
                new Endpoint(HttpMethod.POST, C + "/vitals", Set.of("clinician"), Map.of("vitals", Map.of("systolic", "120 mmHg"))),
                new Endpoint(HttpMethod.POST, C + "/adverse-events", Set.of("clinician"), Map.of("type", "nausea_vomiting", "grade", 1)),
                new Endpoint(HttpMethod.POST, C + "/adverse-events/AE-99/resolution", Set.of("clinician"), Map.of("resolution", "r")),
                new Endpoint(HttpMethod.POST, C + "/discharge", Set.of("clinician"), Map.of()),
                new Endpoint(HttpMethod.POST, C + "/integrations", Set.of("therapist"), Map.of()),
                new Endpoint(HttpMethod.POST, C + "/outcome-measures", Set.of("clinician", "therapist"), Map.of("instrument", "phq9", "score", 9)),
                new Endpoint(HttpMethod.POST, C + "/obligations/OBLIGATION-9/fulfilment", Set.of("clinician"), Map.of()),
                new Endpoint(HttpMethod.POST, C + "/reviews", Set.of("prescriber"), Map.of("decision", "resume", "reason", "r")),
                new Endpoint(HttpMethod.POST, C + "/corrections", Set.of("clinician", "prescriber", "therapist"),
                        Map.of("entryNumber", 1, "correction", "c", "reason", "r")),
                new Endpoint(HttpMethod.POST, C + "/end", Set.of("prescriber"), Map.of("reason", "r")));
    }

    static Stream<Arguments> everyEndpointAndRole() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            for (String role : ROLES) {
                cases.add(Arguments.of(e, role));
            }
        }
        return cases.stream();
    }

    @BeforeAll
    void aCourse() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        assertThat(post("clinician", "/api/v1/courses", Map.of("courseId", "matrix-1", "clientId", "c-matrix",
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression",
                "at", Instant.now().minus(2, ChronoUnit.DAYS).toString(), "profile", Map.of("ageYears", 30, "weight", "70 kg")))
                .status()).isEqualTo(201);
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("everyEndpointAndRole")
    void each_role_reaches_exactly_its_endpoints(Endpoint endpoint, String role) {
        Answer answer = exchange(role, endpoint.method(), endpoint.path(), endpoint.body(), Map.of());
        if (endpoint.allowed().contains(role)) {
            assertThat(answer.status()).as(endpoint + " is open to " + role + ": " + answer.raw()).isNotEqualTo(401);
            // a 403 may still come from the record itself (a correction of another author's entry), never from the role
            assertThat(answer.raw()).as(endpoint + " is open to " + role).doesNotContain("/problems/forbidden");
            assertThat(answer.status()).as("never a 500").isLessThan(500);
        } else {
            assertThat(answer.status()).as(endpoint + " is closed to " + role).isEqualTo(403);
        }
    }

    @Test
    void without_credentials_only_health_and_the_api_docs_answer() {
        for (Endpoint e : endpoints()) {
            assertThat(exchange(null, e.method(), e.path(), e.body(), Map.of()).status()).as(e.toString()).isEqualTo(401);
        }
        assertThat(get(null, "/actuator/health").status()).isEqualTo(200);
        assertThat(get(null, "/v3/api-docs").status()).isEqualTo(200);
    }

    @Test
    void the_implementation_table_agrees_with_the_design_matrix() {
        AntPathMatcher paths = new AntPathMatcher();
        for (Endpoint e : endpoints()) {
            String concrete = e.path();
            var rule = EndpointAccess.RULES.stream()
                    .filter(r -> r.method().equals(e.method()) && paths.match(r.path(), concrete)).findFirst().orElseThrow();
            Set<String> allowed = new java.util.HashSet<>();
            rule.roles().forEach(role -> allowed.add(role.name().equals("PROTOCOL_DESIGNER") ? "designer" : role.name().toLowerCase()));
            assertThat(allowed).as(e.toString()).isEqualTo(e.allowed());
        }
    }
}
