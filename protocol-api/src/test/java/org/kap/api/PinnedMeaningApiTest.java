package org.kap.api;

import org.junit.jupiter.api.Test;
import org.kap.core.audit.ChainHasher;
import org.kap.core.protocol.ProtocolMeaning;
import org.kap.dsl.ProtocolCompiler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A published version means what its text compiled to at publication: the engine pins that meaning, refuses to decide
 * under a version its compiler now reads otherwise (naming the rules), and compares versions on what they mean.
 */
class PinnedMeaningApiTest extends ApiTest {

    @Autowired
    JdbcTemplate jdbc;

    private static String text(String id, int version, String maximum) {
        return """
                protocol "%s" version %d
                status active
                dosing route IM:
                  rule DOSE-IM-MAX: max %s mg/kg per session message "m" cite "c"
                spacing:
                  rule SPACING: interval at least 7 days message "m" cite "c"
                observation:
                  rule OBS-MIN: at least 120 min after dose_start message "m" cite "c"
                """.formatted(id, version, maximum);
    }

    private String published(int version, String maximum, String id) {
        Answer answer = post("designer", "/api/v1/protocols", text(id, version, maximum));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
        return id;
    }

    private Answer screen(String id) {
        return post("clinician", "/api/v1/courses", Map.of("courseId", "pin-" + UUID.randomUUID(), "clientId", "client-p",
                "protocol", Map.of("id", id, "version", 1), "indication", "depression", "profile", profile(40, "80 kg")));
    }

    @Test
    void a_version_is_published_with_its_meaning_pinned() {
        String id = published(1, "1", "pinned-" + UUID.randomUUID().toString().substring(0, 8));
        ProtocolMeaning meaning = ProtocolMeaning.of(ProtocolCompiler.compile("t.kap", text(id, 1, "1")).protocol());
        assertThat(get("auditor", "/api/v1/protocols/" + id + "/versions/1").text("/protocol/meaningSha256")).isEqualTo(meaning.sha256());
        assertThat(jdbc.queryForObject("SELECT meaning FROM protocol_version WHERE protocol_id = ?", String.class, id))
                .isEqualTo(meaning.canonical());
        assertThat(screen(id).status()).isEqualTo(201);
    }

    @Test
    void a_version_this_engine_reads_otherwise_than_at_publication_is_refused_naming_the_rule() {
        String id = published(1, "1", "repinned-" + UUID.randomUUID().toString().substring(0, 8));
        // as if the engine that published it had read "max 1 mg/kg" as 3 mg/kg: the pin says 3, today's compiler 1
        String pinned = jdbc.queryForObject("SELECT meaning FROM protocol_version WHERE protocol_id = ?", String.class, id);
        String other = pinned.replace("maximum=MilligramsPerKilogram(value=1)", "maximum=MilligramsPerKilogram(value=3)");
        assertThat(other).isNotEqualTo(pinned);
        jdbc.update("UPDATE protocol_version SET meaning = ?, meaning_sha256 = ? WHERE protocol_id = ?", other,
                ChainHasher.sha256(other.getBytes(StandardCharsets.UTF_8)), id);

        Answer refused = screen(id);
        assertThat(refused.status()).as(refused.raw()).isEqualTo(503);
        assertThat(refused.text("/type")).endsWith("protocol-meaning-changed");
        assertThat(refused.text("/detail")).startsWith("protocol " + id + " v1: this engine reads its text otherwise than it was "
                + "read at publication (rule DOSE-IM-MAX changed)");
        assertThat(refused.text("/differences/0/entry")).isEqualTo("rule DOSE-IM-MAX");
        assertThat(refused.text("/differences/0/published")).contains("value=3");
        assertThat(refused.text("/differences/0/now")).contains("value=1");
    }

    @Test
    void a_pin_removed_from_the_catalog_is_a_changed_record() {
        String id = published(1, "1", "unpinned-" + UUID.randomUUID().toString().substring(0, 8));
        jdbc.update("UPDATE protocol_version SET meaning = NULL, meaning_sha256 = NULL WHERE protocol_id = ?", id);
        Answer refused = screen(id);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.text("/detail")).contains("protocol " + id + " v1: its pinned meaning is missing from the catalog");
    }

    @Test
    void two_versions_are_compared_on_what_they_mean() {
        String id = "diffed-" + UUID.randomUUID().toString().substring(0, 8);
        published(1, "1", id);
        Answer second = post("designer", "/api/v1/protocols", text(id, 2, "1.50").replace(
                "spacing:\n  rule SPACING: interval at least 7 days message \"m\" cite \"c\"\n", ""));
        assertThat(second.status()).as(second.raw()).isEqualTo(201);
        Answer diff = get("auditor", "/api/v1/protocols/" + id + "/diff?from=1&to=2");
        assertThat(diff.status()).as(diff.raw()).isEqualTo(200);
        assertThat(diff.body().at("/differences").findValuesAsText("entry")).containsExactly("rule DOSE-IM-MAX", "rule SPACING");
        assertThat(diff.body().at("/differences").findValuesAsText("change")).containsExactly("changed", "removed");
        assertThat(diff.text("/differences/0/before")).contains("value=1)");
        assertThat(diff.text("/differences/0/after")).contains("value=1.5)");
        assertThat(get("auditor", "/api/v1/protocols/" + id + "/diff?from=1&to=1").body().at("/differences").size()).isZero();
        assertThat(get("auditor", "/api/v1/protocols/" + id + "/diff?from=1&to=9").status()).isEqualTo(404);
    }
}
