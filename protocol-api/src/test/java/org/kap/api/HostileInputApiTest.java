package org.kap.api;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an attacker or a careless integrator sends, beyond the classes of {@link ErrorHandlingApiTest}:
 * times as numbers or outside any record, control characters, paths longer than any of the API's, requests
 * the container refuses before the engine sees them. Every answer is problem+json, none is a 5xx, and
 * nothing is recorded.
 */
class HostileInputApiTest extends ApiTest {

    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.security.web.firewall.HttpFirewall firewall;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;


    private Instant t;

    @BeforeEach
    void protocol() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        t = Instant.now().minus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
    }

    private Map<String, Object> screening(String courseId) {
        Map<String, Object> body = new HashMap<>();
        body.put("courseId", courseId);
        body.put("clientId", "client-hostile");
        body.put("protocol", Map.of("id", "api-test", "version", 1));
        body.put("indication", "depression");
        body.put("at", t.toString());
        body.put("profile", profile(40, "80 kg"));
        return body;
    }

    /** A 400 problem naming the field, after which the course does not exist. */
    private void refusedAndNotCreated(String courseId, Answer answer, String field) {
        assertThat(answer.status()).as(answer.raw()).isEqualTo(400);
        assertThat(answer.headers().getContentType()).hasToString("application/problem+json");
        assertThat(answer.body().at("/errors").findValuesAsText("field")).as(answer.raw()).contains(field);
        assertThat(get("auditor", "/api/v1/courses/" + courseId).status()).isEqualTo(404);
    }

    private static void problemJson(int status, String contentType, String body) {
        assertThat(status).as(body).isBetween(400, 499);
        assertThat(contentType).as(body).startsWith("application/problem+json");
        assertThat(body).contains("\"type\":\"/problems/").contains("\"status\":" + status)
                .doesNotContain("Exception").doesNotContain("Tomcat").doesNotContain("<html");
    }

    @Test
    void a_time_sent_as_a_number_or_blank_is_400_never_read_as_seconds_since_1970_or_now() {
        String id = "hostile-" + UUID.randomUUID();
        Map<String, Object> body = screening(id);
        body.put("at", 1e300);
        refusedAndNotCreated(id, post("clinician", "/api/v1/courses", body), "at");
        body.put("at", 1_700_000_000);
        refusedAndNotCreated(id, post("clinician", "/api/v1/courses", body), "at");
        body.put("at", "  ");
        refusedAndNotCreated(id, post("clinician", "/api/v1/courses", body), "at");
    }

    @Test
    void a_time_outside_the_record_or_far_back_is_400_and_creates_nothing() {
        String id = "hostile-" + UUID.randomUUID();
        Map<String, Object> body = screening(id);
        body.put("at", "-5000-01-01T00:00:00Z");
        refusedAndNotCreated(id, post("clinician", "/api/v1/courses", body), "at");
        body.put("at", Instant.now().minus(20 * 365, ChronoUnit.DAYS).toString());
        Answer tooFarBack = post("clinician", "/api/v1/courses", body);
        refusedAndNotCreated(id, tooFarBack, "at");
        assertThat(tooFarBack.text("/detail")).contains("3650 days");
        body.put("at", t.toString());
        body.put("profile", profile(40, "80 kg", "substanceUse", List.of(Map.of("substance", "alcohol",
                "lastUse", "1899-12-31T23:59:59Z"))));
        refusedAndNotCreated(id, post("clinician", "/api/v1/courses", body), "profile.substanceUse[0].lastUse");
    }

    @Test
    void a_control_character_in_any_text_is_400_naming_the_field_and_creates_nothing() {
        String id = "hostile-" + UUID.randomUUID();
        Map<String, Object> body = screening(id);
        body.put("clientId", "client\u0000x");
        Answer nul = post("clinician", "/api/v1/courses", body);
        refusedAndNotCreated(id, nul, "clientId");
        assertThat(nul.text("/errors/0/reason")).contains("U+0000");
        body.put("clientId", "client\u001B[2J");
        refusedAndNotCreated(id, post("clinician", "/api/v1/courses", body), "clientId");

        body.put("clientId", "client-hostile");
        assertThat(post("clinician", "/api/v1/courses", body).status()).isEqualTo(201);
        long entries = get("auditor", "/api/v1/courses/" + id).body().at("/entries").asLong();
        Answer whatIf = post("auditor", "/api/v1/courses/" + id + "/what-if", Map.of("protocol", Map.of("id", "api\u0000test",
                "version", 1)));
        assertThat(whatIf.status()).as(whatIf.raw()).isEqualTo(400);
        assertThat(whatIf.body().at("/errors").findValuesAsText("field")).contains("protocol.id");
        Answer escape = post("clinician", "/api/v1/courses/" + id + "/adverse-events", Map.of("type", "nausea_vomiting",
                "grade", 1, "description", "felt sick\u0007", "at", t.plus(10, ChronoUnit.MINUTES).toString()));
        assertThat(escape.status()).as(escape.raw()).isEqualTo(400);
        assertThat(escape.body().at("/errors").findValuesAsText("field")).contains("description");
        assertThat(get("auditor", "/api/v1/courses/" + id).body().at("/entries").asLong()).isEqualTo(entries);

        Answer lines = post("clinician", "/api/v1/courses/" + id + "/adverse-events", Map.of("type", "nausea_vomiting",
                "grade", 1, "description", "felt sick\r\n\tthen better", "at", t.plus(10, ChronoUnit.MINUTES).toString()));
        assertThat(lines.status()).as("tabs and line breaks are text: " + lines.raw()).isIn(200, 422);
    }

    @Test
    void a_protocol_with_a_control_character_publishes_nothing() {
        String text = """
                protocol "nul-title" version 1
                title "A title with a \u0000 inside"
                status active
                indications: depression
                dosing route IM:
                  rule DOSE-IM-MAX: max 1.0 mg/kg per session message "IM maximum" cite "test"
                """;
        Answer refused = post("designer", "/api/v1/protocols", text);
        assertThat(refused.status()).as(refused.raw()).isEqualTo(422);
        assertThat(refused.raw()).contains("U+0000");
        assertThat(get("designer", "/api/v1/protocols/nul-title/versions/1").status()).isEqualTo(404);
    }

    @Test
    void a_path_longer_than_any_of_the_api_is_414_even_with_an_idempotency_key() {
        String path = "/api/v1/courses/" + "a".repeat(1200) + "/consent";
        Answer answer = post("clinician", path, Map.of("at", t.toString()), Map.of("Idempotency-Key", "long-path-1"));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(414);
        assertThat(answer.headers().getContentType()).hasToString("application/problem+json");
        assertThat(answer.text("/type")).isEqualTo("/problems/uri-too-long");
    }

    @Test
    void the_error_page_and_the_containers_refusals_are_problem_json() {
        Answer direct = get(null, "/error");
        assertThat(direct.status()).as(direct.raw()).isEqualTo(404);
        assertThat(direct.headers().getContentType()).hasToString("application/problem+json");
        assertThat(direct.text("/type")).isEqualTo("/problems/not-found");

        // refused by Tomcat before any servlet: an invalid percent-encoding, a character a path may not hold
        for (String target : List.of("/api/v1/courses/a%ZZ", "/api/v1/courses/a|b", "/api/v1/courses/a%00b")) {
            RawHttp.Response raw = RawHttp.send(port, "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            problemJson(raw.status(), raw.header("content-type"), raw.body());
        }
        // refused by the security firewall: a path parameter, an encoded slash
        for (String target : List.of("/api/v1/courses/a;jsessionid=1", "/api/v1/courses/a%2Fb")) {
            RawHttp.Response raw = RawHttp.send(port, "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
                    + java.util.Base64.getEncoder().encodeToString("auditor:auditor-demo".getBytes()) + "\r\nConnection: close\r\n\r\n");
            problemJson(raw.status(), raw.header("content-type"), raw.body());
            assertThat(raw.header("x-content-type-options")).isEqualTo("nosniff");
        }
        // the engine's firewall (HeaderFirewall) still refuses a control character in a header name or value and in a
        // parameter name when they are read; Tomcat refuses such bytes in a header before any filter, so the firewall's
        // own refusal is asked of it directly
        var hostile = new org.springframework.mock.web.MockHttpServletRequest("GET", "/api/v1/courses");
        hostile.addHeader("X-Value", "a\u0085b");
        hostile.addHeader("X-\u0001Name", "a");
        hostile.addParameter("a\u0001b", "1");
        hostile.addHeader("Accept", "application/json");
        var firewalled = firewall.getFirewalledRequest(hostile);
        for (Runnable read : List.<Runnable>of(() -> firewalled.getHeader("X-Value"), () -> firewalled.getHeader("X-\u0001Name"),
                () -> firewalled.getParameterMap())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(read::run)
                    .isInstanceOf(org.springframework.security.web.firewall.RequestRejectedException.class);
        }
        assertThat(firewalled.getHeader("Accept")).as("an ordinary header passes").isEqualTo("application/json");
        // refused by Spring MVC: a method the path does not have, a media type it does not read
        Answer method = exchange("clinician", org.springframework.http.HttpMethod.PUT, "/api/v1/courses/x/consent", Map.of(), Map.of());
        problemJson(method.status(), String.valueOf(method.headers().getContentType()), method.raw());
        RawHttp.Response xml = RawHttp.send(port, "POST /api/v1/courses HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
                + java.util.Base64.getEncoder().encodeToString("clinician:clinician-demo".getBytes())
                + "\r\nContent-Type: application/xml\r\nContent-Length: 7\r\nConnection: close\r\n\r\n<a></a>");
        problemJson(xml.status(), xml.header("content-type"), xml.body());
        assertThat(xml.status()).isEqualTo(415);
    }

    @Test
    void a_form_body_is_never_parsed_into_parameters_whatever_its_bytes() {
        String clinician = java.util.Base64.getEncoder().encodeToString("clinician:clinician-demo".getBytes());
        for (String method : List.of("POST", "PATCH", "PUT")) {
            for (String body : List.of("{\"a\":1}", "%ZZ=1&\u0001=2", "\u00ff\u00fe=\u0000")) {
                RawHttp.Response raw = RawHttp.send(port, method + " /api/v1/courses/hostile-form/findings HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Basic " + clinician + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
                problemJson(raw.status(), raw.header("content-type"), raw.body());
                assertThat(raw.status()).as("refused before the container parses it").isEqualTo(415);
            }
        }
        // chunked, larger than any body may be: refused unread, not parsed by the container up to its own limit
        String chunk = "a=" + "x".repeat(70_000);
        RawHttp.Response chunked = RawHttp.send(port, "POST /api/v1/courses/hostile-form/findings HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Basic " + clinician + "\r\nContent-Type: multipart/form-data\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n" + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n");
        problemJson(chunked.status(), chunked.header("content-type"), chunked.body());
        assertThat(chunked.status()).isEqualTo(415);
    }

    @Test
    void a_protocol_whose_answer_the_client_cannot_accept_is_refused_before_it_is_published() {
        String text = """
                protocol "accept-test" version 1
                title "Accept test"
                status active
                indications: depression
                dosing route IM:
                  rule DOSE-IM-MAX: max 1.0 mg/kg per session message "IM maximum" cite "test"
                """;
        Answer xml = post("designer", "/api/v1/protocols", text, Map.of("Accept", "application/xml"));
        assertThat(xml.status()).as(xml.raw()).isEqualTo(406);
        assertThat(get("designer", "/api/v1/protocols/accept-test/versions/1").status()).as("nothing published").isEqualTo(404);
        assertThat(post("designer", "/api/v1/protocols", text).status()).isEqualTo(201);
    }

    /** Found by the fuzz suite: a lifecycle act answered 406 had already recorded its event. Now refused before acting. */
    @Test
    void a_protocol_act_or_a_tree_head_whose_answer_the_client_cannot_accept_records_nothing() {
        String text = """
                protocol "accept-act" version 1
                title "Accept act test"
                status draft
                indications: depression
                dosing route IM:
                  rule DOSE-IM-MAX: max 1.0 mg/kg per session message "IM maximum" cite "test"
                """;
        assertThat(post("designer", "/api/v1/protocols", text).status()).isEqualTo(201);
        long events = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
        Map<String, String> png = Map.of("Accept", "image/png");
        for (String act : List.of("activation", "approval", "retirement")) {
            Answer refused = post("designer", "/api/v1/protocols/accept-act/versions/1/" + act, Map.of("reason", "test"), png);
            assertThat(refused.status()).as(act + ": " + refused.raw()).isEqualTo(406);
        }
        assertThat(post("admin", "/api/v1/audit/tree-heads", null, png).status()).isEqualTo(406);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class)).as("nothing recorded").isEqualTo(events);
        assertThat(get("designer", "/api/v1/protocols/accept-act/versions/1").body().at("/protocol/status").asText()).isEqualTo("draft");
    }
}
