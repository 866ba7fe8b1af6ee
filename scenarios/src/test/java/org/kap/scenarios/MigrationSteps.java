package org.kap.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Moving a course to another version of its protocol: the prescriber's preview, then the signed move. */
public class MigrationSteps {

    private final Journey journey;
    private JsonNode preview;

    public MigrationSteps(Journey journey) {
        this.journey = journey;
    }

    @When("on {moment}, the {role} previews moving the course to {word} version {int}")
    public void preview(Moment when, String role, String protocol, int version) {
        journey.happens(when);
        Engine.Answer answer = journey.engine().get(role, "/api/v1/courses/" + journey.courseId() + "/migrations/preview?version="
                + version);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        assertThat(answer.body().path("to").asText()).isEqualTo(protocol + " v" + version);
        preview = answer.body();
    }

    @Then("the preview shows rule {word} {word}")
    public void changed(String rule, String change) {
        assertThat(preview.path("changes")).as(preview.path("changes").toString()).anySatisfy(difference -> {
            assertThat(difference.path("entry").asText()).isEqualTo("rule " + rule);
            assertThat(difference.path("change").asText()).isEqualTo(change);
        });
    }

    @Then("the preview would allow the move now")
    public void moveAllowed() {
        assertThat(preview.path("notNow").isNull()).as(preview.toString()).isTrue();
        assertThat(preview.at("/move/outcome").asText()).as(preview.path("move").toString()).isEqualTo("allowed");
    }

    @Then("in the preview, the recorded {string} would have been refused by {rule}")
    public void historyDiffers(String act, String rule) {
        assertThat(preview.at("/history/differences")).as(preview.path("history").toString()).anySatisfy(difference -> {
            assertThat(difference.path("act").asText()).isEqualTo(act);
            assertThat(difference.path("wouldBeOutcome").asText()).isEqualTo("refused");
            assertThat(AnswerSteps.findings(difference.path("wouldBe"), "refusal")).contains(rule);
        });
    }

    @Then("in the preview, the next dose is allowed now and refused after the move by {rule}")
    public void nextDose(String rule) {
        JsonNode act = nextAct("dose approval");
        assertThat(act.at("/now/outcome").asText()).as(act.toString()).isEqualTo("allowed");
        assertThat(act.at("/afterMove/outcome").asText()).as(act.toString()).isEqualTo("refused");
        assertThat(AnswerSteps.findings(act.at("/afterMove/findings"), "refusal")).contains(rule);
    }

    private JsonNode nextAct(String name) {
        for (JsonNode act : preview.path("nextActs")) {
            if (act.path("act").asText().equals(name)) {
                return act;
            }
        }
        throw new AssertionError("the preview has no next act '" + name + "': " + preview.path("nextActs"));
    }

    @When("on {moment}, the {role} moves the course to {word} version {int}: {string}")
    public void move(Moment when, String role, String protocol, int version, String reason) {
        java.time.Instant at = journey.happens(when);
        Engine.Answer answer = journey.act(Act.Kind.MIGRATE, role, "/migrations", Map.of("protocol",
                Map.of("id", protocol, "version", version), "reason", reason, "at", at.toString()));
        if (answer.status() == 200) {
            journey.movedTo(version);
        }
    }

    @Then("the history shows the entries before the move under version {int}, the move and those after under version {int}")
    public void periods(int before, int after) {
        List<JsonNode> history = journey.history(journey.courseId());
        boolean moved = false;
        for (JsonNode entry : history) {
            moved |= entry.path("type").asText().equals("CourseMigrated");
            assertThat(entry.path("protocolVersion").asInt()).as(entry.toString()).isEqualTo(moved ? after : before);
        }
        assertThat(moved).as("the move is in the history").isTrue();
    }
}
