package org.kap.api.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.kap.api.KapApplication;
import org.kap.api.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fuzz suite: generated malformed bodies, headers, methods, ids and protocol texts sent to the running
 * engine over HTTP, on H2 by default and on PostgreSQL with {@code -Ppostgres}. Every answer must be below
 * 500; every error answer problem+json with a {@code /problems/} type and no implementation text; and an
 * error answer must have recorded nothing (the event store holds as many events as before), a safety
 * refusal (422 {@code safety-refusal}) excepted, which is a recorded decision by design.
 * <p>
 * The throttles are raised here so that requests reach every layer rather than stop at a 429 (they have
 * their own tests). A longer run for release checks: {@code ./mvnw verify -pl protocol-api -am
 * -Dtest=ApiFuzzTest -Dsurefire.failIfNoSpecifiedTests=false -Djqwik.tries.default=50000} (docs/security.md).
 * The ids and examples come from the OpenAPI document, so a new endpoint is fuzzed without being listed here.
 */
class ApiFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COURSE = "fuzz-course";
    private static ConfigurableApplicationContext app;
    private static HttpClient http;
    private static int port;
    private static JdbcTemplate jdbc;
    private static List<ApiOperation> operations;
    private static String exampleProtocol;

    @BeforeContainer
    static void start() throws Exception {
        Map<String, Object> properties = new HashMap<>(TestDatabase.fresh());
        properties.put("server.port", "0");
        properties.put("kap.publish-example-protocols", "false");
        // the fuzzer screens under the protocol it publishes: a one-person clinic (docs/dsl.md, "Lifecycle")
        properties.put("kap.protocols.second-signature", "false");
        properties.put("kap.obligations.check-interval", "1h");
        properties.put("kap.obligations.first-check", "1h");
        properties.put("kap.limits.unauthenticated-per-minute", "1000000");
        properties.put("kap.sign-in.max-failures-per-user", "1000000");
        properties.put("kap.sign-in.max-failures-per-address", "1000000");
        // as arguments: default properties would lose to application.yml
        app = new SpringApplicationBuilder(KapApplication.class)
                .run(properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new));
        port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        jdbc = app.getBean(JdbcTemplate.class);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

        try (InputStream test = ApiFuzzTest.class.getResourceAsStream("/protocols/api-test.kap");
             InputStream example = ApiFuzzTest.class.getResourceAsStream("/protocols/kap-im.kap")) {
            HttpResponse<String> published = send("POST", "/api/v1/protocols", "designer", "text/plain", test.readAllBytes());
            assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
            exampleProtocol = new String(example.readAllBytes(), StandardCharsets.UTF_8);
        }
        Instant t = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        String screening = """
                {"courseId":"%s","clientId":"client-fuzz","protocol":{"id":"api-test","version":1},"indication":"depression",
                 "at":"%s","profile":{"ageYears":40,"weight":"80 kg","pregnant":false,"breastfeeding":false,
                 "vitals":{"systolic":"124 mmHg","diastolic":"78 mmHg"}}}""".formatted(COURSE, t);
        assertThat(send("POST", "/api/v1/courses", "clinician", "application/json", screening.getBytes()).statusCode()).isEqualTo(201);
        assertThat(send("POST", "/api/v1/courses/" + COURSE + "/consent", "clinician", "application/json",
                ("{\"at\":\"" + t.plus(5, ChronoUnit.MINUTES) + "\"}").getBytes()).statusCode()).isEqualTo(200);
        operations = ApiOperation.from(JSON.readTree(send("GET", "/v3/api-docs", null, null, new byte[0]).body()));
        assertThat(operations).as("the OpenAPI document lists the API").hasSizeGreaterThanOrEqualTo(30);
    }

    @AfterContainer
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    /** Six API requests to one protocol text: a text costs the checker more than a request costs the API. */
    @Provide
    Arbitrary<FuzzRequest> requests() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.randomValue(random -> FuzzRequest.generate(random, operations, COURSE, JSON))),
                net.jqwik.api.Tuple.of(1, Arbitraries.randomValue(random -> FuzzRequest.protocolText(random,
                        ProtocolMutations.mutate(random, exampleProtocol)))));
    }

    /** Tries: {@code jqwik.tries.default} in junit-platform.properties (1,800), or -Djqwik.tries.default=... for longer runs. */
    @Property(shrinking = ShrinkingMode.OFF)
    void no_request_is_a_5xx_every_error_is_problem_json_and_records_nothing(@ForAll("requests") FuzzRequest request)
            throws Exception {
        long before = events();
        HttpResponse<String> response = send(request);
        Statistics.label("status").collect(request.description().startsWith("protocol text") ? "protocol " + response.statusCode()
                : String.valueOf(response.statusCode()));
        assertAnswered(request.toString(), response, before, request.method().equals("HEAD"));
    }

    private static void assertAnswered(String request, HttpResponse<String> response, long eventsBefore, boolean head)
            throws IOException {
        int status = response.statusCode();
        assertThat(status).as("no 5xx for\n" + request + "\n-> " + response.body()).isLessThan(500);
        if (status < 400) {
            return;
        }
        if (head) {
            // an answer to HEAD has headers only
            assertThat(events()).as("nothing recorded on " + status + " for\n" + request).isEqualTo(eventsBefore);
            return;
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        assertThat(type).as("problem+json for\n" + request + "\n-> " + response.body()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asText()).as(response.body()).startsWith("/problems/");
        assertThat(problem.path("status").asInt()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).as("no implementation text").doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("<html").doesNotContain("org.springframework").doesNotContain("com.fasterxml");
        if (!problem.path("type").asText().equals("/problems/safety-refusal")) {
            // the protocol texts' 422 (protocol-check-failed) is an error answer like any other: nothing published
            assertThat(events()).as("nothing recorded on " + status + " for\n" + request).isEqualTo(eventsBefore);
        }
    }

    private static long events() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
        return count == null ? 0 : count;
    }

    private static HttpResponse<String> send(FuzzRequest request) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + request.path()))
                .timeout(Duration.ofSeconds(30))
                .method(request.method(), request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, value) -> {
            if (!value.isEmpty() || !name.equals("Authorization")) {
                builder.header(name, value);
            }
        });
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(String method, String path, String user, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (user != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-demo").getBytes()));
            builder.header(org.kap.api.security.SignedActs.PASSWORD_HEADER, user + "-demo"); // the signed acts need it again
        }
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }
}
