package org.kap.api.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;
import org.kap.api.StoredEventRows;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows altered directly in the database, as an insider could, are detected at the exact sequence:
 * a flipped payload byte, changed metadata, a deleted event, two swapped events, a signature copied
 * onto another record. Runs on H2 and, with -Ppostgres, on PostgreSQL.
 */
class TamperEvidenceApiTest extends ApiTest {

    @Autowired
    JdbcTemplate jdbc;


    /** A course of nine events: 0 screened, 1 consent, 2 preparation, 3 dose approved (signed), 4 session, 5-6 vitals, 7 discharged, 8 obligation. */
    private String course() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        String id = "tamper-" + UUID.randomUUID();
        String c = "/api/v1/courses/" + id;
        Instant t = Instant.now().minus(4, ChronoUnit.DAYS);
        assertThat(post("clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-t",
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", t.toString(),
                "profile", profile(40, "80 kg"))).status()).isEqualTo(201);
        post("clinician", c + "/consent", Map.of("at", t.plusSeconds(60).toString()));
        post("therapist", c + "/preparation-sessions", Map.of("at", t.plusSeconds(120).toString()));
        post("prescriber", c + "/dose-approvals", Map.of("route", "IM", "dose", "0.5 mg/kg", "at", t.plusSeconds(180).toString()));
        post("clinician", c + "/sessions", Map.of("setting", List.of("pulse_oximeter"), "at", t.plusSeconds(240).toString(),
                "preDoseVitals", Map.of("systolic", "120 mmHg", "diastolic", "80 mmHg")));
        post("clinician", c + "/vitals", Map.of("vitals", Map.of("measuredAt", t.plusSeconds(3000).toString(), "systolic", "125 mmHg")));
        post("clinician", c + "/vitals", Map.of("vitals", Map.of("measuredAt", t.plusSeconds(5000).toString(), "systolic", "122 mmHg")));
        Answer discharged = post("clinician", c + "/discharge", Map.of("scores", Map.of("moaas", 5), "escortPresent", true,
                "transport", "taxi", "at", t.plusSeconds(8000).toString()));
        assertThat(discharged.status()).as(discharged.raw()).isEqualTo(200);
        assertThat(get("auditor", c).body().at("/entries").asInt()).isEqualTo(9);
        return id;
    }

    private Answer verification(String id) {
        return get("auditor", "/api/v1/courses/" + id + "/verification");
    }

    private void brokenAt(String id, long sequence, String problem) {
        Answer v = verification(id);
        assertThat(v.status()).isEqualTo(200);
        assertThat(v.body().at("/intact").asBoolean()).isFalse();
        assertThat(v.body().at("/firstBrokenSequence").asLong()).isEqualTo(sequence);
        assertThat(v.text("/problem")).contains(problem);
    }

    @Test
    void an_untouched_course_verifies_and_the_approval_is_signed() {
        String id = course();
        Answer v = verification(id);
        assertThat(v.body().at("/intact").asBoolean()).isTrue();
        assertThat(v.body().at("/events").asInt()).isEqualTo(9);
        String metadata = new String(rows().column(id, 3, "metaData"), StandardCharsets.UTF_8);
        assertThat(metadata).contains("\"signature.name\":\"Dr Ben Prescriber\"").contains("\"signature.meaning\":\"approval\"");
        assertThat(get("clinician", "/api/v1/courses/" + id + "/verification").status()).as("auditors verify").isEqualTo(403);
    }

    @Test
    void a_flipped_payload_byte_is_found_at_its_event() {
        String id = course();
        byte[] payload = rows().column(id, 5, "payload");
        payload[payload.length / 2] ^= 0x01;
        rows().set(id, 5, "payload", payload);
        brokenAt(id, 5, "does not match its hash");
    }

    @Test
    void changed_metadata_is_found_at_its_event() {
        String id = course();
        String metadata = new String(rows().column(id, 2, "metaData"), StandardCharsets.UTF_8);
        rows().set(id, 2, "metaData", metadata.replace("\"actorId\":\"therapist\"", "\"actorId\":\"clinician\"").getBytes(StandardCharsets.UTF_8));
        brokenAt(id, 2, "does not match its hash");
    }

    @Test
    void a_deleted_event_is_found_where_it_is_missing() {
        String id = course();
        assertThat(jdbc.update("DELETE FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = 6", id)).isEqualTo(1);
        brokenAt(id, 6, "event 6 is missing");
    }

    @Test
    void two_swapped_events_are_found_at_the_first() {
        String id = course();
        byte[] two = rows().column(id, 2, "payload");
        byte[] five = rows().column(id, 5, "payload");
        String twoType = jdbc.queryForObject("SELECT payloadType FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = 2",
                String.class, id);
        String fiveType = jdbc.queryForObject("SELECT payloadType FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = 5",
                String.class, id);
        rows().set(id, 2, "payload", five);
        rows().set(id, 5, "payload", two);
        jdbc.update("UPDATE DomainEventEntry SET payloadType = ? WHERE aggregateIdentifier = ? AND sequenceNumber = 2", fiveType, id);
        jdbc.update("UPDATE DomainEventEntry SET payloadType = ? WHERE aggregateIdentifier = ? AND sequenceNumber = 5", twoType, id);
        brokenAt(id, 2, "does not match its hash");
    }

    @Test
    void a_signature_copied_onto_another_record_fails_verification() throws Exception {
        String id = course();
        Map<String, Object> signed = json.readValue(rows().column(id, 3, "metaData"), new TypeReference<>() { });
        Map<String, Object> other = json.readValue(rows().column(id, 7, "metaData"), new TypeReference<>() { });
        signed.forEach((key, value) -> {
            if (key.startsWith("signature.")) {
                other.put(key, value);
            }
        });
        rows().set(id, 7, "metaData", json.writeValueAsBytes(other));
        brokenAt(id, 7, "signature of Dr Ben Prescriber is not bound to this record");
    }

    private StoredEventRows rows() {
        return new StoredEventRows(jdbc);
    }
}
