package org.kap.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A flood without credentials is throttled and recorded once, not once per request; password guessing
 * locks the user name and then the address for the lockout period, the right password included, and each
 * lockout is recorded once. Lower limits than the defaults, so the test stays short.
 */
@TestPropertySource(properties = {"kap.limits.unauthenticated-per-minute=20", "kap.sign-in.max-failures-per-user=3",
        "kap.sign-in.max-failures-per-address=6", "kap.sign-in.lockout=5s"})
class ThrottleApiTest extends ApiTest {

    private Answer as(String credentials, String path) {
        return exchange(null, HttpMethod.GET, path, null,
                Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes())));
    }

    private List<JsonNode> records(String action) {
        List<JsonNode> found = new ArrayList<>();
        get("admin", "/api/v1/audit/access-events?limit=1000").body()
                .forEach(e -> { if (e.at("/subtype/0/code").asText().equals(action)) found.add(e); });
        return found;
    }

    @Test
    void a_flood_without_credentials_is_throttled_and_recorded_once_per_minute() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            statuses.add(get(null, "/api/v1/courses/flood-" + i).status());
        }
        assertThat(statuses.subList(0, 20)).containsOnly(401);
        assertThat(statuses.subList(20, 200)).containsOnly(429);
        Answer throttled = get(null, "/api/v1/courses/flood-x");
        assertThat(throttled.headers().getContentType()).hasToString("application/problem+json");
        assertThat(throttled.text("/type")).isEqualTo("/problems/too-many-requests");
        assertThat(Long.parseLong(throttled.headers().getFirst("Retry-After"))).isBetween(1L, 60L);

        assertThat(records("unauthenticated")).as("one record per request under the limit").hasSize(20);
        assertThat(records("unauthenticated-throttled")).as("one record for the rest of the minute").hasSize(1);
        assertThat(get(null, "/actuator/health").status()).as("health answers anyone, throttled or not").isEqualTo(200);
        assertThat(get("auditor", "/api/v1/protocols").status()).as("credentials pass").isEqualTo(200);
    }

    @Test
    void password_guessing_locks_the_user_then_the_address_for_the_lockout_period() {
        for (int i = 0; i < 3; i++) {
            assertThat(as("prescriber:guess-" + i, "/api/v1/protocols").status()).isEqualTo(401);
        }
        Answer locked = as("prescriber:prescriber-demo", "/api/v1/protocols");
        assertThat(locked.status()).as("the right password too, while locked").isEqualTo(429);
        assertThat(locked.text("/type")).isEqualTo("/problems/sign-in-locked");
        assertThat(locked.headers().getFirst("Retry-After")).isNotNull();
        assertThat(as("clinician:clinician-demo", "/api/v1/protocols").status()).as("other users still sign in").isEqualTo(200);
        assertThat(records("sign-in-locked")).singleElement()
                .satisfies(r -> assertThat(r.at("/agent/0/who/identifier/value").asText()).isEqualTo("prescriber"));

        for (int i = 0; i < 3; i++) {
            assertThat(as("nobody-" + i + ":x", "/api/v1/protocols").status()).isEqualTo(401);
        }
        assertThat(as("clinician:clinician-demo", "/api/v1/protocols").status())
                .as("six failures from this address lock it, whoever signs in").isEqualTo(429);

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(as("prescriber:prescriber-demo", "/api/v1/protocols").status()).isEqualTo(200));
        assertThat(as("clinician:clinician-demo", "/api/v1/protocols").status()).isEqualTo(200);
        assertThat(records("sign-in-locked")).as("each lockout recorded once: the user's, then the address's")
                .extracting(r -> r.at("/agent/0/who/identifier/value").asText()).containsExactly("(anonymous)", "prescriber");
    }
}
