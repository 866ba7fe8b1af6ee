package org.kap.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signed acts (21 CFR 11.50, 11.200): the signer gives the password again at the moment of signing, or the act is
 * refused and nothing is recorded; the signed record shows the printed name, the user, the time, the meaning and how
 * the signer re-authenticated.
 */
class ElectronicSignatureApiTest extends ApiTest {

    private static final Map<String, String> NO_PASSWORD = Map.of(SignedActs.PASSWORD_HEADER, "");

    private String course() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        String id = "signed-" + UUID.randomUUID();
        Instant t = Instant.now().minus(2, ChronoUnit.DAYS);
        assertThat(post("clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-s",
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", t.toString(),
                "profile", profile(40, "80 kg"))).status()).isEqualTo(201);
        post("clinician", "/api/v1/courses/" + id + "/consent", Map.of("at", t.plusSeconds(60).toString()));
        post("therapist", "/api/v1/courses/" + id + "/preparation-sessions", Map.of("at", t.plusSeconds(120).toString()));
        return id;
    }

    private Map<String, Object> approval() {
        return Map.of("route", "IM", "dose", "0.5 mg/kg", "at", Instant.now().minus(1, ChronoUnit.DAYS).toString());
    }

    private int entries(String id) {
        return get("auditor", "/api/v1/courses/" + id).body().at("/entries").asInt();
    }

    @Test
    void an_approval_without_the_password_again_or_with_a_wrong_one_is_refused_and_records_nothing() {
        String id = course();
        String c = "/api/v1/courses/" + id;
        Answer missing = post("prescriber", c + "/dose-approvals", approval(), NO_PASSWORD);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.text("/type")).isEqualTo("/problems/signature-refused");
        assertThat(missing.text("/detail")).contains("needs the signer's password again, in the Signature-Password header");
        Answer wrong = post("prescriber", c + "/dose-approvals", approval(), Map.of(SignedActs.PASSWORD_HEADER, "clinician-demo"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.text("/detail")).contains("not the signer's");
        assertThat(entries(id)).as("nothing recorded").isEqualTo(3);
        assertThat(post("designer", "/api/v1/protocols", "protocol \"x\" version 1", NO_PASSWORD).status())
                .as("a publication is a signed act too").isEqualTo(401);
    }

    @Test
    void no_spelling_of_a_signed_act_s_path_reaches_it_unsigned_and_a_refusal_leaves_the_idempotency_key_free() {
        // %73 is "s": the role table and the controller see /api/v1/protocols; the check goes by the handler
        Answer encoded = post("designer", "/api/v1/protocol%73", "protocol \"encoded\" version 1", NO_PASSWORD);
        assertThat(encoded.status()).as(encoded.raw()).isIn(400, 401);
        assertThat(get("designer", "/api/v1/protocols/encoded/versions/1").status()).isEqualTo(404);

        String id = course();
        String c = "/api/v1/courses/" + id;
        Map<String, String> keyed = new java.util.HashMap<>(NO_PASSWORD);
        keyed.put("Idempotency-Key", "sign-" + id);
        assertThat(post("prescriber", c + "/dose-approvals", approval(), keyed).status()).isEqualTo(401);
        Answer retried = post("prescriber", c + "/dose-approvals", approval(), Map.of("Idempotency-Key", "sign-" + id));
        assertThat(retried.status()).as("the retry with the password runs: the 401 decided nothing").isEqualTo(200);
        assertThat(retried.headers().getFirst("Idempotent-Replayed")).isNull();
    }

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping handlers;

    @Test
    void the_signed_handlers_and_the_paths_clients_are_told_to_sign_are_the_same() {
        java.util.List<String> annotated = new java.util.ArrayList<>();
        handlers.getHandlerMethods().forEach((mapping, method) -> {
            SignedAct act = method.getMethodAnnotation(SignedAct.class);
            if (act != null) {
                for (String pattern : mapping.getPatternValues()) {
                    String path = pattern.replace("{courseId}", "c-1").replace("{id}", "kap-im").replace("{version}", "2");
                    annotated.add(path);
                    assertThat(SignedActs.meaningOf("POST", path)).as(pattern).contains(act.value());
                }
            }
        });
        assertThat(annotated).hasSize(10).contains("/api/v1/courses/c-1/migrations", "/api/v1/courses/c-1/dose-approvals");
        for (String path : java.util.List.of("/api/v1/courses/c-1/vitals", "/api/v1/courses/c-1/sessions", "/api/v1/courses")) {
            assertThat(SignedActs.meaningOf("POST", path)).as(path).isEmpty();
        }
    }

    @Test
    void a_signed_approval_and_a_signed_correction_show_who_what_when_and_how_they_re_authenticated() {
        String id = course();
        String c = "/api/v1/courses/" + id;
        // a refused approval is recorded too (unsigned: nothing was approved), with how its actor re-authenticated
        assertThat(post("prescriber", c + "/dose-approvals", Map.of("route", "IM", "dose", "0.7 mg/kg",
                "at", Instant.now().minus(1, ChronoUnit.DAYS).minusSeconds(60).toString())).status()).isEqualTo(422);
        assertThat(post("prescriber", c + "/dose-approvals", approval()).status()).isEqualTo(200);
        assertThat(post("therapist", c + "/corrections", Map.of("entryNumber", 3, "correction", "preparation was 45 minutes",
                "reason", "charted from memory")).status()).isEqualTo(200);

        JsonNode events = get("auditor", c + "/history").body().at("/events");
        assertThat(events.get(3).at("/type").asText()).isEqualTo("DoseApprovalRefused");
        assertThat(events.get(3).at("/signature").isMissingNode() || events.get(3).at("/signature").isNull()).isTrue();
        JsonNode approved = events.get(4);
        assertThat(approved.at("/type").asText()).isEqualTo("DoseApproved");
        assertThat(approved.at("/signature/name").asText()).isEqualTo("Dr Ben Prescriber");
        assertThat(approved.at("/signature/meaning").asText()).isEqualTo("approval");
        JsonNode corrected = events.get(5);
        assertThat(corrected.at("/type").asText()).isEqualTo("EntryCorrected");
        assertThat(corrected.at("/signature/name").asText()).isEqualTo("Cy Therapist");
        assertThat(corrected.at("/signature/meaning").asText()).isEqualTo("authorship");

        String exported = get("auditor", c + "/export").raw();
        assertThat(exported).contains("\"signature.method\":\"password re-entered\"").contains("\"signature.signer\":\"prescriber\"")
                .contains("\"signature.seal\":");
        assertThat(get("auditor", c + "/verification").body().at("/intact").asBoolean()).isTrue();
    }
}
