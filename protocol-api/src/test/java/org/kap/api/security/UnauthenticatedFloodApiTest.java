package org.kap.api.security;

import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flood of requests that sign no one in (no credentials, malformed ones, a junk token) is throttled per
 * address and recorded once for the throttled minute, not once per request; health answers throughout.
 * A lower limit than the default, so the test stays short.
 */
@TestPropertySource(properties = "kap.limits.unauthenticated-per-minute=20")
class UnauthenticatedFloodApiTest extends ApiTest {

    @Autowired
    JdbcTemplate jdbc;

    private static final List<Map<String, String>> NOT_SIGNED_IN = List.of(Map.of(), Map.of("Authorization", "Basic !!!"),
            Map.of("Authorization", "Bearer junk"), Map.of("Authorization", "x"));

    @Test
    void requests_that_sign_no_one_in_are_throttled_per_address_and_recorded_once() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            statuses.add(exchange(null, HttpMethod.GET, "/api/v1/courses/flood-" + i, null, NOT_SIGNED_IN.get(i % 4)).status());
        }
        assertThat(statuses.subList(0, 20)).containsOnly(401);
        assertThat(statuses.subList(20, 200)).containsOnly(429);
        Answer throttled = get(null, "/api/v1/courses/flood-x");
        assertThat(throttled.headers().getContentType()).hasToString("application/problem+json");
        assertThat(throttled.text("/type")).isEqualTo("/problems/too-many-requests");
        assertThat(Long.parseLong(throttled.headers().getFirst("Retry-After"))).isBetween(1L, 60L);
        assertThat(get(null, "/actuator/healthx").status()).as("only the open paths themselves are open").isEqualTo(429);
        assertThat(get(null, "/actuator/health").status()).as("health answers anyone, throttled or not").isEqualTo(200);
        assertThat(get("auditor", "/api/v1/protocols").status()).as("the address is throttled for the minute").isEqualTo(429);

        // read straight from the table: an admin's request from this address would be throttled too
        List<String> recorded = jdbc.queryForList("SELECT action FROM access_record", String.class);
        assertThat(recorded.stream().filter(action -> action.equals("unauthenticated") || action.equals("sign-in")))
                .as("one record per request under the limit").hasSize(20);
        assertThat(recorded.stream().filter(action -> action.equals("unauthenticated-throttled")))
                .as("one record for the rest of the minute").hasSize(1);
    }
}
