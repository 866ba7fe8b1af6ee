package org.kap.api.pages;

import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sign-in lockout holds for signing passwords typed into pages: wrong ones count as failed sign-ins, and once the
 * user is locked no signing password is checked, not even the right one, so an unattended signed-in workstation cannot
 * be used to guess a prescriber's password until a dose is signed in their name. The page session itself goes on for
 * what needs no signature: ending it would let anyone who locks a user name out sign a nurse out in the middle of a
 * session.
 */
@TestPropertySource(properties = {"kap.sign-in.max-failures-per-user=3", "kap.sign-in.max-failures-per-address=100"})
class PageSignatureLockoutTest extends ApiTest {

    @Test
    void once_wrong_signing_passwords_lock_the_signer_no_signing_password_is_checked() {
        assertThat(publish("api-test.kap").status()).isEqualTo(201);
        String course = "page-lockout";
        assertThat(post("clinician", "/api/v1/courses", Map.of("courseId", course, "clientId", "client-lockout",
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression",
                "profile", profile(40, "80 kg"))).status()).isEqualTo(201);
        assertThat(post("clinician", "/api/v1/courses/" + course + "/consent", Map.of()).status()).isEqualTo(200);
        assertThat(post("therapist", "/api/v1/courses/" + course + "/preparation-sessions", Map.of()).status()).isEqualTo(200);
        long before = entries(course);

        PageSession prescriber = new PageSession(port);
        assertThat(prescriber.signIn("prescriber", "prescriber-demo").statusCode()).isEqualTo(302);
        for (int guess = 1; guess <= 3; guess++) {
            assertThat(approve(prescriber, course, "guess-" + guess)).as("guess %d", guess)
                    .contains("the password given to sign is not the signer");
        }
        assertThat(approve(prescriber, course, "prescriber-demo")).as("the right password, while the lockout lasts")
                .contains("sign-in is locked");
        assertThat(entries(course)).as("no dose was approved").isEqualTo(before);
        assertThat(PageSession.location(new PageSession(port).signIn("prescriber", "prescriber-demo")))
                .as("nor can the prescriber sign in anew").isEqualTo("/login?locked");
        assertThat(prescriber.get("/pages/courses/" + course).statusCode()).as("the open session still reads").isEqualTo(200);
    }

    /** A dose approval sent from the course page's form; the answer the page then shows. */
    private String approve(PageSession session, String course, String password) {
        session.get("/pages/courses/" + course);
        HttpResponse<String> sent = session.post("/pages/courses/" + course + "/dose-approvals",
                Map.of("route", "im", "dose", "0.5 mg/kg", "signaturePassword", password));
        assertThat(sent.statusCode()).isEqualTo(302);
        return session.get("/pages/courses/" + course).body();
    }

    private long entries(String course) {
        return get("admin", "/api/v1/courses/" + course).body().path("entries").asLong();
    }
}
