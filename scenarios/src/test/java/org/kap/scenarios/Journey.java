package org.kap.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import io.cucumber.spring.ScenarioScope;
import org.springframework.stereotype.Component;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one journey knows as it runs: its first day, the course it follows, the session room, the
 * last answer, and the journal of every act it sent, which the audit check compares with the history.
 */
@Component
@ScenarioScope
public class Journey {

    /** Journeys of one run, numbered so that each names its courses apart from the others'. */
    private static final java.util.concurrent.atomic.AtomicInteger JOURNEYS = new java.util.concurrent.atomic.AtomicInteger();

    private final int number = JOURNEYS.incrementAndGet();
    private final Engine engine;
    private final ScenarioClock clock;
    private final LocalDate firstDay;
    private final List<Act> journal = new ArrayList<>();
    private final Set<String> courses = new LinkedHashSet<>();
    private final Set<String> room = new LinkedHashSet<>();
    private final java.util.Map<String, Integer> pinnedVersion = new java.util.HashMap<>();
    private String courseId;
    private String protocolId;
    private int protocolVersion;
    private Engine.Answer last;
    private String lastRequest;
    /** Whether a step has looked at the last answer; an act nobody checked must have been plainly allowed. */
    private boolean lastChecked = true;

    public Journey(Engine engine, ScenarioClock clock) {
        this.engine = engine;
        this.clock = clock;
        // a week after the previous journey ended, on a Monday, so calendar weeks start on day 1
        LocalDate after = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusWeeks(1);
        this.firstDay = after.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        clock.advanceTo(firstDay.atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    /** The clinical time of a moment; the engine's clock moves to when it is recorded. */
    public Instant happens(Moment moment) {
        Instant clinical = instant(moment.day(), moment.time());
        Instant recorded = moment.recordedTime() == null ? clinical : instant(moment.recordedDay(), moment.recordedTime());
        assertThat(recorded).as("an act is recorded when or after it happens: " + moment).isAfterOrEqualTo(clinical);
        clock.advanceTo(recorded);
        return clinical;
    }

    public Instant instant(int day, java.time.LocalTime time) {
        return firstDay.plusDays(day - 1L).atTime(time).toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    }

    /** Sends an act on the followed course as a user of a role and journals it. */
    public Engine.Answer act(Act.Kind kind, String role, String path, Object body) {
        assertThat(courseId).as("a journey screens a client before anything else happens on the course").isNotNull();
        return send(courseId, kind, role, "/api/v1/courses/" + courseId + path, body);
    }

    public Engine.Answer screen(String role, String newCourseId, int version, Object body) {
        courseId = newCourseId;
        pinnedVersion.put(newCourseId, version);
        Engine.Answer answer = send(newCourseId, Act.Kind.SCREEN, role, "/api/v1/courses", body);
        if (answer.status() == 201) {
            // a screening refused as malformed creates no course: there is nothing to read back after the journey
            courses.add(newCourseId);
        }
        return answer;
    }

    /** The followed course now runs under another version of its protocol (a prescriber moved it). */
    public void movedTo(int version) {
        pinnedVersion.put(courseId, version);
    }

    private Engine.Answer send(String course, Act.Kind kind, String role, String path, Object body) {
        requireUncheckedAnswerPlainlyAllowed();
        last = engine.post(role, path, body);
        lastRequest = "POST " + path;
        lastChecked = false;
        List<String> refusedBy = last.status() == 422 ? texts(last.body().path("violations"), "ruleId") : List.of();
        journal.add(new Act(course, kind, role, last.status(), refusedBy));
        return last;
    }

    /** The course as the engine has it now, read as the clinician. */
    public JsonNode course() {
        Engine.Answer answer = engine.get("clinician", "/api/v1/courses/" + courseId);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return answer.body();
    }

    /** Every event of a course in order, read as the auditor. */
    public List<JsonNode> history(String course) {
        Engine.Answer answer = engine.get("auditor", "/api/v1/courses/" + course + "/history?size=1000");
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        assertThat(answer.body().path("total").asLong()).as("the whole history fits one page").isLessThanOrEqualTo(1000);
        return StreamSupport.stream(answer.body().path("events").spliterator(), false).toList();
    }

    static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.path(field).asText()).toList();
    }

    public Engine engine() {
        return engine;
    }

    /** The last request sent, as the access records name it: {@code POST /api/v1/courses/ana-j1/consent}. */
    public String lastRequest() {
        assertThat(lastRequest).as("an act was sent").isNotNull();
        return lastRequest;
    }

    /** The last answer, for a step that checks it. */
    public Engine.Answer last() {
        assertThat(last).as("a step checks an answer only after an act was sent").isNotNull();
        lastChecked = true;
        return last;
    }

    /**
     * A journey may tell an act without saying what the engine answered only when the answer was
     * the plain one: recorded, allowed, no rule fired (a screening: eligible, nothing found). Any
     * refusal, warning, override or rejection must be named by a step, so none passes unseen.
     */
    public void requireUncheckedAnswerPlainlyAllowed() {
        if (lastChecked) {
            return;
        }
        lastChecked = true;
        Act act = journal.get(journal.size() - 1);
        if (act.kind() == Act.Kind.SCREEN) {
            String unseen = "a screening no step checked must be eligible with nothing found: " + last.raw();
            assertThat(last.status()).as(unseen).isEqualTo(201);
            assertThat(last.body().path("eligible").asBoolean()).as(unseen).isTrue();
            assertThat(last.body().path("screeningFindings")).as(unseen).isEmpty();
        } else {
            plainlyAllowed(last, "an answer no step checked must be plainly allowed (or the journey says what it was): " + act);
        }
    }

    /** Recorded and allowed, and no rule fired: no warning, no override. */
    static void plainlyAllowed(Engine.Answer answer, String what) {
        assertThat(answer.status()).as("%s: %s", what, answer.raw()).isEqualTo(200);
        assertThat(answer.body().path("outcome").asText()).as("%s: %s", what, answer.raw()).isEqualTo("allowed");
        assertThat(answer.body().path("findings")).as("%s: no rule fired: %s", what, answer.raw()).isEmpty();
    }

    public List<Act> journal() {
        return List.copyOf(journal);
    }

    public Set<String> courses() {
        return Set.copyOf(courses);
    }

    public String courseId() {
        return courseId;
    }

    public Set<String> room() {
        return room;
    }

    public void protocol(String id, int version) {
        this.protocolId = id;
        this.protocolVersion = version;
    }

    public String protocolId() {
        assertThat(protocolId).as("the journey names its protocol first (Given the protocol ...)").isNotNull();
        return protocolId;
    }

    public int protocolVersion() {
        return protocolVersion;
    }

    /** The protocol version the followed course was screened under. */
    public int pinnedVersion() {
        return pinnedVersion.getOrDefault(courseId, protocolVersion);
    }

    /** The course of a client in this journey: the client's name and the journey's number, unique in the run. */
    public String courseOf(String clientId) {
        return clientId + "-j" + number;
    }

    public LocalDate firstDay() {
        return firstDay;
    }
}
