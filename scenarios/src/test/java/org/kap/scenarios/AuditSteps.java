package org.kap.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import io.cucumber.java.After;
import io.cucumber.java.Scenario;
import io.cucumber.java.en.Then;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the course and its audit trail show, read as an auditor would; and, after every journey, the
 * check that the history holds each act the journey sent, in order, and that its chain is intact.
 */
public class AuditSteps {

    private final Journey journey;

    public AuditSteps(Journey journey) {
        this.journey = journey;
    }

    @Then("the course is halted by {rule}")
    public void halted(String rule) {
        assertThat(journey.course().path("haltedBy").asText()).isEqualTo(rule);
    }

    @Then("the course is no longer halted")
    public void notHalted() {
        assertThat(journey.course().path("haltedBy").isNull()).as(journey.course().toString()).isTrue();
    }

    @Then("the course is {word}")
    public void status(String status) {
        assertThat(journey.course().path("status").asText()).isEqualTo(status);
    }

    @Then("the course runs under {word} version {int}")
    public void pinned(String protocol, int version) {
        JsonNode course = journey.course();
        assertThat(course.path("protocolId").asText()).isEqualTo(protocol);
        assertThat(course.path("protocolVersion").asInt()).isEqualTo(version);
    }

    /** The auditor's what-if: every recorded decision re-derived under another version; nothing is recorded. */
    @Then("re-deciding the course under {word} version {int} would refuse its {string} by {rule}")
    public void whatIf(String protocol, int version, String act, String rule) {
        Engine.Answer report = journey.engine().post("auditor", "/api/v1/courses/" + journey.courseId() + "/what-if",
                java.util.Map.of("protocol", java.util.Map.of("id", protocol, "version", version)));
        assertThat(report.status()).as(report.raw()).isEqualTo(200);
        assertThat(report.body().path("differences")).as(report.raw()).anySatisfy(difference -> {
            assertThat(difference.path("act").asText()).isEqualTo(act);
            assertThat(difference.path("wouldBeOutcome").asText()).isEqualTo("refused");
            assertThat(AnswerSteps.findings(difference.path("wouldBe"), "refusal")).contains(rule);
        });
    }

    @Then("the history shows {string}")
    public void historyShows(String text) {
        assertThat(summaries()).anySatisfy(summary -> assertThat(summary).contains(text));
    }

    @Then("the history does not show {string}")
    public void historyDoesNotShow(String text) {
        assertThat(summaries()).noneSatisfy(summary -> assertThat(summary).contains(text));
    }

    @Then("the history shows {string} as a late entry, recorded {int} min after it happened")
    public void lateEntry(String text, int minutes) {
        JsonNode entry = entry(text);
        assertThat(entry.path("lateEntry").asBoolean()).as(entry.toString()).isTrue();
        assertThat(Duration.between(Instant.parse(entry.path("clinicalTime").asText()), Instant.parse(entry.path("recordedTime").asText())))
                .isEqualTo(Duration.ofMinutes(minutes));
    }

    @Then("the history shows {string} recorded as it happened")
    public void onTime(String text) {
        JsonNode entry = entry(text);
        assertThat(entry.path("lateEntry").asBoolean()).as(entry.toString()).isFalse();
    }

    @Then("the history links the entry {string} and its correction both ways")
    public void correctionLinked(String text) {
        JsonNode original = entry(text);
        List<JsonNode> history = journey.history(journey.courseId());
        long correctedBy = original.path("correctedBy").asLong();
        assertThat(correctedBy).as("the original names its correction: %s", original).isPositive();
        JsonNode correction = history.stream().filter(e -> e.path("entryNumber").asLong() == correctedBy).findFirst()
                .orElseThrow(() -> new AssertionError("no entry " + correctedBy));
        assertThat(correction.path("type").asText()).isEqualTo("EntryCorrected");
        assertThat(correction.path("corrects").asLong()).isEqualTo(original.path("entryNumber").asLong());
    }

    @Then("the history signs {string} by {string} meaning {string}")
    public void signed(String text, String name, String meaning) {
        JsonNode entry = entry(text);
        assertThat(entry.path("signature").path("name").asText()).as(entry.toString()).isEqualTo(name);
        assertThat(entry.path("signature").path("meaning").asText()).isEqualTo(meaning);
    }

    @Then("session {int} is observed for {int} min more by {rule}")
    public void extended(int session, int minutes, String rule) {
        String duration = minutes < 60 ? minutes + " min"
                : minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
        historyShows("observation of session " + session + " extended by " + duration + " (" + rule + ")");
    }

    @Then("the open obligations list an overdue {word} created by {rule}")
    public void overdue(String kind, String rule) {
        JsonNode listed = obligations("overdue");
        assertThat(listed).as("the obligations list, as of the engine's clock").anySatisfy(o -> {
            assertThat(o.path("kind").asText()).isEqualTo(kind);
            assertThat(o.path("ruleId").asText()).isEqualTo(rule);
            assertThat(o.path("overdue").asBoolean()).isTrue();
        });
    }

    /** A refused attempt leaves nothing on the course, but the access records keep who tried what (HIPAA 164.312(b)). */
    @Then("the attempt is in the access records, refused to the {role}")
    public void refusedAttemptRecorded(String role) {
        String request = journey.lastRequest();
        Engine.Answer records = journey.engine().get("admin", "/api/v1/audit/access-events?limit=1000");
        assertThat(records.status()).as(records.raw()).isEqualTo(200);
        List<JsonNode> attempts = StreamSupport.stream(records.body().spliterator(), false)
                .filter(r -> r.at("/entity/0/detail/0/valueString").asText().equals(request)).toList();
        assertThat(attempts).as("one access record of %s", request).singleElement().satisfies(r -> {
            assertThat(r.at("/subtype/0/code").asText()).isEqualTo("forbidden");
            assertThat(r.at("/agent/0/who/identifier/value").asText()).as("the demo user of the role").isEqualTo(role);
            assertThat(r.at("/agent/0/role/0/text").asText()).isEqualTo(Act.ROLE_OF_USER.get(role));
            assertThat(r.at("/outcome").asText()).isEqualTo("4");
        });
    }

    @Then("no obligation of the course is overdue")
    public void noneOverdue() {
        assertThat(obligations("overdue")).isEmpty();
    }

    /** The obligation list is a read model fed asynchronously; it is read until it has caught up with the course. */
    private JsonNode obligations(String status) {
        long expected = StreamSupport.stream(journey.course().path("obligations").spliterator(), false).count();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            JsonNode all = journey.engine().get("clinician", "/api/v1/obligations?status=all&courseId=" + journey.courseId()).body()
                    .path("obligations");
            long fulfilled = StreamSupport.stream(journey.course().path("obligations").spliterator(), false)
                    .filter(o -> !o.path("fulfilledAt").isNull()).count();
            long listedFulfilled = StreamSupport.stream(all.spliterator(), false).filter(o -> !o.path("fulfilledAt").isNull()).count();
            if (all.size() == expected && listedFulfilled == fulfilled) {
                return journey.engine().get("clinician", "/api/v1/obligations?status=" + status + "&courseId=" + journey.courseId()).body()
                        .path("obligations");
            }
            assertThat(System.nanoTime()).as("the obligation list caught up with the course within 20 s").isLessThan(deadline);
            sleep();
        }
    }

    /**
     * After every journey: for each course it touched, the history holds every act the journey sent
     * that the engine recorded (allowed or refused), in the order sent, each opening its own unit of
     * work as the role that sent it, refusals naming the rules the answer named; acts the engine
     * rejected left nothing; and the verification endpoint reports the chain intact.
     */
    @After
    public void auditTrailHoldsEveryActInOrder(Scenario scenario) {
        if (scenario.isFailed()) {
            // what the engine recorded, beside the failure, for the journey's author
            journey.courses().forEach(course -> System.out.println(timeline(course)));
            return;
        }
        journey.requireUncheckedAnswerPlainlyAllowed();
        for (String course : journey.courses()) {
            List<Act> acts = journey.journal().stream().filter(a -> a.courseId().equals(course) && a.recorded()).toList();
            List<JsonNode> history = journey.history(course);
            List<List<JsonNode>> units = unitsOfWork(history);
            assertThat(units).as("units of work recorded for %s, one per act %s", course, acts).hasSameSizeAs(acts);
            for (int i = 0; i < acts.size(); i++) {
                Act act = acts.get(i);
                JsonNode first = units.get(i).get(0);
                assertThat(first.path("type").asText()).as("act %d of %s: %s", i + 1, course, act).isEqualTo(act.expectedEvent());
                assertThat(first.path("actorRole").asText()).as("who did act %d: %s", i + 1, act).isEqualTo(Act.ROLE_OF_USER.get(act.role()));
                assertThat(AnswerSteps.findings(first.path("findings"), "refusal")).as("rules that refused act %d", i + 1)
                        .containsAll(act.refusedBy());
            }
            JsonNode verification = journey.engine().get("auditor", "/api/v1/courses/" + course + "/verification").body();
            assertThat(verification.path("intact").asBoolean()).as("chain of %s: %s", course, verification).isTrue();
            assertThat(verification.path("events").asInt()).as("every event verified, the scheduler's marks included")
                    .isEqualTo(history.size());
            scenario.attach(timeline(course), "text/plain", "audit timeline of " + course);
        }
    }

    private String timeline(String course) {
        return journey.engine().get("auditor", "/api/v1/courses/" + course + "/history?format=timeline").raw();
    }

    /** Events grouped by the command that recorded them, in order; the overdue scheduler's marks are its own acts. */
    private static List<List<JsonNode>> unitsOfWork(List<JsonNode> history) {
        Map<String, List<JsonNode>> units = new LinkedHashMap<>();
        for (JsonNode event : history) {
            units.computeIfAbsent(event.path("correlationId").asText(), id -> new ArrayList<>()).add(event);
        }
        return units.values().stream().filter(unit -> !unit.get(0).path("type").asText().equals("ObligationOverdue")).toList();
    }

    private JsonNode entry(String text) {
        return journey.history(journey.courseId()).stream().filter(e -> e.path("summary").asText().contains(text))
                .reduce((first, second) -> second).orElseThrow(() -> new AssertionError("no entry reads '" + text + "'"));
    }

    private List<String> summaries() {
        return journey.history(journey.courseId()).stream().map(e -> e.path("summary").asText()).toList();
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
