package org.kap.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document is served without credentials and lists every command endpoint with its errors. */
class OpenApiTest extends ApiTest {

    private static final List<String> COMMANDS = List.of("/api/v1/courses", "/api/v1/courses/{courseId}/consent",
            "/api/v1/courses/{courseId}/consent-withdrawal", "/api/v1/courses/{courseId}/preparation-sessions",
            "/api/v1/courses/{courseId}/overrides", "/api/v1/courses/{courseId}/dose-approvals",
            "/api/v1/courses/{courseId}/sessions", "/api/v1/courses/{courseId}/sessions/current/boosters",
            "/api/v1/courses/{courseId}/vitals", "/api/v1/courses/{courseId}/adverse-events",
            "/api/v1/courses/{courseId}/adverse-events/{adverseEventId}/resolution", "/api/v1/courses/{courseId}/discharge",
            "/api/v1/courses/{courseId}/integrations", "/api/v1/courses/{courseId}/outcome-measures",
            "/api/v1/courses/{courseId}/obligations/{obligationId}/fulfilment", "/api/v1/courses/{courseId}/reviews",
            "/api/v1/courses/{courseId}/corrections", "/api/v1/courses/{courseId}/end", "/api/v1/protocols");

    @Test
    void every_command_endpoint_is_documented_with_its_errors_and_the_idempotency_key() {
        Answer docs = get(null, "/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.body().get("paths");
        for (String path : COMMANDS) {
            JsonNode post = paths.path(path).path("post");
            assertThat(post.isMissingNode()).as("POST " + path + " is documented").isFalse();
            assertThat(post.path("summary").asText()).as(path + " has a summary").isNotBlank();
            for (String status : List.of("400", "401", "403", "404", "409", "422", "503")) {
                assertThat(post.path("responses").has(status)).as(path + " documents " + status).isTrue();
            }
            assertThat(post.path("parameters").findValuesAsText("name")).as(path).contains("Idempotency-Key");
        }
        for (String signed : List.of("/api/v1/courses/{courseId}/dose-approvals", "/api/v1/courses/{courseId}/overrides",
                "/api/v1/courses/{courseId}/reviews", "/api/v1/courses/{courseId}/corrections", "/api/v1/protocols")) {
            assertThat(paths.path(signed).path("post").path("parameters").findValuesAsText("name")).as(signed + " is a signed act")
                    .contains("Signature-Password");
        }
        assertThat(paths.path("/api/v1/courses/{courseId}/vitals").path("post").path("parameters").findValuesAsText("name"))
                .doesNotContain("Signature-Password");
        assertThat(paths.path("/api/v1/courses/{courseId}").path("get").isMissingNode()).isFalse();
        assertThat(paths.path("/api/v1/obligations").path("get").isMissingNode()).isFalse();
        assertThat(docs.raw()).contains("DOSE-IM-MAX: 1.6 mg/kg (112 mg at 70 kg) > 1.5 mg/kg");
    }

    @Test
    void the_swagger_ui_and_health_are_open_and_metrics_are_for_admins() {
        assertThat(get(null, "/swagger-ui/index.html").status()).isEqualTo(200);
        assertThat(get(null, "/actuator/health").status()).isEqualTo(200);
        assertThat(get(null, "/actuator/metrics").status()).isEqualTo(401);
        assertThat(get("clinician", "/actuator/metrics").status()).isEqualTo(403);
        assertThat(publish("api-test.kap").status()).isIn(200, 201); // a command, so the command bus has measured something
        assertThat(get("admin", "/actuator/metrics").status()).isEqualTo(200);
        // a read model's latency is measured from the first event it takes, which it does on its own thread
        String names = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(
                () -> get("admin", "/actuator/metrics").body().path("names").toString(),
                n -> n.contains("\"course-list.latency\"") && n.contains("\"obligations.latency\""));
        assertThat(names).as("a timer of the commands (MessageMetrics)").contains("\"commandBus.successTimer\"");
        assertThat(names).as("no percentiles, capacity or counting monitors on every message").doesNotContain(
                "commandBus.successTimer.percentile", "commandBus.capacity", "course-list.capacity",
                "commandBus.ingestedCounter", "eventStore", "eventBus");
        Answer handled = get("admin", "/actuator/metrics/commandBus.successTimer");
        assertThat(handled.body().path("measurements").get(0).path("statistic").asText()).isEqualTo("COUNT");
        assertThat(handled.body().path("measurements").get(0).path("value").asDouble()).isGreaterThanOrEqualTo(1);
    }
}
