package org.kap.api;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every answer carries the browser-facing security headers: success, refusal, malformed and unauthenticated alike. */
class SecurityHeadersApiTest extends ApiTest {

    @Test
    void every_kind_of_answer_carries_the_security_headers() {
        for (Answer answer : new Answer[] {
                get("auditor", "/api/v1/protocols"),
                get(null, "/api/v1/courses"),
                get("therapist", "/api/v1/audit/access-events"),
                post("clinician", "/api/v1/courses", Map.of("courseId", "a;b")),
                get(null, "/actuator/health")}) {
            assertThat(answer.headers().getFirst("Content-Security-Policy")).as(answer.raw())
                    .contains("default-src 'self'").contains("frame-ancestors 'none'").contains("object-src 'none'");
            assertThat(answer.headers().getFirst("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(answer.headers().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(answer.headers().getFirst("X-Frame-Options")).isEqualTo("DENY");
        }
    }
}
