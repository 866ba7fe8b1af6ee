package org.kap.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.kap.core.audit.ChainHasher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Libraries of value sets over the API: published like protocols (signed, sealed, immutable), imported by protocols
 * by name and version, and used only as the text that was published.
 */
class ValueSetLibraryApiTest extends ApiTest {

    private static final String ICD = "http://hl7.org/fhir/sid/icd-10-cm";

    @Autowired
    JdbcTemplate jdbc;

    private static String library(String id) {
        return """
                library "%s" version 1
                title "Shared terms"
                value sets:
                  set psychotic_disorders:
                    words schizophrenia
                    icd-10-cm F20-F29
                    cite "ICD-10-CM FY2025, block F20-F29"
                  set benzodiazepines:
                    words benzodiazepine
                    atc N05BA
                    cite "WHO ATC index 2025: N05BA"
                """.formatted(id);
    }

    private static String protocol(String id, String library) {
        return """
                protocol "%s" version 1
                status active
                import psychotic_disorders from "%s" version 1
                screening:
                  rule CI-PSYCHOSIS absolute: exclude when diagnosis in psychotic_disorders message "Psychotic disorder" cite "c"
                dosing route IM:
                  rule DOSE-IM-MAX: max 1 mg/kg per session message "m" cite "c"
                observation:
                  rule OBS-MIN: at least 120 min after dose_start message "m" cite "c"
                """.formatted(id, library);
    }

    /** A fresh library and a protocol importing it, both published; their ids. */
    private String[] published() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String library = "terms-" + suffix;
        String protocol = "importing-" + suffix;
        Answer lib = post("designer", "/api/v1/value-set-libraries", library(library));
        assertThat(lib.status()).as(lib.raw()).isEqualTo(201);
        Answer prot = post("designer", "/api/v1/protocols", protocol(protocol, library));
        assertThat(prot.status()).as(prot.raw()).isEqualTo(201);
        return new String[]{library, protocol};
    }

    private Answer screen(String protocol, String code) {
        return post("clinician", "/api/v1/courses", Map.of("courseId", "lib-" + UUID.randomUUID(), "clientId", "client-l",
                "protocol", Map.of("id", protocol, "version", 1), "indication", "depression",
                "profile", profile(40, "80 kg", "diagnoses", List.of(Map.of("system", ICD, "code", code)))));
    }

    @Test
    void the_example_library_publishes_and_reads_back_with_its_sets() throws Exception {
        try (var in = getClass().getResourceAsStream("/protocols/libraries/kap-terms-v1.kap")) {
            Answer published = post("designer", "/api/v1/value-set-libraries", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertThat(published.status()).as(published.raw()).isIn(200, 201);
            assertThat(published.body().at("/warnings").size()).as(published.raw()).isZero();
        }
        Answer list = get("auditor", "/api/v1/value-set-libraries");
        assertThat(list.body().findValuesAsText("id")).contains("kap-terms");
        Answer detail = get("auditor", "/api/v1/value-set-libraries/kap-terms/versions/1");
        assertThat(detail.status()).as(detail.raw()).isEqualTo(200);
        assertThat(detail.body().at("/valueSets").findValuesAsText("name")).contains("psychotic_disorders", "benzodiazepines");
        assertThat(detail.text("/sourceText")).startsWith("# The value sets the example protocols share");
        assertThat(get("auditor", "/api/v1/protocols").body().findValuesAsText("id")).as("a library is not a protocol")
                .doesNotContain("kap-terms");
        assertThat(get("auditor", "/api/v1/value-set-libraries/kap-terms/versions/9").status()).isEqualTo(404);
    }

    @Test
    void a_protocol_decides_on_an_imported_set_and_says_where_the_set_came_from() {
        String[] ids = published();
        Answer screened = screen(ids[1], "F20.9");
        assertThat(screened.status()).as(screened.raw()).isEqualTo(201);
        assertThat(screened.text("/eligible")).isEqualTo("false");
        assertThat(screened.body().at("/screeningFindings/0/limit").asText()).isEqualTo("psychotic_disorders v1");

        JsonNode set = get("auditor", "/api/v1/protocols/" + ids[1] + "/versions/1").body().at("/valueSets/0");
        assertThat(set.at("/name").asText()).isEqualTo("psychotic_disorders");
        assertThat(set.at("/library").asText()).isEqualTo(ids[0] + " v1");
        assertThat(set.at("/librarySha256").asText()).isEqualTo(ChainHasher.sha256(library(ids[0]).getBytes(StandardCharsets.UTF_8)));
        Answer library = get("auditor", "/api/v1/value-set-libraries/" + ids[0] + "/versions/1");
        assertThat(library.body().at("/importedBy").toString()).isEqualTo("[\"" + ids[1] + " v1\"]");
        assertThat(post("designer", "/api/v1/value-set-libraries", library(ids[0])).status()).as("the same text again").isEqualTo(200);
        Answer changed = post("designer", "/api/v1/value-set-libraries", library(ids[0]).replace("F20-F29", "F20-F28"));
        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.text("/detail")).startsWith("library " + ids[0] + " version 1 is already published with different text");
    }

    @Test
    void an_import_of_an_unpublished_library_and_texts_of_the_wrong_kind_are_422_and_publish_nothing() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Answer missing = post("designer", "/api/v1/protocols", protocol("orphan-" + suffix, "nowhere-" + suffix));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body().at("/errors/0/line").asInt()).isEqualTo(3);
        assertThat(missing.body().at("/errors/0/message").asText()).isEqualTo("library \"nowhere-" + suffix + "\" version 1 is not "
                + "found (no library of that id and version is published in this engine; publish it first (POST /api/v1/value-set-libraries))");

        Answer libraryAsProtocol = post("designer", "/api/v1/protocols", library("lib-" + suffix));
        assertThat(libraryAsProtocol.status()).isEqualTo(422);
        assertThat(libraryAsProtocol.body().at("/errors/0/message").asText()).contains("publish it at /api/v1/value-set-libraries");
        Answer protocolAsLibrary = post("designer", "/api/v1/value-set-libraries", protocol("p-" + suffix, published()[0]));
        assertThat(protocolAsLibrary.status()).isEqualTo(422);
        assertThat(protocolAsLibrary.body().at("/errors/0/message").asText()).contains("publish it at /api/v1/protocols");

        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        Answer clash = post("designer", "/api/v1/value-set-libraries", library("api-test").replace("version 1", "version 7"));
        assertThat(clash.status()).isEqualTo(422);
        assertThat(clash.body().at("/errors/0/message").asText())
                .isEqualTo("'api-test' is already the id of a published protocol; give this library another id");
        assertThat(get("auditor", "/api/v1/value-set-libraries").body().findValuesAsText("id"))
                .doesNotContain("lib-" + suffix, "p-" + suffix, "api-test");
    }

    @Autowired
    org.axonframework.commandhandling.gateway.CommandGateway commands;

    @Test
    void the_catalog_itself_refuses_a_library_under_a_protocols_id_even_past_the_publishers_check() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        String text = library("api-test").replace("version 1", "version 8");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> commands.sendAndWait(new org.kap.api.protocols.PublishProtocol(
                        "api-test:8", "api-test", 8, "active", "Shared terms", text,
                        ChainHasher.sha256(text.getBytes(StandardCharsets.UTF_8)), "designer", "library", null, false)))
                .isInstanceOf(org.kap.api.protocols.ProtocolVersionConflict.class)
                .hasMessage("'api-test' is already the id of a published protocol; give this library another id");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM protocol_version WHERE protocol_id = 'api-test' AND version = 8",
                Integer.class)).as("nothing was published").isZero();
    }

    @Test
    void a_publication_recorded_before_libraries_reads_as_a_protocols() throws Exception {
        org.kap.api.protocols.ProtocolPublished old = json.readValue("""
                {"publicationId":"kap-im:1","protocolId":"kap-im","version":1,"status":"active","title":"t","sourceText":"x",
                 "sourceSha256":"00","publishedBy":"kap-bootstrap","publishedAt":"2026-03-01T09:00:00Z","keyId":null,"signature":null}
                """, org.kap.api.protocols.ProtocolPublished.class);
        assertThat(old.kind()).isNull();
        assertThat(old.kindOrProtocol()).isEqualTo("protocol");
        assertThat(old.meaning()).isNull();
    }

    @Test
    void a_library_changed_in_the_database_stops_the_protocols_that_import_it_and_verification_names_it() {
        String[] ids = published();
        String course = "lib-course-" + UUID.randomUUID();
        Answer screened = post("clinician", "/api/v1/courses", Map.of("courseId", course, "clientId", "client-l",
                "protocol", Map.of("id", ids[1], "version", 1), "indication", "depression",
                "profile", profile(40, "80 kg", "diagnoses", List.of("schizophrenia"))));
        assertThat(screened.status()).as(screened.raw()).isEqualTo(201);
        assertThat(get("auditor", "/api/v1/courses/" + course + "/verification").body().at("/intact").asBoolean()).isTrue();

        // the strong attacker: schizophrenia no longer psychotic, and the recorded SHA-256 made to match
        String text = jdbc.queryForObject("SELECT source_text FROM protocol_version WHERE protocol_id = ?", String.class, ids[0]);
        String laxer = text.replace("words schizophrenia", "words schizophrenia_in_remission");
        jdbc.update("UPDATE protocol_version SET source_text = ?, source_sha256 = ? WHERE protocol_id = ?", laxer,
                ChainHasher.sha256(laxer.getBytes(StandardCharsets.UTF_8)), ids[0]);

        // a protocol this engine compiled before the change keeps deciding on the sets as published, never the changed ones
        Answer stillSealed = screen(ids[1], "F20.9");
        assertThat(stillSealed.status()).as(stillSealed.raw()).isEqualTo(201);
        assertThat(stillSealed.text("/eligible")).isEqualTo("false");

        Answer verdict = get("auditor", "/api/v1/courses/" + course + "/verification");
        assertThat(verdict.body().at("/intact").asBoolean()).as(verdict.raw()).isFalse();
        assertThat(verdict.text("/problem")).contains("protocol " + ids[1] + " v1 imports library " + ids[0] + " v1: its seal does not verify");
        Answer library = get("auditor", "/api/v1/value-set-libraries/" + ids[0] + "/versions/1");
        assertThat(library.status()).isEqualTo(503);

        // a protocol importing it that this engine has not compiled yet is not enforced at all
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        jdbc.update("UPDATE protocol_version SET source_text = ?, source_sha256 = ? WHERE protocol_id = ?", text,
                ChainHasher.sha256(text.getBytes(StandardCharsets.UTF_8)), ids[0]);
        Answer second = post("designer", "/api/v1/protocols", protocol("second-" + suffix, ids[0]));
        assertThat(second.status()).as(second.raw()).isEqualTo(201);
        jdbc.update("UPDATE protocol_version SET source_text = ?, source_sha256 = ? WHERE protocol_id = ?", laxer,
                ChainHasher.sha256(laxer.getBytes(StandardCharsets.UTF_8)), ids[0]);
        Answer refused = screen("second-" + suffix, "F20.9");
        assertThat(refused.status()).as(refused.raw()).isEqualTo(503);
        assertThat(refused.text("/detail")).contains("protocol second-" + suffix + " v1 imports library " + ids[0] + " v1");
    }
}
