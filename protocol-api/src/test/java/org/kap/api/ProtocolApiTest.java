package org.kap.api;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Publishing protocol text: checked, immutable per version, idempotent for the same text; read back with rules and hash. */
class ProtocolApiTest extends ApiTest {

    private static final String MINIMAL = """
            protocol "tiny" version %d
            status active
            indications: depression
            dosing route IM:
              rule DOSE-IM-MAX: max %s mg/kg per session message "IM maximum" cite "test"
            observation:
              rule OBS-MIN: at least 120 min after dose_start message "Two hours" cite "test"
            """;

    @Test
    void the_same_text_publishes_once_and_different_text_under_the_same_version_is_a_conflict() {
        Answer first = post("designer", "/api/v1/protocols", MINIMAL.formatted(1, "1.0"));
        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        assertThat(first.headers().getLocation()).hasToString("/api/v1/protocols/tiny/versions/1");
        assertThat(first.text("/protocol/sourceSha256")).hasSize(64);
        assertThat(first.text("/protocol/publishedBy")).isEqualTo("designer");

        Answer again = post("designer", "/api/v1/protocols", MINIMAL.formatted(1, "1.0"));
        assertThat(again.status()).as("idempotent").isEqualTo(200);
        assertThat(again.text("/protocol/sourceSha256")).isEqualTo(first.text("/protocol/sourceSha256"));

        Answer changed = post("designer", "/api/v1/protocols", MINIMAL.formatted(1, "1.5"));
        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.text("/type")).isEqualTo("/problems/protocol-version-exists");

        assertThat(post("designer", "/api/v1/protocols", MINIMAL.formatted(2, "1.5")).status()).isEqualTo(201);
        Answer list = get("auditor", "/api/v1/protocols");
        assertThat(list.body().findValuesAsText("id")).contains("tiny");
        assertThat(list.body()).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void a_version_reads_back_with_its_compiled_rules_and_source() {
        post("designer", "/api/v1/protocols", MINIMAL.formatted(7, "0.8"));
        Answer v = get("clinician", "/api/v1/protocols/tiny/versions/7");
        assertThat(v.status()).isEqualTo(200);
        assertThat(v.text("/rules/0/id")).isEqualTo("DOSE-IM-MAX");
        assertThat(v.text("/rules/0/parameters")).isEqualTo("at most 0.8 mg/kg per session, boosters included");
        assertThat(v.text("/rules/0/citation")).isEqualTo("test");
        assertThat(v.text("/sourceText")).isEqualTo(MINIMAL.formatted(7, "0.8"));
        assertThat(get("clinician", "/api/v1/protocols/tiny/versions/99").status()).isEqualTo(404);
    }

    @Test
    void text_with_errors_is_refused_with_every_error_and_its_position_and_publishes_nothing() {
        String broken = """
                protocol "broken" version 1
                status active
                dosing route IM:
                  rule DOSE-IM-MAX: max 1 mmHg per session message "m" cite "c"
                  rule DOSE-IM-MAX: max 1 mg/kg per sessoin message "m" cite "c"
                """;
        Answer refused = post("designer", "/api/v1/protocols", broken);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("/type")).isEqualTo("/problems/protocol-check-failed");
        assertThat(refused.body().at("/errors").findValuesAsText("line")).contains("4", "5");
        assertThat(refused.raw()).contains("not mmHg").contains("duplicate rule id DOSE-IM-MAX").contains("sessoin");
        assertThat(get("designer", "/api/v1/protocols/broken/versions/1").status()).isEqualTo(404);
    }

    @Test
    void only_a_protocol_designer_publishes_and_a_course_cannot_be_screened_under_a_draft() {
        assertThat(post("clinician", "/api/v1/protocols", MINIMAL.formatted(3, "1.0")).status()).isEqualTo(403);
        String draft = MINIMAL.formatted(4, "1.0").replace("status active", "status draft");
        assertThat(post("designer", "/api/v1/protocols", draft).status()).isEqualTo(201);
        Answer screened = post("clinician", "/api/v1/courses", Map.of("clientId", "client-draft",
                "protocol", Map.of("id", "tiny", "version", 4), "indication", "depression",
                "at", Instant.now().minus(1, ChronoUnit.HOURS).toString(), "profile", profile(30, "70 kg")));
        assertThat(screened.status()).isEqualTo(409);
        assertThat(screened.text("/detail")).contains("draft");
    }
}
