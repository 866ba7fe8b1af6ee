package org.kap.api.courses;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A prescriber moves a running course to version 2 of its protocol after a preview: the course records both versions
 * and from when each applied, and version 2's rules decide from the move on. A client version 2 excludes is not
 * moved, and the refusal is on the record.
 */
class MigrationApiTest extends ApiTest {

    private Instant t;
    @org.springframework.beans.factory.annotation.Autowired
    org.axonframework.commandhandling.gateway.CommandGateway commands;
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;
    @org.springframework.beans.factory.annotation.Autowired
    CourseQueries queries;

    @BeforeEach
    void publishBothVersions() {
        assertThat(publish("migration-test-v1.kap").status()).isIn(200, 201);
        assertThat(publish("migration-test-v2.kap").status()).isIn(200, 201);
        t = Instant.now().minus(20, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
    }

    private String at(long minutes) {
        return t.plus(minutes, ChronoUnit.MINUTES).toString();
    }

    /** A course under version 1, screened at {@code age}, consented and prepared. */
    private String course(int age) {
        String id = "migrate-" + UUID.randomUUID();
        Answer screened = post("clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-m",
                "protocol", Map.of("id", "migration-test", "version", 1), "indication", "depression", "at", at(0),
                "profile", profile(age, "80 kg", "diagnoses", List.of("major_depressive_disorder"))));
        assertThat(screened.status()).as(screened.raw()).isEqualTo(201);
        String c = "/api/v1/courses/" + id;
        assertThat(post("clinician", c + "/consent", Map.of("at", at(5))).status()).isEqualTo(200);
        assertThat(post("therapist", c + "/preparation-sessions", Map.of("at", at(60))).status()).isEqualTo(200);
        return c;
    }

    /** One IM session of 0.5 mg/kg (40 mg at 80 kg) on day 2, discharged and integrated, its monitoring form sent. */
    private void session(String c) {
        long m = 2 * 24 * 60;
        assertThat(post("prescriber", c + "/dose-approvals", Map.of("route", "IM", "dose", "0.5 mg/kg", "at", at(m))).status())
                .isEqualTo(200);
        Answer started = post("clinician", c + "/sessions", Map.of("setting", List.of("pulse_oximeter"), "at", at(m + 10),
                "preDoseVitals", Map.of("measuredAt", at(m + 5), "systolic", "126 mmHg", "diastolic", "80 mmHg")));
        assertThat(started.status()).as(started.raw()).isEqualTo(200);
        Answer discharged = post("clinician", c + "/discharge", Map.of("scores", Map.of("moaas", 5), "escortPresent", true,
                "transport", "driven_by_escort", "at", at(m + 135)));
        assertThat(discharged.status()).as(discharged.raw()).isEqualTo(200);
        assertThat(post("therapist", c + "/integrations", Map.of("at", at(m + 24 * 60 + 200))).status()).isEqualTo(200);
        String form = get("clinician", c).text("/obligations/0/id");
        assertThat(post("clinician", c + "/obligations/" + form + "/fulfilment", Map.of("at", at(m + 24 * 60 + 210))).status())
                .isEqualTo(200);
    }

    private Map<String, Object> move(int version, long minutes) {
        return Map.of("protocol", Map.of("id", "migration-test", "version", version),
                "reason", "the clinic adopted version " + version + " after review", "at", at(minutes));
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.path(field).asText()));
        return values;
    }

    @Test
    void a_course_is_moved_after_a_preview_and_the_new_version_decides_from_then_on() {
        String c = course(44);
        session(c);

        Answer preview = get("prescriber", c + "/migrations/preview?version=2");
        assertThat(preview.status()).as(preview.raw()).isEqualTo(200);
        assertThat(preview.text("/from")).isEqualTo("migration-test v1");
        assertThat(preview.text("/to")).isEqualTo("migration-test v2");
        assertThat(preview.body().path("notNow").isNull()).as("nothing in the course's state stops the move").isTrue();
        assertThat(preview.text("/move/outcome")).isEqualTo("allowed");
        assertThat(texts(preview.body().path("changes"), "entry")).contains("rule CI-AGE-65", "rule DOSE-IM-MAX");
        assertThat(preview.body().at("/history/decisionsEvaluated").asInt()).as("the course's recorded decisions re-derived")
                .isPositive();
        JsonNode nextDose = null;
        for (JsonNode act : preview.body().path("nextActs")) {
            if (act.path("act").asText().equals("dose approval")) {
                nextDose = act;
            }
        }
        assertThat(nextDose).as("the next dose under both versions: " + preview.raw()).isNotNull();
        assertThat(nextDose.at("/now/outcome").asText()).as(nextDose.toString()).isEqualTo("allowed");
        assertThat(nextDose.at("/afterMove/outcome").asText()).isEqualTo("refused");
        assertThat(texts(nextDose.at("/afterMove/findings"), "ruleId")).contains("DOSE-IM-MAX");
        assertThat(get("clinician", c + "/migrations/preview?version=2").status()).as("a preview is the prescriber's")
                .isEqualTo(403);
        Answer access = get("admin", "/api/v1/audit/access-events?limit=1000");
        List<String> previewsRead = new ArrayList<>();
        access.body().forEach(event -> {
            if (event.path("outcome").asText().equals("0") && event.at("/agent/0/role/0/text").asText().equals("prescriber")) {
                previewsRead.add(event.at("/entity/0/detail/0/valueString").asText());
            }
        });
        assertThat(previewsRead).as("the prescriber's preview read the course: it is an access record")
                .anyMatch(request -> request.contains(c + "/migrations/preview"));

        assertThat(post("clinician", c + "/migrations", move(2, 5 * 24 * 60)).status()).as("only a prescriber moves a course")
                .isEqualTo(403);
        Answer moved = post("prescriber", c + "/migrations", move(2, 5 * 24 * 60));
        assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
        assertThat(moved.text("/outcome")).isEqualTo("allowed");

        Answer course = get("clinician", c);
        assertThat(course.body().path("protocolVersion").asInt()).isEqualTo(2);
        assertThat(course.body().path("protocols")).hasSize(2);
        assertThat(course.body().at("/protocols/0/protocolVersion").asInt()).isEqualTo(1);
        assertThat(course.body().at("/protocols/1/protocolVersion").asInt()).isEqualTo(2);
        long movedAt = course.body().at("/protocols/1/fromEntry").asLong();
        assertThat(course.body().at("/protocols/1/from").asText()).isEqualTo(at(5 * 24 * 60));

        // a long course after the move: read from its snapshot, it is the course folded from its first event
        String id = c.substring(c.lastIndexOf('/') + 1);
        for (int i = 1; i <= 120; i++) {
            commands.sendAndWait(org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage(
                    new org.kap.core.course.CourseCommand.RecordOutcomeMeasure(id, org.kap.core.outcome.Instrument.PHQ9, i % 27,
                            org.kap.core.course.Actor.of("clinician", org.kap.core.rule.Role.CLINICIAN),
                            t.plus(5 * 24 * 60, ChronoUnit.MINUTES).plusSeconds(i))));
        }
        // the snapshot is taken on its own thread, after the command that called for it is answered
        org.awaitility.Awaitility.await("snapshotted after the move").atMost(java.time.Duration.ofSeconds(20)).until(() ->
                jdbc.queryForObject("SELECT COUNT(*) FROM SnapshotEventEntry WHERE aggregateIdentifier = ?", Integer.class, id) > 0);
        assertThat(json.valueToTree(queries.current(id)).equals(json.valueToTree(queries.state(id))))
                .as("the course from its snapshot is the course from its first event").isTrue();

        Answer refused = post("prescriber", c + "/dose-approvals", Map.of("route", "IM", "dose", "0.5 mg/kg", "at", at(5 * 24 * 60 + 10)));
        assertThat(refused.status()).as("version 2's maximum decides now: " + refused.raw()).isEqualTo(422);
        assertThat(refused.raw()).contains("DOSE-IM-MAX").contains("\"protocolVersion\":2");
        assertThat(post("prescriber", c + "/migrations", move(2, 5 * 24 * 60 + 20)).status()).as("already under version 2")
                .isEqualTo(409);

        Answer history = get("auditor", c + "/history?size=100");
        assertThat(history.status()).as(history.raw()).isEqualTo(200);
        for (JsonNode item : history.body().path("events")) {
            int expected = item.path("entryNumber").asLong() < movedAt ? 1 : 2;
            assertThat(item.path("protocolVersion").asInt()).as("entry " + item.path("entryNumber") + " under the version then in force")
                    .isEqualTo(expected);
            if (item.path("type").asText().equals("CourseMigrated")) {
                assertThat(item.at("/signature/meaning").asText()).as("the move is signed").isEqualTo("approval");
                assertThat(item.path("summary").asText()).contains("migration-test v1").contains("migration-test v2");
            }
        }
        assertThat(get("auditor", c + "/verification").text("/intact")).isEqualTo("true");
    }

    @Test
    void a_client_the_new_version_excludes_is_not_moved_and_the_refusal_is_recorded() {
        String c = course(70);
        Answer preview = get("prescriber", c + "/migrations/preview?version=2");
        assertThat(preview.text("/move/outcome")).isEqualTo("refused");
        assertThat(texts(preview.body().at("/move/findings"), "ruleId")).contains("CI-AGE-65");

        Answer refused = post("prescriber", c + "/migrations", move(2, 120));
        assertThat(refused.status()).as(refused.raw()).isEqualTo(422);
        assertThat(refused.raw()).contains("CI-AGE-65");
        Answer course = get("clinician", c);
        assertThat(course.body().path("protocolVersion").asInt()).isEqualTo(1);
        assertThat(course.body().path("protocols")).hasSize(1);
        Answer history = get("auditor", c + "/history?size=100");
        assertThat(texts(history.body().path("events"), "type")).contains("MigrationRefused");
    }

    @Test
    void a_course_in_session_is_not_moved_and_the_preview_says_why() {
        String c = course(44);
        long m = 2 * 24 * 60;
        assertThat(post("prescriber", c + "/dose-approvals", Map.of("route", "IM", "dose", "0.4 mg/kg", "at", at(m))).status())
                .isEqualTo(200);
        Answer preview = get("prescriber", c + "/migrations/preview?version=2");
        assertThat(preview.text("/notNow")).contains("waits for its session");
        Answer conflict = post("prescriber", c + "/migrations", move(2, m + 5));
        assertThat(conflict.status()).as(conflict.raw()).isEqualTo(409);
        Answer otherProtocol = post("prescriber", c + "/migrations", Map.of("protocol", Map.of("id", "api-test", "version", 1),
                "reason", "wrong protocol", "at", at(m + 5)));
        assertThat(otherProtocol.status()).as(otherProtocol.raw()).isIn(400, 404);
    }
}
