package org.kap.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import io.cucumber.java.en.Then;

import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the engine answered to the last act: allowed, allowed with a warning, refused by a rule
 * (with the values it saw), forbidden to the role, or rejected as not possible in the course's state.
 */
public class AnswerSteps {

    private final Journey journey;

    public AnswerSteps(Journey journey) {
        this.journey = journey;
    }

    @Then("the client is eligible")
    public void eligible() {
        JsonNode course = screened();
        assertThat(course.path("eligible").asBoolean()).as(course.toString()).isTrue();
        assertThat(course.path("screeningFindings")).as("no rule fired at screening").isEmpty();
    }

    @Then("the client is eligible, with warning(s) {rules}")
    public void eligibleWithWarning(List<String> rules) {
        JsonNode course = screened();
        assertThat(course.path("eligible").asBoolean()).as(course.toString()).isTrue();
        assertThat(findings(course.path("screeningFindings"), "warning")).as(course.toString())
                .containsExactlyInAnyOrderElementsOf(rules);
        assertThat(course.path("screeningFindings")).as(course.toString()).hasSize(rules.size());
    }

    /** Exactly these exclusions fired, and nothing else: a journey names every rule that fired, so none goes unseen. */
    @Then("the client is not eligible because of {rules}")
    public void notEligible(List<String> rules) {
        JsonNode course = screened();
        assertThat(course.path("eligible").asBoolean()).as(course.toString()).isFalse();
        assertThat(findings(course.path("screeningFindings"), "refusal")).as(course.toString())
                .containsExactlyInAnyOrderElementsOf(rules);
        assertThat(course.path("screeningFindings")).as(course.toString()).hasSize(rules.size());
    }

    @Then("it is allowed")
    public void allowed() {
        Journey.plainlyAllowed(journey.last(), "the last act");
    }

    /** Exactly these warnings, and nothing else fired: a reading's trigger and the adverse-event rules it set off. */
    @Then("it is allowed with warning(s) {rules}")
    public void allowedWithWarning(List<String> rules) {
        Engine.Answer answer = answered(200);
        assertThat(answer.body().path("outcome").asText()).as(answer.raw()).isEqualTo("allowed_with_warnings");
        assertThat(findings(answer.body().path("findings"), "warning")).as(answer.raw()).containsExactlyInAnyOrderElementsOf(rules);
        assertThat(answer.body().path("findings")).as(answer.raw()).hasSize(rules.size());
    }

    /** The rule fired, and the prescriber's override recorded before let the act through (and is used up). */
    @Then("it is allowed under the override of {rule}")
    public void allowedUnderOverride(String rule) {
        Engine.Answer answer = answered(200);
        assertThat(answer.body().path("outcome").asText()).as(answer.raw()).isNotEqualTo("refused");
        assertThat(findings(answer.body().path("findings"), "overridden")).as(answer.raw()).containsExactly(rule);
        assertThat(answer.body().path("findings")).as("nothing else fired: %s", answer.raw()).hasSize(1);
    }

    /** Exactly these rules refused: a journey names every rule that fired, so none goes unseen. */
    @Then("it is refused by {rules}")
    public void refused(List<String> rules) {
        Engine.Answer answer = answered(422);
        assertThat(findings(answer.body().path("violations"), "refusal")).as(answer.raw())
                .containsExactlyInAnyOrderElementsOf(rules);
    }

    @Then("it is refused by {rule}, which saw {string}")
    public void refusedSaw(String rule, String observed) {
        refused(List.of(rule));
        saw(rule, observed);
    }

    /**
     * What one of the rules that fired on the last act saw (a refusal's violation, a warning, or a screening's
     * finding), and the protocol version it judged under.
     */
    @Then("{rule} saw {string}")
    public void saw(String rule, String observed) {
        JsonNode body = journey.last().body();
        JsonNode findings = body.has("violations") ? body.path("violations")
                : body.has("screeningFindings") ? body.path("screeningFindings") : body.path("findings");
        JsonNode finding = finding(findings, rule);
        assertThat(finding.path("text").asText()).as("what %s saw", rule).contains(observed);
        assertThat(finding.path("protocolId").asText()).isEqualTo(journey.protocolId());
        assertThat(finding.path("protocolVersion").asInt()).as("the version the course was screened under")
                .isEqualTo(journey.pinnedVersion());
    }

    @Then("it is forbidden to the {role}")
    public void forbidden(String role) {
        Engine.Answer answer = answered(403);
        List<Act> journal = journey.journal();
        assertThat(journal.get(journal.size() - 1).role()).as("the act was tried as the %s", role).isEqualTo(role);
        assertThat(answer.body().path("title").asText()).as(answer.raw()).isNotBlank();
    }

    /** A conflict with the course's state (409): nothing is recorded, and the detail says why. */
    @Then("it is rejected as not possible now: {string}")
    public void notPossibleNow(String detail) {
        Engine.Answer answer = answered(409);
        assertThat(answer.body().path("detail").asText()).as(answer.raw()).contains(detail);
    }

    /** Malformed input (400, problem+json naming the field): nothing is recorded, and the detail says what is wrong. */
    @Then("it is rejected as malformed: {string}")
    public void malformed(String detail) {
        Engine.Answer answer = answered(400);
        assertThat(answer.raw()).as(answer.raw()).contains(detail);
    }

    /** The course's answer lists the client's code and the protocol's value sets that contain it. */
    @Then("the client's code {word} is in value set(s) {string}")
    public void codeInValueSets(String code, String sets) {
        JsonNode codes = screened().path("client").path("codes");
        List<String> found = new java.util.ArrayList<>();
        codes.forEach(c -> {
            if (c.path("code").asText().equals(code)) {
                c.path("valueSets").forEach(v -> found.add(v.asText()));
            }
        });
        assertThat(String.join(", ", found)).as(codes.toString()).isEqualTo(sets);
    }

    private JsonNode screened() {
        Engine.Answer answer = answered(201);
        return answer.body();
    }

    private Engine.Answer answered(int status) {
        Engine.Answer answer = journey.last();
        assertThat(answer.status()).as(answer.raw()).isEqualTo(status);
        return answer;
    }

    static List<String> findings(JsonNode findings, String severity) {
        return StreamSupport.stream(findings.spliterator(), false)
                .filter(f -> f.path("severity").asText().equals(severity)).map(f -> f.path("ruleId").asText()).toList();
    }

    static JsonNode finding(JsonNode findings, String rule) {
        return StreamSupport.stream(findings.spliterator(), false).filter(f -> f.path("ruleId").asText().equals(rule))
                .findFirst().orElseThrow(() -> new AssertionError("no finding of " + rule + " in " + findings));
    }
}
