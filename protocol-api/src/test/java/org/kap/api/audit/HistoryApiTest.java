package org.kap.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The auditor's view: the full history in order, the course as of any instant, corrections linked, reads recorded. */
class HistoryApiTest extends ApiTest {

    @Test
    void the_history_holds_every_act_in_order_with_who_when_protocol_findings_chain_and_signatures() throws InterruptedException {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        String id = "history-" + UUID.randomUUID();
        String c = "/api/v1/courses/" + id;
        Instant t = Instant.now().minus(3, ChronoUnit.DAYS);
        post("clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-h",
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", t.toString(),
                "profile", profile(40, "80 kg")));
        post("clinician", c + "/consent", Map.of("at", t.plusSeconds(60).toString()));
        post("therapist", c + "/preparation-sessions", Map.of("at", t.plusSeconds(120).toString()));
        assertThat(post("prescriber", c + "/dose-approvals", Map.of("route", "IM", "dose", "0.7 mg/kg",
                "at", t.plusSeconds(170).toString())).status()).isEqualTo(422);
        Thread.sleep(20);
        Instant beforeApproval = Instant.now();
        Thread.sleep(20);
        assertThat(post("prescriber", c + "/dose-approvals", Map.of("route", "IM", "dose", "0.5 mg/kg",
                "at", t.plusSeconds(180).toString())).status()).isEqualTo(200);
        assertThat(post("clinician", c + "/corrections", Map.of("entryNumber", 3, "correction", "preparation was 50 minutes",
                "reason", "late note from the therapist")).status()).isEqualTo(200);

        Answer history = get("auditor", c + "/history");
        assertThat(history.status()).isEqualTo(200);
        JsonNode events = history.body().at("/events");
        assertThat(events.findValuesAsText("type")).containsExactly("ClientScreened", "ConsentRecorded",
                "PreparationSessionRecorded", "DoseApprovalRefused", "DoseApproved", "EntryCorrected");
        assertThat(events.findValuesAsText("sequence")).containsExactly("0", "1", "2", "3", "4", "5");
        JsonNode refused = events.get(3);
        assertThat(refused.at("/actorId").asText()).isEqualTo("prescriber");
        assertThat(refused.at("/actorRole").asText()).isEqualTo("prescriber");
        assertThat(refused.at("/protocolId").asText()).isEqualTo("api-test");
        assertThat(refused.at("/protocolVersion").asInt()).isEqualTo(1);
        assertThat(refused.at("/findings/0/ruleId").asText()).isEqualTo("DOSE-IM-START");
        assertThat(refused.at("/lateEntry").asBoolean()).as("recorded three days after it happened").isTrue();
        assertThat(refused.at("/correlationId").isTextual()).as("the command that recorded it").isTrue();
        assertThat(refused.at("/traceId").isTextual()).isTrue();
        assertThat(refused.at("/correlationId").asText()).as("each act is its own unit of work")
                .isNotEqualTo(events.get(4).at("/correlationId").asText());
        JsonNode approved = events.get(4);
        assertThat(approved.at("/signature/name").asText()).isEqualTo("Dr Ben Prescriber");
        assertThat(approved.at("/signature/meaning").asText()).isEqualTo("approval");
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).at("/previousHash").asText()).isEqualTo(events.get(i - 1).at("/hash").asText());
        }
        assertThat(events.get(2).at("/correctedBy").asLong()).as("the original links to its correction").isEqualTo(6);
        assertThat(events.get(5).at("/corrects").asLong()).isEqualTo(3);
        assertThat(events.get(5).at("/summary").asText()).contains("preparation was 50 minutes").contains("late note from the therapist");

        Answer page = get("auditor", c + "/history?page=1&size=4");
        assertThat(page.body().at("/events").findValuesAsText("sequence")).containsExactly("4", "5");
        assertThat(page.body().at("/total").asInt()).isEqualTo(6);

        Answer csv = get("auditor", c + "/history?format=csv");
        assertThat(csv.headers().getContentType().toString()).startsWith("text/csv");
        List<String> rows = List.of(csv.raw().split("\r\n"));
        assertThat(rows).hasSize(7);
        assertThat(rows.get(0)).startsWith("entry,sequence,type,clinical_time,recorded_time,late_entry,actor_id");
        assertThat(rows.get(5)).startsWith("5,4,DoseApproved,").contains(",Dr Ben Prescriber,approval,");
        assertThat(rows.get(6)).contains(",correction of #3: preparation was 50 minutes (reason: late note from the therapist),");

        Answer timeline = get("auditor", c + "/history?format=timeline");
        assertThat(events.findValuesAsText("entryNumber")).as("numbered in the course from 1, as corrections cite them")
                .containsExactly("1", "2", "3", "4", "5", "6");
        assertThat(timeline.raw()).contains("#4  ").contains("DoseApprovalRefused").contains("refusal DOSE-IM-START: first dose 0.7 mg/kg")
                .contains("signed by Dr Ben Prescriber (approval)").contains("corrected by #6");

        // the recording clock: the record as it stood then
        Answer then = get("auditor", c + "/state?asRecordedBy=" + beforeApproval);
        assertThat(then.body().at("/pendingApproval").isNull()).as("the approval was not yet recorded").isTrue();
        assertThat(then.body().at("/entries").asInt()).isEqualTo(4);
        Answer now = get("auditor", c + "/state?asRecordedBy=" + Instant.now().plusSeconds(1));
        Answer live = get("auditor", c);
        assertThat(now.body()).as("as recorded by now, the live state").isEqualTo(live.body());
        assertThat(get("auditor", c + "/state?asRecordedBy=" + t.minus(1, ChronoUnit.DAYS)).status()).isIn(404);

        // the clinical clock: what had happened by then, as known now
        Answer prepared = get("auditor", c + "/state?asOf=" + t.plusSeconds(150));
        assertThat(prepared.body().at("/pendingApproval").isNull()).as("no approval yet at that moment").isTrue();
        assertThat(prepared.body().at("/entries").asInt()).as("the preparation's later correction is about it, so it is in")
                .isEqualTo(6);
        assertThat(prepared.body().at("/preparationSessions").asInt()).isEqualTo(1);
        Answer approvedBy = get("auditor", c + "/state?asOf=" + t.plusSeconds(190));
        assertThat(approvedBy.body().at("/pendingApproval").isNull()).as("approved by then").isFalse();
        // both: what the record held, just before the approval was charted, of the course at that moment
        Answer known = get("auditor", c + "/state?asOf=" + t.plusSeconds(190) + "&asRecordedBy=" + beforeApproval);
        assertThat(known.body().at("/pendingApproval").isNull()).as("charted only later").isTrue();
        assertThat(known.body().at("/entries").asInt()).isEqualTo(4);
        assertThat(get("auditor", c + "/state?asOf=" + t.minus(1, ChronoUnit.DAYS)).status()).as("before the screening").isIn(404);

        assertThat(get("clinician", c + "/history").status()).as("history is for auditors").isEqualTo(403);
        Answer access = get("admin", "/api/v1/audit/access-events");
        assertThat(access.status()).isEqualTo(200);
        List<String> reads = access.body().findValues("what").stream().map(what -> what.at("/identifier/value").asText()).toList();
        assertThat(reads).contains(id);
        assertThat(access.body().get(0).at("/resourceType").asText()).isEqualTo("AuditEvent");
        assertThat(access.body().findValues("subtype").toString()).contains("history").contains("state");
        assertThat(access.body().findValuesAsText("outcome")).contains("0", "4");
        assertThat(get("auditor", "/api/v1/audit/access-events").status()).isEqualTo(403);
    }
}
