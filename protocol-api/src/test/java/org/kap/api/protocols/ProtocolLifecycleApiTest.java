package org.kap.api.protocols;

import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;
import org.springframework.test.context.TestPropertySource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A version's lifecycle with the default of two people: an active text waits for a second signature before it screens
 * anyone, the one who asked cannot approve, a draft is made active the same way, and a retired version screens no new
 * client while its courses go on under it.
 */
@TestPropertySource(properties = "kap.protocols.second-signature=true")
class ProtocolLifecycleApiTest extends ApiTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private static String text(String id, String status) {
        return """
                protocol "%s" version 1
                status %s
                dosing route IM:
                  rule DOSE-IM-MAX: max 1 mg/kg per session message "m" cite "c"
                observation:
                  rule OBS-MIN: at least 120 min after dose_start message "m" cite "c"
                """.formatted(id, status);
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String version(String id) {
        return "/api/v1/protocols/" + id + "/versions/1";
    }

    private Answer screen(String protocol, String course) {
        return post("clinician", "/api/v1/courses", Map.of("courseId", course, "clientId", "client-l",
                "protocol", Map.of("id", protocol, "version", 1), "indication", "depression",
                "at", Instant.now().minus(2, ChronoUnit.DAYS).toString(), "profile", profile(40, "80 kg")));
    }

    @Test
    void an_active_text_waits_for_a_second_signature_and_the_first_signer_cannot_give_it() {
        String id = id("two-people");
        assertThat(post("designer", "/api/v1/protocols", text(id, "active")).status()).isEqualTo(201);
        assertThat(get("auditor", version(id)).text("/protocol/status")).isEqualTo("awaiting_approval");
        Answer early = screen(id, "early-" + UUID.randomUUID());
        assertThat(early.status()).as(early.raw()).isEqualTo(409);
        assertThat(early.text("/detail")).contains("only an active protocol screens new clients");

        Answer self = post("designer", version(id) + "/approval", Map.of());
        assertThat(self.status()).isEqualTo(409);
        assertThat(self.text("/detail")).isEqualTo("protocol " + id + " v1: designer asked for its activation; a second designer or "
                + "an admin approves it");
        assertThat(post("clinician", version(id) + "/approval", Map.of()).status()).as("a clinician may not").isEqualTo(403);

        Answer approved = post("admin", version(id) + "/approval", Map.of());
        assertThat(approved.status()).as(approved.raw()).isEqualTo(200);
        assertThat(approved.text("/status")).isEqualTo("active");
        assertThat(screen(id, "later-" + UUID.randomUUID()).status()).isEqualTo(201);
        // the approval is recorded with its signer and how they signed, as a course's signed acts are
        List<String> recorded = jdbc.queryForList("SELECT payloadType FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                + "ORDER BY sequenceNumber", String.class, id + ":1");
        assertThat(recorded).extracting(type -> type.replaceAll(".*[.$]", ""))
                .containsExactly("ProtocolPublished", "ActivationRequested", "Activated");
        byte[] metadata = jdbc.queryForObject("SELECT metaData FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = 2",
                byte[].class, id + ":1");
        byte[] payload = jdbc.queryForObject("SELECT payload FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = 2",
                byte[].class, id + ":1");
        assertThat(new String(metadata, java.nio.charset.StandardCharsets.UTF_8)).contains("\"signature.method\"");
        assertThat(new String(payload, java.nio.charset.StandardCharsets.UTF_8)).contains("\"requestedBy\":\"designer\"")
                .contains("\"approvedBy\":\"admin\"");
        assertThat(post("admin", version(id) + "/approval", Map.of()).status()).as("nothing awaits approval").isEqualTo(409);
    }

    @Test
    void a_draft_is_made_active_by_two_people_too() {
        String id = id("drafted");
        assertThat(post("designer", "/api/v1/protocols", text(id, "draft")).status()).isEqualTo(201);
        assertThat(get("auditor", version(id)).text("/protocol/status")).isEqualTo("draft");
        assertThat(post("admin", version(id) + "/approval", Map.of()).status()).as("nobody asked yet").isEqualTo(409);
        Answer asked = post("designer", version(id) + "/activation", Map.of());
        assertThat(asked.status()).as(asked.raw()).isEqualTo(200);
        assertThat(asked.text("/status")).isEqualTo("awaiting_approval");
        assertThat(post("admin", version(id) + "/approval", Map.of()).text("/status")).isEqualTo("active");
        assertThat(post("designer", version(id) + "/activation", Map.of()).status()).as("not a draft any more").isEqualTo(409);
    }

    @Test
    void a_status_changed_where_it_is_stored_is_not_obeyed() {
        // a draft made active by hand, with no signed act: refused, and verification says so
        String drafted = id("forged");
        post("designer", "/api/v1/protocols", text(drafted, "draft"));
        jdbc.update("UPDATE protocol_version SET status = 'active' WHERE protocol_id = ?", drafted);
        Answer forged = screen(drafted, "forged-" + UUID.randomUUID());
        assertThat(forged.status()).as(forged.raw()).isEqualTo(503);
        assertThat(forged.text("/detail")).contains("protocol " + drafted + " v1: its status 'active' is not the one it was published "
                + "with ('draft'), and no signed act made it so");

        // a retirement undone by hand: the retirement's seal does not vouch for 'active'
        String retired = id("unretired");
        post("designer", "/api/v1/protocols", text(retired, "active"));
        post("admin", version(retired) + "/approval", Map.of());
        String course = "unretired-" + UUID.randomUUID();
        assertThat(screen(retired, course).status()).isEqualTo(201);
        post("designer", version(retired) + "/retirement", Map.of("reason", "replaced"));
        jdbc.update("UPDATE protocol_version SET status = 'active' WHERE protocol_id = ?", retired);
        Answer undone = screen(retired, "undone-" + UUID.randomUUID());
        assertThat(undone.status()).as(undone.raw()).isEqualTo(503);
        assertThat(undone.text("/detail")).contains("its status 'active' is not the one its lifecycle acts sealed");
        Answer verdict = get("auditor", "/api/v1/courses/" + course + "/verification");
        assertThat(verdict.body().at("/intact").asBoolean()).as(verdict.raw()).isFalse();
        assertThat(verdict.text("/problem")).contains("is not the one its lifecycle acts sealed");
    }

    @Test
    void a_retired_version_screens_no_new_client_and_its_courses_go_on() {
        String id = id("retiring");
        post("designer", "/api/v1/protocols", text(id, "active"));
        post("admin", version(id) + "/approval", Map.of());
        String course = "pinned-" + UUID.randomUUID();
        assertThat(screen(id, course).status()).isEqualTo(201);

        assertThat(post("designer", version(id) + "/retirement", Map.of()).status()).as("a reason is required").isEqualTo(400);
        assertThat(post("auditor", version(id) + "/retirement", Map.of("reason", "x")).status()).as("an auditor may not").isEqualTo(403);
        assertThat(post("therapist", version(id) + "/activation", Map.of()).status()).as("a therapist may not").isEqualTo(403);
        Answer retired = post("designer", version(id) + "/retirement", Map.of("reason", "replaced by version 2"));
        assertThat(retired.status()).as(retired.raw()).isEqualTo(200);
        assertThat(retired.text("/status")).isEqualTo("retired");

        Answer refused = screen(id, "new-" + UUID.randomUUID());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("/detail")).contains("is retired; only an active protocol screens new clients");
        Answer consent = post("clinician", "/api/v1/courses/" + course + "/consent",
                Map.of("at", Instant.now().minus(1, ChronoUnit.DAYS).toString()));
        assertThat(consent.status()).as("the course pinned to it goes on: " + consent.raw()).isEqualTo(200);
        assertThat(post("designer", version(id) + "/retirement", Map.of("reason", "again")).status()).isEqualTo(409);
        assertThat(post("designer", "/api/v1/protocols/no-such/versions/1/retirement", Map.of("reason", "x")).status()).isEqualTo(404);
    }
}
