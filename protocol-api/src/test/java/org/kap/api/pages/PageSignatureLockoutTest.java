package org.kap.api.pages;

import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sign-in lockout holds on the pages too: wrong signing passwords typed into a dose approval's form count as failed
 * sign-ins, and once the user is locked their open page session ends and no further guess is checked, so an unattended
 * signed-in workstation cannot be used to guess a prescriber's password until a dose is signed in their name.
 */
@TestPropertySource(properties = {"kap.sign-in.max-failures-per-user=3", "kap.sign-in.max-failures-per-address=100"})
class PageSignatureLockoutTest extends ApiTest {

    @Test
    void wrong_signing_passwords_lock_the_signer_out_and_end_the_page_session() {
        assertThat(publish("api-test.kap").status()).isEqualTo(201);
        String course = "page-lockout";
        assertThat(post("clinician", "/api/v1/courses", Map.of("courseId", course, "clientId", "client-lockout",
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression",
                "profile", profile(40, "80 kg"))).status()).isEqualTo(201);
        long before = get("admin", "/api/v1/courses/" + course).body().path("entries").asLong();

        PageSession prescriber = new PageSession(port);
        assertThat(prescriber.signIn("prescriber", "prescriber-demo").statusCode()).isEqualTo(302);
        for (int guess = 1; guess <= 3; guess++) {
            assertThat(prescriber.get("/pages/courses/" + course).statusCode()).isEqualTo(200);
            HttpResponse<String> approval = prescriber.post("/pages/courses/" + course + "/dose-approvals",
                    Map.of("route", "im", "dose", "0.5 mg/kg", "signaturePassword", "guess-" + guess));
            assertThat(approval.statusCode()).isEqualTo(302);
        }

        HttpResponse<String> after = prescriber.get("/pages/courses/" + course);
        assertThat(after.statusCode()).as("the locked user's session ends").isEqualTo(302);
        assertThat(PageSession.location(after)).isEqualTo("/login?locked");
        assertThat(prescriber.get("/").statusCode()).as("and it is gone, not only turned away once").isEqualTo(302);
        assertThat(PageSession.location(new PageSession(port).signIn("prescriber", "prescriber-demo")))
                .as("nor can the right password sign in while the lockout lasts").isEqualTo("/login?locked");
        assertThat(get("admin", "/api/v1/courses/" + course).body().path("entries").asLong()).as("no dose was approved")
                .isEqualTo(before);
    }
}
