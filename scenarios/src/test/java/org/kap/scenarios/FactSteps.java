package org.kap.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import org.kap.api.obligations.OverdueScheduler;

import java.time.Duration;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the clinic learns about the client during the course (a test result, a medication taken, a weight), a
 * session that ends otherwise than by discharge, a correction that carries its corrected values, and the
 * engine's own overdue check: the steps of facts over time.
 */
public class FactSteps {

    private final Journey journey;
    private final OverdueScheduler scheduler;
    private final ScenarioClock clock;

    public FactSteps(Journey journey, OverdueScheduler scheduler, ScenarioClock clock) {
        this.journey = journey;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @When("on {moment}, the {role} records a {word} pregnancy test")
    public void pregnancyTest(Moment when, String role, String result) {
        finding(when, role, "pregnancy_test", Map.of("positive", positive(result)));
    }

    @When("on {moment}, the {role} records the client's age as {int} years")
    public void age(Moment when, String role, int years) {
        finding(when, role, "age", Map.of("ageYears", years));
    }

    @When("on {moment}, the {role} records the client's resting blood pressure as {string}")
    public void restingVitals(Moment when, String role, String reading) {
        finding(when, role, "resting_vitals", Map.of("vitals", Readings.vitals(reading, journey.happens(when))));
    }

    @When("on {moment}, the {role} records that the client took {word} {int} mg by mouth at {time}")
    public void took(Moment when, String role, String drug, int mg, String time) {
        var at = journey.instant(dayOf(when), LocalTime.parse(time));
        journey.happens(when);
        journey.act(Act.Kind.MEDICATION, role, "/medications", Map.of("drug", drug, "change", "taken", "dose", mg + " mg",
                "route", "oral", "at", at.toString()));
    }

    /** A dose of a drug coded as the clinical system sends it: {@code "ATC N06BA04"}. */
    @When("on {moment}, the {role} records that the client took the drug coded {string} {int} mg by mouth at {time}")
    public void tookCoded(Moment when, String role, String code, int mg, String time) {
        var at = journey.instant(dayOf(when), LocalTime.parse(time));
        journey.happens(when);
        journey.act(Act.Kind.MEDICATION, role, "/medications", Map.of("drug", Readings.coded(code), "change", "taken",
                "dose", mg + " mg", "route", "oral", "at", at.toString()));
    }

    @When("on {moment}, the {role} records that the client took {word} {int} mg by mouth the day before at {time}")
    public void tookTheDayBefore(Moment when, String role, String drug, int mg, String time) {
        var at = journey.instant(dayOf(when) - 1, LocalTime.parse(time));
        journey.happens(when);
        journey.act(Act.Kind.MEDICATION, role, "/medications", Map.of("drug", drug, "change", "taken", "dose", mg + " mg",
                "route", "oral", "at", at.toString()));
    }

    @When("on {moment}, the {role} records a weight of {int} kg")
    public void weight(Moment when, String role, int kg) {
        journey.act(Act.Kind.WEIGHT, role, "/weights", Map.of("weight", kg + " kg", "at", journey.happens(when).toString()));
    }

    @When("on {moment}, the {role} records that the client was {word} to emergency care: {string}")
    public void transferred(Moment when, String role, String verb, String note) {
        assertThat(verb).isEqualTo("transferred");
        close(when, role, "transferred_to_emergency_care", note);
    }

    @When("on {moment}, the {role} records that the client was admitted: {string}")
    public void admitted(Moment when, String role, String note) {
        close(when, role, "admitted", note);
    }

    @When("on {moment}, the {role} records that the client left against advice: {string}")
    public void leftAgainstAdvice(Moment when, String role, String note) {
        close(when, role, "left_against_advice", note);
    }

    /** A structured correction: the entry found by its history summary, the corrected reading as the course will use it. */
    @When("on {moment}, the {role} corrects the reading {string} to {string} because {string}")
    public void correctReading(Moment when, String role, String summary, String reading, String reason) {
        long entry = entryReading(summary);
        Map<String, Object> vitals = Readings.vitals(reading, journey.happens(when));
        vitals.remove("measuredAt"); // the corrected reading keeps the time it was measured
        journey.act(Act.Kind.CORRECTION, role, "/corrections", Map.of("entryNumber", entry,
                "correction", summary + " was " + reading, "reason", reason,
                "corrected", Map.of("reading", vitals), "at", journey.happens(when).toString()));
    }

    /** The engine's overdue check, run at this moment (the suite leaves the scheduler idle otherwise). */
    @When("on {moment}, the engine checks for overdue obligations")
    public void overdueCheck(Moment when) {
        journey.happens(when);
        long before = overdueMarks();
        scheduler.markOverdue();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (overdueMarks() == before && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(overdueMarks()).as("the check marked an obligation of the course overdue").isGreaterThan(before);
    }

    /** The fact was recorded; the screening rules it fired exclude the client from further dosing. */
    @Then("it is recorded, excluding the client by {rules}")
    public void recordedExcluding(List<String> rules) {
        Engine.Answer answer = journey.last();
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        assertThat(AnswerSteps.findings(answer.body().path("findings"), "refusal")).as(answer.raw())
                .containsExactlyInAnyOrderElementsOf(rules);
    }

    /** What a rule found on a recorded fact or correction (not a refusal of the act). */
    @Then("{rule} found {string}")
    public void found(String rule, String text) {
        JsonNode finding = AnswerSteps.finding(journey.last().body().path("findings"), rule);
        assertThat(finding.path("text").asText()).as("what %s found", rule).contains(text);
    }

    /** The clinician's view of the course: the client's facts as the course now knows them. */
    @Then("the course knows the client's {word} as {string}")
    public void knows(String fact, String value) {
        JsonNode client = journey.course().path("client");
        assertThat(client.path(fact).asText()).as(client.toString()).isEqualTo(value);
    }

    private void finding(Moment when, String role, String type, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("type", type);
        body.put("at", journey.happens(when).toString());
        journey.act(Act.Kind.FINDING, role, "/findings", body);
    }

    private void close(Moment when, String role, String disposition, String note) {
        journey.act(Act.Kind.CLOSE_SESSION, role, "/sessions/current/closure", Map.of("disposition", disposition,
                "note", note, "at", journey.happens(when).toString()));
    }

    private long entryReading(String summary) {
        return journey.history(journey.courseId()).stream()
                .filter(e -> e.path("type").asText().equals("VitalsRecorded") && e.path("summary").asText().contains(summary))
                .mapToLong(e -> e.path("entryNumber").asLong()).reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no reading of the course reads '" + summary + "'"));
    }

    private long overdueMarks() {
        return journey.history(journey.courseId()).stream().filter(e -> e.path("type").asText().equals("ObligationOverdue")).count();
    }

    private static int dayOf(Moment when) {
        return when.day();
    }

    private static boolean positive(String result) {
        return switch (result) {
            case "positive" -> true;
            case "negative" -> false;
            default -> throw new IllegalArgumentException("a test is positive or negative, not '" + result + "'");
        };
    }
}
