package org.kap.api.security;

import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Password guessing locks the user name (whatever its case, on every path, the right password included,
 * and signing in meanwhile does not clear the count), then the client address, for the lockout period;
 * each lockout is recorded once. A password remembered as verified does not get past a lockout either. Lower limits and a shorter period than the defaults.
 */
@TestPropertySource(properties = {"kap.sign-in.max-failures-per-user=3", "kap.sign-in.max-failures-per-address=6",
        "kap.sign-in.lockout=20s"})
class SignInLockoutApiTest extends ApiTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    org.springframework.security.crypto.password.PasswordEncoder passwords;

    private int as(String credentials, String path) {
        return exchange(null, HttpMethod.GET, path, null,
                Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes()))).status();
    }

    @Test
    void a_password_that_signed_in_is_remembered_as_verified_not_run_through_bcrypt_on_every_request() {
        assertThat(passwords).isInstanceOf(VerifiedCredentials.class);
        assertThat(as("auditor:auditor-demo", "/api/v1/protocols")).isEqualTo(200);
        int remembered = ((VerifiedCredentials) passwords).remembered();
        assertThat(remembered).isPositive();
        assertThat(as("auditor:auditor-demo", "/api/v1/protocols")).isEqualTo(200);
        assertThat(((VerifiedCredentials) passwords).remembered()).isEqualTo(remembered);
    }

    @Test
    void guessing_locks_the_user_then_the_address_until_the_period_ends() {
        assertThat(as("prescriber:guess-1", "/api/v1/protocols")).isEqualTo(401);
        assertThat(as("prescriber:prescriber-demo", "/api/v1/protocols")).as("signed in between guesses").isEqualTo(200);
        org.kap.api.pages.PageSession browser = new org.kap.api.pages.PageSession(port);
        assertThat(org.kap.api.pages.PageSession.location(browser.signIn("PRESCRIBER", "guess-2")))
                .as("a guess at the sign-in page, the name in another case, counts the same").isEqualTo("/login?error");
        assertThat(as("Prescriber:guess-3", "/actuator/health")).as("on an open path too").isEqualTo(401);

        Answer locked = exchange(null, HttpMethod.GET, "/api/v1/protocols", null, Map.of("Authorization", "Basic "
                + Base64.getEncoder().encodeToString("prescriber:prescriber-demo".getBytes())));
        assertThat(locked.status()).as("the right password too, while locked").isEqualTo(429);
        assertThat(locked.text("/type")).isEqualTo("/problems/sign-in-locked");
        assertThat(locked.headers().getFirst("Retry-After")).isNotNull();
        assertThat(as("PreScriber:prescriber-demo", "/actuator/health")).as("in any case, on any path").isEqualTo(429);
        assertThat(org.kap.api.pages.PageSession.location(browser.signIn("prescriber", "prescriber-demo")))
                .as("the sign-in page tells a locked user so, without checking the password").isEqualTo("/login?locked");
        assertThat(browser.get("/login?locked").body()).contains("sign-in is locked");
        assertThat(browser.get("/").statusCode()).as("and signs no one in").isEqualTo(302);
        assertThat(as("clinician:clinician-demo", "/api/v1/protocols")).as("other users still sign in").isEqualTo(200);

        for (int i = 0; i < 3; i++) {
            assertThat(as("nobody-" + i + ":x", "/api/v1/protocols")).isEqualTo(401);
        }
        assertThat(as("clinician:clinician-demo", "/api/v1/protocols"))
                .as("six failures from this address lock it, whoever signs in").isEqualTo(429);

        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(as("prescriber:prescriber-demo", "/api/v1/protocols")).isEqualTo(200));
        assertThat(as("clinician:clinician-demo", "/api/v1/protocols")).isEqualTo(200);
        List<String> locks = jdbc.queryForList("SELECT actor_id FROM access_record WHERE action = 'sign-in-locked' ORDER BY id",
                String.class);
        assertThat(locks).as("each lockout recorded once: the user's, then the address's").containsExactly("prescriber", "(anonymous)");
    }
}
