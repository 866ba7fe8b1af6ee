package org.kap.api.pages;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kap.api.ApiTest;
import org.kap.api.security.PageAccess;
import org.springframework.http.HttpMethod;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page for every role, written here from the design on its own (the pages take the API's roles, so the table
 * below is the API matrix's for the endpoint each page stands for) and cross-checked against the pages' rules: a role
 * the design does not name is refused (403) and its form records nothing; a role it names is never refused for its
 * role. Every page path of the engine is in this table: a new page fails here until it is.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.springframework.test.context.TestPropertySource(properties = "kap.limits.unauthenticated-per-minute=100000")
class PageAccessMatrixTest extends ApiTest {

    private static final List<String> ROLES = List.of("clinician", "prescriber", "therapist", "auditor", "designer", "admin");
    private static final Set<String> READERS = Set.of("clinician", "prescriber", "therapist", "auditor", "admin");
    private static final Set<String> AUDIT = Set.of("auditor", "admin");
    private static final String COURSE = "page-matrix";
    /**
     * What an allowed role may meet: the page, a form's redirect back with the engine's answer, the page's own answer to
     * a form left incomplete (400), or the check endpoint's to a form instead of text (415). Never 404: every page has
     * its handler.
     */
    private static final Set<Integer> NOT_ABOUT_THE_ROLE = Set.of(200, 302, 400, 415);
    /**
     * Plausible forms for the acts a refused role could otherwise have recorded on the course as it stands (screened and
     * consented): their refusal is what keeps the record unchanged, not their input.
     */
    private static final Map<String, Map<String, String>> PLAUSIBLE = Map.of(
            "/pages/courses/*/preparation-sessions", Map.of(),
            "/pages/courses/*/outcome-measures", Map.of("instrument", "phq9", "score", "12"),
            "/pages/courses/*/adverse-events", Map.of("type", "nausea_vomiting", "grade", "1"),
            "/pages/courses/*/consent", Map.of());

    record Page(HttpMethod method, String path, Set<String> allowed) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Page> pages() {
        return List.of(
                new Page(HttpMethod.GET, "/", Set.copyOf(ROLES)),
                new Page(HttpMethod.GET, "/pages/courses/new", Set.of("clinician")),
                new Page(HttpMethod.POST, "/pages/courses", Set.of("clinician")),
                new Page(HttpMethod.GET, "/pages/courses/*", READERS),
                new Page(HttpMethod.GET, "/pages/courses/*/audit", AUDIT),
                new Page(HttpMethod.POST, "/pages/courses/*/what-if", AUDIT),
                new Page(HttpMethod.GET, "/pages/courses/*/downloads/*", AUDIT),
                new Page(HttpMethod.GET, "/pages/courses/*/verification", AUDIT),
                new Page(HttpMethod.GET, "/pages/courses/*/sessions/*/monitoring-form", Set.of("clinician", "prescriber", "auditor", "admin")),
                new Page(HttpMethod.GET, "/pages/protocols/workbench", Set.of("designer", "admin")),
                new Page(HttpMethod.POST, "/pages/protocols/check", Set.of("designer", "admin")),
                new Page(HttpMethod.POST, "/pages/protocols/dry-run", Set.of("designer", "admin")),
                new Page(HttpMethod.POST, "/pages/protocols", Set.of("designer")),
                new Page(HttpMethod.POST, "/pages/courses/*/consent", Set.of("clinician")),
                new Page(HttpMethod.POST, "/pages/courses/*/preparation-sessions", Set.of("therapist")),
                new Page(HttpMethod.POST, "/pages/courses/*/dose-approvals", Set.of("prescriber")),
                new Page(HttpMethod.POST, "/pages/courses/*/sessions", Set.of("clinician")),
                new Page(HttpMethod.POST, "/pages/courses/*/vitals", Set.of("clinician")),
                new Page(HttpMethod.POST, "/pages/courses/*/session-scores", Set.of("clinician")),
                new Page(HttpMethod.POST, "/pages/courses/*/adverse-events", Set.of("clinician")),
                new Page(HttpMethod.POST, "/pages/courses/*/discharge", Set.of("clinician")),
                new Page(HttpMethod.POST, "/pages/courses/*/integrations", Set.of("therapist")),
                new Page(HttpMethod.POST, "/pages/courses/*/outcome-measures", Set.of("clinician", "therapist")));
    }

    static List<Object[]> cases() {
        List<Object[]> cases = new ArrayList<>();
        pages().forEach(page -> ROLES.forEach(role -> cases.add(new Object[]{page, role})));
        return cases;
    }

    @BeforeAll
    void course() {
        assertThat(publish("api-test.kap").status()).isEqualTo(201);
        assertThat(post("clinician", "/api/v1/courses", Map.of("courseId", COURSE, "clientId", "client-pages",
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression",
                "profile", profile(40, "80 kg"))).status()).isEqualTo(201);
        assertThat(post("clinician", "/api/v1/courses/" + COURSE + "/consent", Map.of()).status()).isEqualTo(200);
    }

    @org.junit.jupiter.api.Test
    void the_table_holds_every_page_the_engine_serves_with_the_roles_its_rules_give() {
        Map<String, Set<String>> designed = pages().stream().filter(p -> !p.path().equals("/"))
                .collect(Collectors.toMap(Page::toString, Page::allowed));
        Map<String, Set<String>> served = PageAccess.RULES.stream().collect(Collectors.toMap(
                r -> r.method() + " " + r.path(), r -> r.roles().stream().map(PageAccessMatrixTest::roleName).collect(Collectors.toSet())));
        assertThat(served).isEqualTo(designed);
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cases")
    void a_page_is_open_to_the_roles_the_design_names_and_to_no_other(Page page, String role) {
        PageSession browser = new PageSession(port);
        assertThat(browser.signIn(role, role + "-demo").statusCode()).isEqualTo(302);
        browser.get("/");
        String path = page.path().replace("/pages/courses/*/sessions/*", "/pages/courses/" + COURSE + "/sessions/1")
                .replace("/downloads/*", "/downloads/csv")
                .replace("*", COURSE);
        long entriesBefore = entries();
        HttpResponse<String> answer = page.method() == HttpMethod.GET ? browser.get(path)
                : browser.post(path, PLAUSIBLE.getOrDefault(page.path(), Map.of()));
        if (page.allowed().contains(role)) {
            assertThat(answer.statusCode()).as("%s as %s: %s", page, role, answer.body()).isIn(NOT_ABOUT_THE_ROLE);
            assertThat(PageSession.location(answer)).as("never sent back to sign in").doesNotStartWith("/login");
        } else {
            assertThat(answer.statusCode()).as("%s as %s", page, role).isEqualTo(403);
            assertThat(entries()).as("a refused form records nothing").isEqualTo(entriesBefore);
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @org.junit.jupiter.api.Test
    void a_page_that_reads_a_course_a_page_refused_and_a_failed_form_sign_in_are_access_records() {
        PageSession auditor = new PageSession(port);
        auditor.signIn("auditor", "auditor-demo");
        assertThat(auditor.get("/pages/courses/" + COURSE).statusCode()).isEqualTo(200);
        assertThat(auditor.get("/pages/courses/" + COURSE + "/audit").statusCode()).isEqualTo(200);
        assertThat(auditor.get("/pages/courses/new").statusCode()).isEqualTo(403);
        HttpResponse<String> verified = auditor.get("/?verify=listed");
        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(verified.body()).as("the auditor's home page with each listed course's record verified")
                .containsPattern("intact, \\d+ events");
        assertThat(new PageSession(port).signIn("clinician", "not-the-password").statusCode()).isEqualTo(302);
        PageSession clinician = new PageSession(port);
        clinician.signIn("clinician", "clinician-demo");
        HttpResponse<String> tokenless = clinician.postExactly("/pages/courses/" + COURSE + "/consent", Map.of());
        assertThat(tokenless.statusCode()).isEqualTo(403);
        assertThat(tokenless.body()).as("an expired or forged form is told as such, not as a refusal for the role")
                .contains("without a valid token of your session").doesNotContain("not open to your role");

        List<Map<String, Object>> records = jdbc.queryForList("SELECT actor_id, action, course_id, path, status FROM access_record "
                + "WHERE path LIKE '/pages/%' OR path = '/login' OR path LIKE '/?%' ORDER BY id");
        assertThat(records).extracting(r -> r.get("ACTOR_ID") + " " + r.get("ACTION") + " " + r.get("COURSE_ID") + " "
                        + r.get("PATH") + " " + r.get("STATUS"))
                .contains("auditor state " + COURSE + " /pages/courses/" + COURSE + " 200",
                        "auditor history " + COURSE + " /pages/courses/" + COURSE + "/audit 200",
                        "auditor forbidden null /pages/courses/new 403",
                        "auditor verification " + COURSE + " /?verify=listed 200",
                        "clinician sign-in null /login 401",
                        "clinician form-refused " + COURSE + " /pages/courses/" + COURSE + "/consent 403");
    }

    @org.junit.jupiter.api.Test
    void a_page_that_cannot_be_shown_says_why_as_a_page() {
        PageSession clinician = new PageSession(port);
        clinician.signIn("clinician", "clinician-demo");
        HttpResponse<String> missing = clinician.get("/pages/courses/no-such-course");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(missing.body()).contains("no course no-such-course");
        HttpResponse<String> noSession = clinician.get("/pages/courses/" + COURSE + "/sessions/9/monitoring-form");
        assertThat(noSession.statusCode()).isEqualTo(400);
        assertThat(noSession.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(noSession.body()).contains("the course has 0 session(s)");
    }

    @org.junit.jupiter.api.Test
    void a_crafted_or_malformed_form_is_answered_on_the_page_and_records_nothing() {
        PageSession clinician = new PageSession(port);
        clinician.signIn("clinician", "clinician-demo");
        clinician.get("/pages/courses/" + COURSE);
        long before = entries();
        HttpResponse<String> crafted = clinician.postRaw("/pages/courses/" + COURSE + "/vitals",
                "vitals=128&vitals.systolic=128+mmHg");
        assertThat(crafted.statusCode()).as("answered in place, not a 500").isEqualTo(302);
        assertThat(clinician.get("/pages/courses/" + COURSE).body()).contains("vitals: not taken",
                "is given as a value and as a group of fields");
        assertThat(entries()).isEqualTo(before);

        PageSession designer = new PageSession(port);
        designer.signIn("designer", "designer-demo");
        designer.get("/pages/protocols/workbench");
        HttpResponse<String> dryRun = designer.post("/pages/protocols/dry-run", Map.of("text", protocolText(), "indication", "depression",
                "weight", "70 kg", "restingSystolic", "124 mmHg", "route", "im", "dose", "0.5 mg/kg",
                "dischargeAfterMinutes", "soon"));
        assertThat(dryRun.statusCode()).isEqualTo(200);
        assertThat(dryRun.body()).contains("&#39;soon&#39; is not a whole number");
    }

    private static String protocolText() {
        try (var in = PageAccessMatrixTest.class.getResourceAsStream("/protocols/api-test.kap")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long entries() {
        return get("admin", "/api/v1/courses/" + COURSE).body().path("entries").asLong();
    }

    private static String roleName(org.kap.core.rule.Role role) {
        return role == org.kap.core.rule.Role.PROTOCOL_DESIGNER ? "designer" : role.name().toLowerCase(java.util.Locale.ROOT);
    }
}
