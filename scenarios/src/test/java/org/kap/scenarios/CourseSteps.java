package org.kap.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.When;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acts of a course, one step each, in the words of the people who perform them. Every act is
 * sent over HTTP as the user of the role the step names, so a journey can also show a role trying
 * what it may not. Whether it was allowed is for the next step to say (AnswerSteps).
 */
public class CourseSteps {

    private static final Pattern SUBSTANCE_USE = Pattern.compile("([a-z_]+) (\\d+) days? before screening");

    private final Journey journey;

    public CourseSteps(Journey journey) {
        this.journey = journey;
    }

    @When("on {moment}, the {role} screens client {string} for {word}:")
    public void screen(Moment when, String role, String clientId, String indication, DataTable profileTable) {
        screenUnder(when, role, clientId, indication, journey.protocolId(), journey.protocolVersion(), profileTable);
    }

    /** Screening under another published version of the journey's protocol, e.g. one published during the journey. */
    @When("on {moment}, the {role} screens client {string} for {word} under {word} version {int}:")
    public void screenUnder(Moment when, String role, String clientId, String indication, String protocolId, int version,
                            DataTable profileTable) {
        Instant at = journey.happens(when);
        Map<String, String> rows = profileTable.asMap(String.class, String.class);
        Map<String, Object> profile = new LinkedHashMap<>();
        rows.forEach((field, value) -> {
            switch (field) {
                case "age" -> profile.put("ageYears", Integer.valueOf(value.replace(" years", "")));
                case "weight" -> profile.put("weight", value);
                case "diagnoses" -> profile.put("diagnoses", codes(value));
                case "history" -> profile.put("history", codes(value));
                case "family history" -> profile.put("familyHistory", codes(value));
                case "medications" -> profile.put("medications", codes(value));
                case "substance use" -> profile.put("substanceUse", Arrays.stream(Readings.parts(value)).map(use -> {
                    Matcher m = SUBSTANCE_USE.matcher(use);
                    assertThat(m.matches()).as("substance use reads '<substance> <n> days before screening', got '%s'", use).isTrue();
                    return Map.of("substance", m.group(1), "lastUse", at.minus(Duration.ofDays(Long.parseLong(m.group(2)))).toString());
                }).toList());
                case "pregnant" -> profile.put("pregnant", yes(value));
                case "breastfeeding" -> profile.put("breastfeeding", yes(value));
                case "vitals" -> profile.put("vitals", Readings.vitals(value, at));
                case "scores" -> profile.put("scores", Readings.scores(value));
                default -> throw new IllegalArgumentException("unknown profile field '" + field + "'; use age, weight, diagnoses, "
                        + "history, family history, medications, substance use, pregnant, breastfeeding, vitals, scores");
            }
        });
        String courseId = journey.courseOf(clientId);
        journey.screen(role, courseId, version, Map.of("courseId", courseId, "clientId", clientId, "indication", indication,
                "protocol", Map.of("id", protocolId, "version", version),
                "profile", profile, "at", at.toString()));
    }

    @When("on {moment}, the {role} records the client's consent")
    public void consent(Moment when, String role) {
        journey.act(Act.Kind.CONSENT, role, "/consent", at(when));
    }

    @When("on {moment}, the {role} records that the client withdrew consent: {string}")
    public void withdrawConsent(Moment when, String role, String reason) {
        journey.act(Act.Kind.WITHDRAW_CONSENT, role, "/consent-withdrawal", with(at(when), "reason", reason));
    }

    @When("on {moment}, the {role} holds a preparation session")
    public void preparation(Moment when, String role) {
        journey.act(Act.Kind.PREPARATION, role, "/preparation-sessions", at(when));
    }

    @When("on {moment}, the {role} overrides {rule}: {string}")
    public void override(Moment when, String role, String rule, String justification) {
        journey.act(Act.Kind.OVERRIDE, role, "/overrides", with(at(when), "ruleId", rule, "justification", justification));
    }

    @When("on {moment}, the {role} approves {dose} {route}")
    public void approve(Moment when, String role, String dose, String route) {
        journey.act(Act.Kind.APPROVE_DOSE, role, "/dose-approvals", with(at(when), "route", route, "dose", dose));
    }

    @When("on {moment}, the {role} approves {dose} {route} infused over {int} min")
    public void approveInfusion(Moment when, String role, String dose, String route, int minutes) {
        journey.act(Act.Kind.APPROVE_DOSE, role, "/dose-approvals",
                with(at(when), "route", route, "dose", dose, "infusionDuration", minutes + " min"));
    }

    @When("on {moment}, the {role} approves a booster of {dose} {route}")
    public void approveBooster(Moment when, String role, String dose, String route) {
        journey.act(Act.Kind.APPROVE_DOSE, role, "/dose-approvals", with(at(when), "route", route, "dose", dose, "booster", true));
    }

    @When("on {moment}, the {role} starts the session, pre-dose vitals {string} measured at {time}")
    public void startSession(Moment when, String role, String vitals, String measured) {
        start(when, role, vitals, measured, null);
    }

    @When("on {moment}, the {role} starts the infusion, pre-dose vitals {string} measured at {time}, to end at {time}")
    public void startInfusion(Moment when, String role, String vitals, String measured, String end) {
        start(when, role, vitals, measured, end);
    }

    private void start(Moment when, String role, String vitals, String measured, String end) {
        Map<String, Object> body = at(when);
        body.put("setting", List.copyOf(journey.room()));
        body.put("preDoseVitals", Readings.vitals(vitals, journey.instant(when.day(), when.sameDayAt(measured).time())));
        if (end != null) {
            body.put("administrationEnd", journey.instant(when.day(), when.sameDayAt(end).time()).toString());
        }
        journey.act(Act.Kind.START_SESSION, role, "/sessions", body);
    }

    @When("on {moment}, the {role} gives the booster")
    public void booster(Moment when, String role) {
        journey.act(Act.Kind.BOOSTER, role, "/sessions/current/boosters", at(when));
    }

    @When("on {moment}, the {role} records vitals {string}")
    public void vitals(Moment when, String role, String vitals) {
        Instant measured = journey.happens(when);
        journey.act(Act.Kind.VITALS, role, "/vitals", Map.of("vitals", Readings.vitals(vitals, measured)));
    }

    @When("on {moment}, the {role} records an adverse event: {word} grade {int}")
    public void adverseEvent(Moment when, String role, String type, int grade) {
        journey.act(Act.Kind.ADVERSE_EVENT, role, "/adverse-events", with(at(when), "type", type, "grade", grade));
    }

    @When("on {moment}, the {role} records a serious adverse event: {word} grade {int}, {word}")
    public void seriousAdverseEvent(Moment when, String role, String type, int grade, String seriousness) {
        journey.act(Act.Kind.ADVERSE_EVENT, role, "/adverse-events",
                with(at(when), "type", type, "grade", grade, "seriousness", List.of(seriousness)));
    }

    @When("on {moment}, the {role} resolves adverse event {word}: {string}")
    public void resolve(Moment when, String role, String adverseEventId, String resolution) {
        journey.act(Act.Kind.RESOLVE_ADVERSE_EVENT, role, "/adverse-events/" + adverseEventId + "/resolution",
                with(at(when), "resolution", resolution));
    }

    @When("on {moment}, the {role} discharges the client: {}")
    public void discharge(Moment when, String role, String findings) {
        Map<String, Object> body = at(when);
        body.putAll(Readings.discharge(findings));
        journey.act(Act.Kind.DISCHARGE, role, "/discharge", body);
    }

    @When("on {moment}, the {role} holds the integration session")
    public void integration(Moment when, String role) {
        journey.act(Act.Kind.INTEGRATION, role, "/integrations", at(when));
    }

    @When("on {moment}, the {role} records a {word} score of {int}")
    public void outcome(Moment when, String role, String instrument, int score) {
        journey.act(Act.Kind.OUTCOME_MEASURE, role, "/outcome-measures",
                with(at(when), "instrument", Readings.instrument(instrument), "score", score));
    }

    /** A score assessed during the open session: {@code the clinician assesses the client's moaas as 3}. */
    @When("on {moment}, the {role} assesses the client's {word} as {int}")
    public void sessionScore(Moment when, String role, String instrument, int score) {
        journey.act(Act.Kind.SESSION_SCORE, role, "/session-scores",
                with(at(when), "instrument", Readings.instrument(instrument), "score", score));
    }

    @When("on {moment}, the {role} fulfils the open {word}")
    public void fulfil(Moment when, String role, String kind) {
        JsonNode open = StreamSupport.stream(journey.course().path("obligations").spliterator(), false)
                .filter(o -> o.path("kind").asText().equals(kind) && o.path("fulfilledAt").isNull())
                .findFirst().orElseThrow(() -> new AssertionError("the course has no open " + kind));
        journey.act(Act.Kind.FULFIL_OBLIGATION, role, "/obligations/" + open.path("id").asText() + "/fulfilment", at(when));
    }

    @When("on {moment}, the {role} reviews the course and {word} it: {string}")
    public void review(Moment when, String role, String decision, String reason) {
        String code = switch (decision) {
            case "resumes" -> "resume";
            case "ends" -> "end";
            default -> throw new IllegalArgumentException("a review resumes or ends the course, not '" + decision + "'");
        };
        journey.act(Act.Kind.REVIEW, role, "/reviews", with(at(when), "decision", code, "reason", reason));
    }

    @When("on {moment}, the {role} corrects the entry {string}: {string} because {string}")
    public void correct(Moment when, String role, String summary, String correction, String reason) {
        long entry = journey.history(journey.courseId()).stream()
                .filter(e -> e.path("summary").asText().contains(summary))
                .mapToLong(e -> e.path("entryNumber").asLong()).reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no entry of the course reads '" + summary + "'"));
        journey.act(Act.Kind.CORRECTION, role, "/corrections",
                with(at(when), "entryNumber", entry, "correction", correction, "reason", reason));
    }

    @When("on {moment}, the {role} ends the course: {string}")
    public void end(Moment when, String role, String reason) {
        journey.act(Act.Kind.END_COURSE, role, "/end", with(at(when), "reason", reason));
    }

    private Map<String, Object> at(Moment when) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("at", journey.happens(when).toString());
        return body;
    }

    private static Map<String, Object> with(Map<String, Object> body, Object... fields) {
        for (int i = 0; i < fields.length; i += 2) {
            body.put((String) fields[i], fields[i + 1]);
        }
        return body;
    }

    /**
     * The protocol's words, or codes as a clinical system sends them, written with their system's name:
     * {@code ICD-10-CM F20.9}, {@code ATC N05BA12}, {@code SNOMED CT 58214004}, {@code RxNorm 6130}.
     */
    private static List<Object> codes(String value) {
        return Arrays.stream(Readings.parts(value)).map(Readings::coded).toList();
    }

    private static boolean yes(String value) {
        return switch (value) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new IllegalArgumentException("yes or no, not '" + value + "'");
        };
    }
}
