package org.kap.api;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kap.api.security.EndpointAccess;
import org.kap.core.rule.Role;
import org.springframework.http.HttpMethod;
import org.springframework.util.AntPathMatcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint for every role. The expected matrix is written here from the design, on its own,
 * not read from the implementation's table (which is only cross-checked against it):
 * <ul>
 * <li>clinician: screens, consents (and records a withdrawal), starts sessions, gives boosters, records vitals, adverse
 * events and their resolution, discharges, fulfils obligations;</li>
 * <li>therapist: preparation and integration sessions;</li>
 * <li>prescriber: approves doses, overrides relative rules, reviews and ends courses;</li>
 * <li>outcome measures: clinician or therapist; corrections: clinician, prescriber or therapist;</li>
 * <li>reads (a course and its overview, the course list, obligations): the care team, the auditor and the admin;</li>
 * <li>protocols: published by the protocol designer only, read by everyone; checked without publishing by the designer
 * and the admin.</li>
 * </ul>
 * A role the design does not name gets 403 and records nothing. A role it names is never refused
 * for its role (neither 401 nor 403); each case runs on a course of its own brought to a state in
 * which the act is plausible, with a plausible body, so it may be answered 200 or 201, or 400, 404,
 * 409 or 422 by the course itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// every operation is tried without credentials, more than the throttle lets one address make in a minute
// (the throttle has its own test, ThrottleApiTest)
@org.springframework.test.context.TestPropertySource(properties = "kap.limits.unauthenticated-per-minute=100000")
class AccessMatrixApiTest extends ApiTest {

    private static final List<String> ROLES = List.of("clinician", "prescriber", "therapist", "auditor", "designer", "admin");
    private static final Set<String> EVERYONE = Set.copyOf(ROLES);
    private static final Set<String> READERS = Set.of("clinician", "prescriber", "therapist", "auditor", "admin");
    /** Answers an allowed role may get from the course itself. */
    private static final Set<Integer> NOT_ABOUT_THE_ROLE = Set.of(200, 201, 400, 404, 409, 422);

    /** Minutes after screening of the first dosing day: two days after preparation. */
    private static final long D = 2 * 24 * 60;

    /** How far a case's course is brought before the request. */
    enum Stage {
        NONE, SCREENED, CONSENTED, PREPARED, APPROVED, IN_SESSION, BOOSTER_APPROVED, DISCHARGED, ADVERSE_EVENT_OPEN, HALTED
    }

    /** The course of one case: its id and its clinical timeline, which starts 30 days ago. */
    record Course(String id, Instant t) {
        String path() {
            return "/api/v1/courses/" + id;
        }

        String at(long minutes) {
            return t.plus(minutes, ChronoUnit.MINUTES).toString();
        }

        Map<String, Object> at(long minutes, Map<String, Object> fields) {
            Map<String, Object> body = new HashMap<>(fields);
            body.put("at", at(minutes));
            return body;
        }

        Map<String, Object> screening() {
            return Map.of("courseId", id, "clientId", "client-matrix", "protocol", Map.of("id", "api-test", "version", 1),
                    "indication", "depression", "at", t.toString(), "profile", profile(40, "80 kg"));
        }
    }

    /** One endpoint: {@code {c}} in the path stands for the case's course. */
    record Endpoint(HttpMethod method, String path, Set<String> allowed, Stage stage,
                    BiFunction<Course, String, Object> body) {

        String on(Course course) {
            return path.replace("{c}", course.path());
        }

        boolean writes() {
            return method == HttpMethod.POST;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static Endpoint endpoint(HttpMethod method, String path, Set<String> allowed, Stage stage,
                                     BiFunction<Course, String, Object> body) {
        return new Endpoint(method, path, allowed, stage, body);
    }

    private static Endpoint read(String path, Set<String> allowed, Stage stage) {
        return new Endpoint(HttpMethod.GET, path, allowed, stage, (c, role) -> null);
    }

    /** The design's matrix. */
    static List<Endpoint> endpoints() {
        return List.of(
                endpoint(HttpMethod.POST, "/api/v1/protocols", Set.of("designer"), Stage.NONE, (c, role) -> protocolText()),
                endpoint(HttpMethod.POST, "/api/v1/protocol-checks", Set.of("designer", "admin"), Stage.NONE,
                        (c, role) -> protocolText()),
                read("/api/v1/protocols", EVERYONE, Stage.NONE),
                read("/api/v1/protocols/api-test/versions/1", EVERYONE, Stage.NONE),
                endpoint(HttpMethod.POST, "/api/v1/value-set-libraries", Set.of("designer"), Stage.NONE, (c, role) -> """
                        library "access-terms" version 1
                        value sets:
                          set psychotic_disorders: words schizophrenia icd-10-cm F20-F29 cite "ICD-10-CM FY2025"
                        """),
                read("/api/v1/value-set-libraries", EVERYONE, Stage.NONE),
                read("/api/v1/value-set-libraries/kap-terms/versions/1", EVERYONE, Stage.NONE),

                endpoint(HttpMethod.POST, "/api/v1/courses", Set.of("clinician"), Stage.NONE, (c, role) -> c.screening()),
                read("/api/v1/courses", READERS, Stage.NONE),
                read("/api/v1/courses?status=active&page=0&size=5", READERS, Stage.NONE),
                read("{c}", READERS, Stage.CONSENTED),
                read("{c}/overview", READERS, Stage.CONSENTED),
                read("/api/v1/obligations", READERS, Stage.NONE),

                endpoint(HttpMethod.POST, "{c}/consent", Set.of("clinician"), Stage.SCREENED, (c, role) -> Map.of("at", c.at(5))),
                endpoint(HttpMethod.POST, "{c}/consent-withdrawal", Set.of("clinician"), Stage.CONSENTED,
                        (c, role) -> c.at(10, Map.of("reason", "the client changed their mind"))),
                endpoint(HttpMethod.POST, "{c}/findings", Set.of("clinician", "prescriber"), Stage.CONSENTED,
                        (c, role) -> c.at(10, Map.of("type", "pregnancy_test", "positive", false))),
                endpoint(HttpMethod.POST, "{c}/medications", Set.of("clinician", "prescriber"), Stage.CONSENTED,
                        (c, role) -> c.at(10, Map.of("drug", "sertraline", "change", "started"))),
                endpoint(HttpMethod.POST, "{c}/weights", Set.of("clinician", "prescriber"), Stage.CONSENTED,
                        (c, role) -> c.at(10, Map.of("weight", "79 kg"))),
                endpoint(HttpMethod.POST, "{c}/sessions/current/closure", Set.of("clinician", "prescriber"), Stage.IN_SESSION,
                        (c, role) -> c.at(D + 30, Map.of("disposition", "left_against_advice", "note", "left at 20 min"))),
                endpoint(HttpMethod.POST, "{c}/preparation-sessions", Set.of("therapist"), Stage.CONSENTED,
                        (c, role) -> Map.of("at", c.at(60))),
                endpoint(HttpMethod.POST, "{c}/overrides", Set.of("prescriber"), Stage.PREPARED,
                        (c, role) -> c.at(70, Map.of("ruleId", "PREDOSE-SBP", "justification", "stable for years"))),
                endpoint(HttpMethod.POST, "{c}/dose-approvals", Set.of("prescriber"), Stage.PREPARED,
                        (c, role) -> c.at(D, Map.of("route", "IM", "dose", "0.5 mg/kg"))),
                endpoint(HttpMethod.POST, "{c}/sessions", Set.of("clinician"), Stage.APPROVED, (c, role) -> sessionStart(c)),
                endpoint(HttpMethod.POST, "{c}/sessions/current/boosters", Set.of("clinician"), Stage.BOOSTER_APPROVED,
                        (c, role) -> Map.of("at", c.at(D + 25))),
                endpoint(HttpMethod.POST, "{c}/vitals", Set.of("clinician"), Stage.IN_SESSION,
                        (c, role) -> Map.of("vitals", Map.of("measuredAt", c.at(D + 30), "systolic", "128 mmHg",
                                "diastolic", "82 mmHg", "spo2", "97 %"))),
                endpoint(HttpMethod.POST, "{c}/session-scores", Set.of("clinician"), Stage.IN_SESSION,
                        (c, role) -> Map.of("instrument", "moaas", "score", 4, "at", c.at(D + 30))),
                endpoint(HttpMethod.POST, "{c}/adverse-events", Set.of("clinician"), Stage.IN_SESSION,
                        (c, role) -> c.at(D + 30, Map.of("type", "nausea_vomiting", "grade", 1))),
                endpoint(HttpMethod.POST, "{c}/adverse-events/AE-1/resolution", Set.of("clinician"), Stage.ADVERSE_EVENT_OPEN,
                        (c, role) -> c.at(30, Map.of("resolution", "settled without treatment"))),
                endpoint(HttpMethod.POST, "{c}/discharge", Set.of("clinician"), Stage.IN_SESSION, (c, role) -> discharge(c)),
                endpoint(HttpMethod.POST, "{c}/integrations", Set.of("therapist"), Stage.DISCHARGED,
                        (c, role) -> Map.of("at", c.at(D + 140 + 25 * 60))),
                endpoint(HttpMethod.POST, "{c}/outcome-measures", Set.of("clinician", "therapist"), Stage.CONSENTED,
                        (c, role) -> c.at(10, Map.of("instrument", "phq9", "score", 12))),
                endpoint(HttpMethod.POST, "{c}/obligations/OBLIGATION-1/fulfilment", Set.of("clinician", "prescriber"), Stage.DISCHARGED,
                        (c, role) -> Map.of("at", c.at(D + 200))),
                endpoint(HttpMethod.POST, "{c}/reviews", Set.of("prescriber"), Stage.HALTED,
                        (c, role) -> c.at(30, Map.of("decision", "resume", "reason", "resolved, benefit outweighs risk"))),
                // each author corrects an entry of their own: 1 screening (clinician), 3 preparation (therapist), 4 approval (prescriber)
                endpoint(HttpMethod.POST, "{c}/corrections", Set.of("clinician", "prescriber", "therapist"), Stage.APPROVED,
                        (c, role) -> c.at(D + 5, Map.of("entryNumber", switch (role) {
                            case "therapist" -> 3;
                            case "prescriber" -> 4;
                            default -> 1;
                        }, "correction", "the value was mistyped", "reason", "transcription error"))),
                endpoint(HttpMethod.POST, "{c}/end", Set.of("prescriber"), Stage.CONSENTED,
                        (c, role) -> c.at(10, Map.of("reason", "the client moved away"))),

                read("/actuator/health", EVERYONE, Stage.NONE),
                read("/actuator/metrics", Set.of("admin"), Stage.NONE));
    }

    private static Map<String, Object> sessionStart(Course c) {
        return c.at(D + 10, Map.of("setting", List.of("pulse_oximeter"),
                "preDoseVitals", Map.of("measuredAt", c.at(D + 5), "systolic", "126 mmHg", "diastolic", "80 mmHg")));
    }

    private static Map<String, Object> discharge(Course c) {
        return c.at(D + 140, Map.of("scores", Map.of("moaas", 5), "escortPresent", true, "transport", "driven_by_escort"));
    }

    private static String protocolText() {
        try (var in = AccessMatrixApiTest.class.getResourceAsStream("/protocols/api-test.kap")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
    void theProtocol() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
    }

    /** A new course, brought to the stage by the roles that may. */
    private Course course(Stage stage) {
        Course c = new Course("matrix-" + UUID.randomUUID(), Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES));
        if (stage == Stage.NONE) {
            return c;
        }
        ok(post("clinician", "/api/v1/courses", c.screening()));
        if (stage == Stage.SCREENED) {
            return c;
        }
        ok(post("clinician", c.path() + "/consent", Map.of("at", c.at(5))));
        switch (stage) {
            case ADVERSE_EVENT_OPEN -> ok(post("clinician", c.path() + "/adverse-events",
                    c.at(10, Map.of("type", "nausea_vomiting", "grade", 1))));
            case HALTED -> ok(post("clinician", c.path() + "/adverse-events",
                    c.at(10, Map.of("type", "sedation", "grade", 3, "description", "deep sedation"))));
            case CONSENTED -> {
            }
            default -> {
                ok(post("therapist", c.path() + "/preparation-sessions", Map.of("at", c.at(60))));
                if (stage == Stage.PREPARED) {
                    return c;
                }
                ok(post("prescriber", c.path() + "/dose-approvals", c.at(D, Map.of("route", "IM", "dose", "0.5 mg/kg"))));
                if (stage == Stage.APPROVED) {
                    return c;
                }
                ok(post("clinician", c.path() + "/sessions", sessionStart(c)));
                if (stage == Stage.BOOSTER_APPROVED) {
                    ok(post("prescriber", c.path() + "/dose-approvals",
                            c.at(D + 20, Map.of("route", "IM", "dose", "0.25 mg/kg", "booster", true))));
                } else if (stage == Stage.DISCHARGED) {
                    ok(post("clinician", c.path() + "/discharge", discharge(c)));
                }
            }
        }
        return c;
    }

    private static void ok(Answer answer) {
        assertThat(answer.status()).as("setting up: " + answer.raw()).isIn(200, 201);
        assertThat(answer.raw()).doesNotContain("\"outcome\":\"refused\"");
    }

    private long entries(Course c) {
        return get("auditor", c.path()).body().at("/entries").asLong();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("everyEndpointAndRole")
    void each_role_reaches_exactly_the_endpoints_the_design_gives_it(Endpoint endpoint, String role) {
        Course c = course(endpoint.stage());
        boolean onACourse = endpoint.stage() != Stage.NONE;
        long before = onACourse ? entries(c) : 0;

        Answer answer = exchange(role, endpoint.method(), endpoint.on(c), endpoint.body().apply(c, role), Map.of());

        if (endpoint.allowed().contains(role)) {
            assertThat(answer.status()).as(endpoint + " is open to " + role + ": " + answer.raw())
                    .isNotIn(401, 403).isIn(NOT_ABOUT_THE_ROLE);
        } else {
            assertThat(answer.status()).as(endpoint + " is closed to " + role + ": " + answer.raw()).isEqualTo(403);
            assertThat(answer.headers().getContentType()).hasToString("application/problem+json");
            assertThat(answer.text("/type")).isEqualTo("/problems/forbidden");
            if (onACourse) {
                assertThat(entries(c)).as("a refused role records nothing").isEqualTo(before);
            } else if (endpoint.writes() && endpoint.path().equals("/api/v1/courses")) {
                assertThat(get("auditor", c.path()).status()).as("no course was created").isEqualTo(404);
            }
        }
    }

    @Test
    void without_credentials_everything_but_health_and_the_api_docs_is_401() {
        Course c = course(Stage.NONE);
        Set<String> checked = new LinkedHashSet<>();
        for (Endpoint e : endpoints()) {
            if (e.path().startsWith("/actuator/health")) {
                continue;
            }
            anonymous(e.method(), e.on(c), checked);
        }
        // and every path of the implementation's table, with its wildcards filled in
        for (EndpointAccess.Rule rule : EndpointAccess.RULES) {
            anonymous(rule.method(), rule.path().replace("**", "x/y").replace("*", "x"), checked);
        }
        anonymous(HttpMethod.GET, "/actuator/info", checked);
        anonymous(HttpMethod.GET, "/actuator/metrics/jvm.memory.used", checked);
        anonymous(HttpMethod.GET, "/api/v1/no-such-endpoint", checked);
        assertThat(checked).hasSizeGreaterThan(25);

        assertThat(exchange(null, HttpMethod.GET, "/actuator/health", null, Map.of()).status()).isEqualTo(200);
        Answer docs = exchange(null, HttpMethod.GET, "/v3/api-docs", null, Map.of());
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().at("/paths").size()).isPositive();
    }

    private void anonymous(HttpMethod method, String path, Set<String> checked) {
        Answer answer = exchange(null, method, path, method == HttpMethod.POST ? Map.of() : null, Map.of());
        assertThat(answer.status()).as(method + " " + path + " without credentials: " + answer.raw()).isEqualTo(401);
        assertThat(answer.text("/type")).isEqualTo("/problems/unauthenticated");
        checked.add(method + " " + path);
    }

    @Test
    void the_auditor_can_write_nothing() {
        Course c = course(Stage.IN_SESSION);
        long before = entries(c);
        int writes = 0;
        for (Endpoint e : endpoints()) {
            if (e.writes()) {
                writes++;
                Answer answer = exchange("auditor", e.method(), e.on(c), e.body().apply(c, "auditor"), Map.of());
                assertThat(answer.status()).as(e + " as auditor: " + answer.raw()).isEqualTo(403);
            }
        }
        assertThat(writes).isGreaterThanOrEqualTo(18);
        assertThat(entries(c)).as("the auditor recorded nothing").isEqualTo(before);
        // but reads everything the care team reads
        assertThat(get("auditor", c.path()).status()).isEqualTo(200);
        assertThat(get("auditor", "/api/v1/courses").status()).isEqualTo(200);
        assertThat(get("auditor", "/api/v1/obligations").status()).isEqualTo(200);
    }

    /** The implementation's table, read the way Spring Security reads it (first match wins), agrees with the design. */
    @Test
    void the_implementation_table_agrees_with_the_design_matrix() {
        AntPathMatcher paths = new AntPathMatcher();
        Course c = new Course("some-course", Instant.now());
        for (Endpoint e : endpoints()) {
            if (e.path().startsWith("/actuator")) {
                continue;
            }
            String concrete = e.on(c).split("\\?")[0];
            EndpointAccess.Rule rule = EndpointAccess.RULES.stream()
                    .filter(r -> r.method().equals(e.method()) && paths.match(r.path(), concrete))
                    .findFirst().orElseThrow(() -> new AssertionError("no rule for " + e));
            Set<String> allowed = rule.roles().stream().map(AccessMatrixApiTest::userOf).collect(Collectors.toSet());
            assertThat(allowed).as(e.toString()).isEqualTo(e.allowed());
        }
    }

    private static String userOf(Role role) {
        return role == Role.PROTOCOL_DESIGNER ? "designer" : role.name().toLowerCase(Locale.ROOT);
    }
}
