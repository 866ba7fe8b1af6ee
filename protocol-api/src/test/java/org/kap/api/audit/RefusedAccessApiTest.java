package org.kap.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;
import org.springframework.http.HttpMethod;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refused attempts are access records too (HIPAA 164.312(b): record and examine activity): a command
 * or read the caller's role may not make, a request without credentials, and a failed sign-in, each
 * with who tried, what, when and the outcome, and never the secret that was tried.
 */
class RefusedAccessApiTest extends ApiTest {

    @Test
    void a_request_refused_to_the_role_is_recorded_with_who_tried_what() {
        String course = "refused-" + UUID.randomUUID();
        assertThat(post("therapist", "/api/v1/courses/" + course + "/dose-approvals",
                Map.of("route", "IM", "dose", "0.5 mg/kg")).status()).isEqualTo(403);
        assertThat(get("clinician", "/api/v1/courses/" + course + "/history").status()).isEqualTo(403);
        assertThat(post("clinician", "/api/v1/protocols", "protocol \"x\" version 1").status()).isEqualTo(403);

        JsonNode approval = only(events(), e -> e.at("/entity/0/detail/0/valueString").asText()
                .equals("POST /api/v1/courses/" + course + "/dose-approvals"));
        assertThat(approval.at("/subtype/0/code").asText()).isEqualTo("forbidden");
        assertThat(approval.at("/action").asText()).as("a command, not a read").isEqualTo("E");
        assertThat(approval.at("/outcome").asText()).isEqualTo("4");
        assertThat(approval.at("/agent/0/who/identifier/value").asText()).isEqualTo("therapist");
        assertThat(approval.at("/agent/0/role/0/text").asText()).isEqualTo("therapist");
        assertThat(approval.at("/entity/0/what/identifier/value").asText()).isEqualTo(course);

        JsonNode history = only(events(), e -> e.at("/entity/0/detail/0/valueString").asText()
                .equals("GET /api/v1/courses/" + course + "/history"));
        assertThat(history.at("/action").asText()).isEqualTo("R");
        assertThat(history.at("/subtype/0/code").asText()).isEqualTo("forbidden");
        assertThat(history.at("/agent/0/who/identifier/value").asText()).isEqualTo("clinician");

        JsonNode publish = only(events(), e -> e.at("/entity/0/detail/0/valueString").asText().equals("POST /api/v1/protocols")
                && e.at("/agent/0/who/identifier/value").asText().equals("clinician"));
        assertThat(publish.at("/entity/0/what/display").asText()).as("not a course's record").isEqualTo("the engine");
    }

    @Test
    void requests_without_credentials_and_failed_sign_ins_are_recorded_without_the_secret() {
        String course = "anonymous-" + UUID.randomUUID();
        assertThat(get(null, "/api/v1/courses/" + course + "?size=5&access_token=leaked-token-3f9").status()).isEqualTo(401);
        assertThat(basic("prescriber:not-the-password-7d1", "/api/v1/courses/" + course + "/state")).isEqualTo(401);
        assertThat(basic("s3cret-typed-as-a-name:x", "/api/v1/courses/" + course + "/history")).isEqualTo(401);
        assertThat(exchange(null, HttpMethod.GET, "/api/v1/courses/" + course + "/export", null,
                Map.of("Authorization", "Basic !!not-base64")).status()).isEqualTo(401);

        List<JsonNode> events = events();
        JsonNode anonymous = only(events, e -> request(e).startsWith("GET /api/v1/courses/" + course + "?"));
        assertThat(request(anonymous)).as("only the API's own parameters are kept")
                .isEqualTo("GET /api/v1/courses/" + course + "?size=5");
        assertThat(anonymous.at("/subtype/0/code").asText()).isEqualTo("unauthenticated");
        assertThat(who(anonymous)).isEqualTo("(anonymous)");
        assertThat(anonymous.at("/outcome").asText()).isEqualTo("4");

        JsonNode signIn = only(events, e -> request(e).equals("GET /api/v1/courses/" + course + "/state"));
        assertThat(signIn.at("/type/code").asText()).as("DICOM User Authentication").isEqualTo("110114");
        assertThat(signIn.at("/subtype/0/code").asText()).as("Login").isEqualTo("110122");
        assertThat(signIn.at("/action").asText()).isEqualTo("E");
        assertThat(who(signIn)).as("a configured user's name").isEqualTo("prescriber");
        assertThat(signIn.at("/agent/0/role/0/text").asText()).isEqualTo("none");
        assertThat(signIn.at("/outcome").asText()).isEqualTo("4");

        JsonNode unknown = only(events, e -> request(e).equals("GET /api/v1/courses/" + course + "/history"));
        assertThat(who(unknown)).as("a name no user has may be a password typed in the wrong field").isEqualTo("(unknown user)");
        JsonNode unreadable = only(events, e -> request(e).equals("GET /api/v1/courses/" + course + "/export"));
        assertThat(who(unreadable)).isEqualTo("(unreadable credentials)");
        assertThat(unreadable.at("/subtype/0/code").asText()).isEqualTo("110122");

        String all = get("admin", "/api/v1/audit/access-events?limit=1000").raw();
        assertThat(all).doesNotContain("not-the-password-7d1").doesNotContain("s3cret-typed-as-a-name").doesNotContain("leaked-token-3f9");
    }

    /** Whatever a client sends, a refusal stays a 401 and is recorded: the record is cut to fit its columns. */
    @Test
    void a_refused_request_with_an_overlong_course_id_is_still_refused_and_recorded() {
        String course = "long-" + "x".repeat(300);
        assertThat(get(null, "/api/v1/courses/" + course).status()).isEqualTo(401);
        JsonNode record = only(events(), e -> request(e).equals("GET /api/v1/courses/" + course));
        assertThat(record.at("/entity/0/what/identifier/value").asText()).isEqualTo(course.substring(0, 100));
    }

    private int basic(String credentials, String path) {
        String basic = Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        return exchange(null, HttpMethod.GET, path, null, Map.of("Authorization", "Basic " + basic)).status();
    }

    private static String request(JsonNode event) {
        return event.at("/entity/0/detail/0/valueString").asText();
    }

    private static String who(JsonNode event) {
        return event.at("/agent/0/who/identifier/value").asText();
    }

    private List<JsonNode> events() {
        Answer answer = get("admin", "/api/v1/audit/access-events?limit=1000");
        assertThat(answer.status()).isEqualTo(200);
        return StreamSupport.stream(answer.body().spliterator(), false).toList();
    }

    private static JsonNode only(List<JsonNode> events, java.util.function.Predicate<JsonNode> which) {
        List<JsonNode> matching = events.stream().filter(which).toList();
        assertThat(matching).as("exactly one access record of the attempt among %s", events).hasSize(1);
        return matching.get(0);
    }
}
