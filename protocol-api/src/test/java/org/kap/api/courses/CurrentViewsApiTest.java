package org.kap.api.courses;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;
import org.kap.api.StoredEventRows;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A course read again is answered from the view its last read folded, but only while that view is still the
 * course: an act since, a last stored row changed, or a protocol that no longer loads as it did, and the course is
 * folded again. A stale view would show a clinician a course that is not the record.
 */
class CurrentViewsApiTest extends ApiTest {

    private static final String ICD = "http://hl7.org/fhir/sid/icd-10-cm";

    @Autowired
    JdbcTemplate jdbc;


    /** A course screened with a diagnosis of {@code icd10} (F33.1 eligible; F20.9 in the protocol's psychotic_disorders). */
    private String screened(String icd10) {
        assertThat(publish("coded-test.kap").status()).isIn(200, 201);
        String id = "views-" + UUID.randomUUID();
        assertThat(post("clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-v",
                "protocol", Map.of("id", "coded-test", "version", 1), "indication", "depression",
                "profile", profile(40, "80 kg", "diagnoses", List.of(Map.of("system", ICD, "code", icd10)),
                        "medications", List.of()))).status()).isEqualTo(201);
        return id;
    }

    private JsonNode read(String id) {
        Answer answer = get("clinician", "/api/v1/courses/" + id);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return answer.body();
    }

    private JsonNode state(String id) {
        Answer answer = get("auditor", "/api/v1/courses/" + id + "/state");
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return answer.body();
    }

    @Test
    void an_act_since_the_last_read_is_in_the_next_read() {
        String id = screened("F33.1");
        JsonNode first = read(id);
        assertThat(read(id)).isEqualTo(first);
        assertThat(state(id)).isEqualTo(first);

        assertThat(post("clinician", "/api/v1/courses/" + id + "/consent", Map.of()).status()).isEqualTo(200);

        JsonNode after = read(id);
        assertThat(after.at("/consented").asBoolean()).isTrue();
        assertThat(after.at("/entries").asLong()).isEqualTo(first.at("/entries").asLong() + 1);
        assertThat(state(id)).isEqualTo(after);
    }

    @Test
    void a_last_stored_row_changed_since_the_last_read_is_folded_again() {
        String id = screened("F33.1");
        assertThat(read(id).at("/clientId").asText()).isEqualTo("client-v");
        long last = jdbc.queryForObject("SELECT MAX(sequenceNumber) FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                Long.class, id);
        // what a view is kept against is the row's sequence and metadata (the chain hash it carries): one byte more
        renameClient(id, last);

        assertThat(read(id).at("/clientId").asText()).as("folded from the row as it is now").isEqualTo("client-w");
        assertThat(state(id).at("/clientId").asText()).isEqualTo("client-w");
    }

    /** The course folded from its first event by an auditor's read, which leans on nothing kept. */
    private JsonNode wholeFold(String id) {
        Answer answer = get("auditor", "/api/v1/courses/" + id + "/state?asRecordedBy=2100-01-01T00:00:00Z");
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return answer.body();
    }

    private void outcome(String id, int score, Instant at) {
        Answer answer = post("clinician", "/api/v1/courses/" + id + "/outcome-measures",
                Map.of("instrument", "phq9", "score", score, "at", at.toString()));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
    }

    @Test
    void a_read_after_acts_folds_on_from_the_last_read_to_what_a_whole_fold_gives() {
        String id = screened("F33.1");
        read(id);
        assertThat(post("clinician", "/api/v1/courses/" + id + "/consent", Map.of()).status()).isEqualTo(200);
        JsonNode consented = read(id);
        assertThat(consented.at("/consented").asBoolean()).isTrue();
        assertThat(consented).isEqualTo(wholeFold(id));
        Instant t = Instant.now();
        for (int act = 1; act <= 3; act++) {
            for (int score = 0; score < act; score++) {
                outcome(id, 10 + score, t.plusSeconds(act * 3L + score));
            }
            JsonNode after = read(id);
            assertThat(after).as("after act " + act).isEqualTo(wholeFold(id));
            assertThat(after.at("/entries").asLong()).isEqualTo(consented.at("/entries").asLong() + act * (act + 1) / 2);
        }
    }

    @Test
    void a_kept_fold_whose_last_row_changed_is_not_folded_on() {
        String id = screened("F33.1");
        assertThat(read(id).at("/clientId").asText()).isEqualTo("client-v");
        long folded = jdbc.queryForObject("SELECT MAX(sequenceNumber) FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                Long.class, id);
        assertThat(post("clinician", "/api/v1/courses/" + id + "/consent", Map.of()).status()).isEqualTo(200);

        // the row the last read folded up to, rewritten after the act: the next read may not carry on from it
        renameClient(id, folded);

        JsonNode after = read(id);
        assertThat(after.at("/clientId").asText()).as("folded from the rows as they are now").isEqualTo("client-w");
        assertThat(after.at("/consented").asBoolean()).isTrue();
    }

    @Test
    void the_course_as_of_an_instant_is_the_kept_view_only_when_every_entry_is_by_then() {
        String id = screened("F33.1");
        JsonNode screened = read(id);
        outcome(id, 12, Instant.now().plusSeconds(60));
        JsonNode now = read(id);
        assertThat(now.at("/entries").asLong()).isEqualTo(screened.at("/entries").asLong() + 1);

        JsonNode after = get("auditor", "/api/v1/courses/" + id + "/state?asOf=2100-01-01T00:00:00Z").body();
        assertThat(after).as("every entry happened by then: the course now").isEqualTo(now);
        JsonNode before = get("auditor", "/api/v1/courses/" + id + "/state?asOf=" + screened.at("/latestAct").asText()).body();
        assertThat(before.at("/entries").asLong()).as("the score is after the instant").isEqualTo(screened.at("/entries").asLong());
        assertThat(get("auditor", "/api/v1/courses/" + id + "/state?asOf=2100-01-01T00:00:00Z&asRecordedBy="
                + Instant.now().minusSeconds(3600)).status()).as("nothing of it was recorded an hour ago").isEqualTo(404);
    }

    @Test
    void a_protocol_that_no_longer_loads_as_it_did_is_read_again() {
        String id = screened("F20.9");
        assertThat(read(id).at("/client/codes/0/valueSets").toString()).isEqualTo("[\"psychotic_disorders v2\"]");
        String status = jdbc.queryForObject("SELECT status FROM protocol_version WHERE protocol_id = 'coded-test' AND version = 1",
                String.class);
        String changed = status.equals("retired") ? "active" : "retired";
        try {
            // a status no signed act gave: the catalog refuses the version, and a view shows it could not tell
            jdbc.update("UPDATE protocol_version SET status = ? WHERE protocol_id = 'coded-test' AND version = 1", changed);
            assertThat(read(id).at("/client/codes/0/valueSets").isNull()).as("not the kept view").isTrue();
        } finally {
            jdbc.update("UPDATE protocol_version SET status = ? WHERE protocol_id = 'coded-test' AND version = 1", status);
        }
        assertThat(read(id).at("/client/codes/0/valueSets").toString()).isEqualTo("[\"psychotic_disorders v2\"]");
    }

    /**
     * Rewrites the stored row {@code sequence} as a tamperer would: the client named client-w in its payload, and its
     * metadata (the chain hash it carries) one byte longer.
     */
    private void renameClient(String id, long sequence) {
        byte[] payload = rows().column(id, sequence, "payload");
        byte[] metadata = rows().column(id, sequence, "metaData");
        String edited = new String(payload, StandardCharsets.UTF_8).replace("\"client-v\"", "\"client-w\"");
        assertThat(edited).as("the row names the client").isNotEqualTo(new String(payload, StandardCharsets.UTF_8));
        rows().set(id, sequence, "payload", edited.getBytes(StandardCharsets.UTF_8));
        byte[] touched = Arrays.copyOf(metadata, metadata.length + 1);
        touched[metadata.length] = ' ';
        rows().set(id, sequence, "metaData", touched);
    }

    private StoredEventRows rows() {
        return new StoredEventRows(jdbc);
    }
}
