package org.kap.api.pages;

import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's pages as a browser meets them: the sign-in form (CSRF-protected, a new session id once signed in), the
 * home page by role, sign-out; and the page session kept apart from the API, which stays stateless.
 */
class PagesApiTest extends ApiTest {

    @Test
    void the_home_page_asks_for_a_sign_in_and_the_sign_in_page_is_a_protected_form() {
        PageSession browser = new PageSession(port);
        HttpResponse<String> home = browser.get("/");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(PageSession.location(home)).isEqualTo("/login");

        HttpResponse<String> signIn = browser.get("/login");
        assertThat(signIn.statusCode()).isEqualTo(200);
        assertThat(signIn.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
        assertThat(signIn.body()).contains("name=\"username\"", "type=\"password\"", "autocomplete=\"current-password\"");
        assertThat(browser.csrf()).as("the form carries its CSRF token").isPresent();
        assertThat(browser.get("/assets/kap.css").statusCode()).as("the style sheet is open to all").isEqualTo(200);

        HttpResponse<String> forged = browser.postExactly("/login", Map.of("username", "clinician", "password", "clinician-demo"));
        assertThat(forged.statusCode()).as("a sign-in without the form's token, as another site would send it").isEqualTo(403);
        assertThat(browser.get("/").statusCode()).as("and it signed no one in").isEqualTo(302);

        com.fasterxml.jackson.databind.JsonNode paths = get(null, "/v3/api-docs").body().path("paths");
        assertThat(paths.has("/") || paths.has("/login") || paths.has("/pages/protocols/check"))
                .as("the pages are not part of the API's description").isFalse();
    }

    @Test
    void a_wrong_password_is_sent_back_to_the_form_and_the_right_one_opens_a_new_session() {
        PageSession browser = new PageSession(port);
        HttpResponse<String> wrong = browser.signIn("clinician", "not-the-password");
        assertThat(wrong.statusCode()).isEqualTo(302);
        assertThat(PageSession.location(wrong)).isEqualTo("/login?error");
        assertThat(browser.get("/login?error").body()).contains("The user name or the password is not right.");

        String before = browser.sessionId().orElseThrow();
        HttpResponse<String> right = browser.signIn("clinician", "clinician-demo");
        assertThat(right.statusCode()).isEqualTo(302);
        assertThat(PageSession.location(right)).isEqualTo("/");
        assertThat(browser.sessionId()).as("a new session id at sign-in").hasValueSatisfying(id -> assertThat(id).isNotEqualTo(before));
        HttpResponse<String> home = browser.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Signed in as <strong>Ana Clinician</strong>");

        HttpResponse<String> api = browser.api("/api/v1/courses");
        assertThat(api.statusCode()).as("the page's session cookie does not open the API, which takes credentials on every request")
                .isEqualTo(401);

        HttpResponse<String> out = browser.post("/logout", Map.of());
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(PageSession.location(out)).isEqualTo("/login?signed-out");
        assertThat(browser.get("/").statusCode()).as("signed out").isEqualTo(302);
    }

    @Test
    void a_broken_or_oversized_sign_in_form_is_refused_without_an_error_page() {
        PageSession browser = new PageSession(port);
        browser.get("/login");
        HttpResponse<String> broken = browser.postRaw("/login", "%ZZ=1&\u0001=2&username=%E0%A4%A&password");
        assertThat(broken.statusCode()).as(broken.body()).isEqualTo(302);
        assertThat(PageSession.location(broken)).isEqualTo("/login?error");

        browser.get("/login");
        HttpResponse<String> huge = browser.postRaw("/login", "username=clinician&password=" + "x".repeat(70_000));
        assertThat(huge.statusCode()).as("larger than any body may be").isEqualTo(413);
        assertThat(browser.get("/").statusCode()).as("and no one signed in").isEqualTo(302);
    }

    @Test
    void each_role_starts_from_what_it_may_read_through_the_api() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        String courseId = "home-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(post("clinician", "/api/v1/courses", Map.of("courseId", courseId, "clientId", "client-" + courseId,
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", Instant.now().toString(),
                "profile", profile(40, "80 kg"))).status()).isEqualTo(201);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                get("clinician", "/api/v1/courses?size=100").raw().contains(courseId));

        // role -> [obligations, courses, protocols]
        Map<String, boolean[]> sections = Map.of(
                "clinician", new boolean[] {true, true, false},
                "prescriber", new boolean[] {true, true, false},
                "therapist", new boolean[] {true, true, false},
                "auditor", new boolean[] {false, true, false},
                "designer", new boolean[] {false, false, true},
                "admin", new boolean[] {true, true, true});
        sections.forEach((user, shows) -> {
            PageSession browser = new PageSession(port);
            assertThat(PageSession.location(browser.signIn(user, user + "-demo"))).as(user).isEqualTo("/");
            String home = browser.get("/").body();
            assertThat(home.contains("id=\"obligations\"")).as(user + " sees open obligations").isEqualTo(shows[0]);
            assertThat(home.contains("id=\"courses\"")).as(user + " sees courses").isEqualTo(shows[1]);
            assertThat(home.contains(courseId)).as(user + " sees the new course").isEqualTo(shows[1]);
            assertThat(home.contains("id=\"protocols\"")).as(user + " sees protocols").isEqualTo(shows[2]);
            assertThat(home.contains("api-test")).as(user + " sees the published protocol or a course under it")
                    .isEqualTo(shows[1] || shows[2]);
            assertThat(home).as(user + ": a page that writes nothing offers no form but signing out")
                    .containsOnlyOnce("<form");
        });
    }
}
