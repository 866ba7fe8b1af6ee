package org.kap.api;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kap.core.course.CourseEvent;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands on one course from parallel threads, over real HTTP: no session is started twice, no
 * reading is lost, and every answer matches exactly what was recorded. The course is kept
 * consistent by its event stream alone (one aggregate, sequence numbers), which these tests
 * check through the answers, the course view and the stored events.
 */
class ConcurrencyApiTest extends ApiTest {

    private static final int THREADS = 8;

    @Autowired
    private EventStore eventStore;

    private String id;
    private String c;
    /** Clinical time of the screening, 30 days ago; acts follow it by minutes. */
    private Instant t;

    /** A consented, prepared course with a new id for every test. */
    @BeforeEach
    void aPreparedCourse() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        t = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        id = "race-" + UUID.randomUUID();
        c = "/api/v1/courses/" + id;
        assertThat(post("clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-race",
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", t.toString(),
                "profile", profile(40, "80 kg"))).status()).isEqualTo(201);
        assertThat(post("clinician", c + "/consent", at(5)).status()).isEqualTo(200);
        assertThat(post("therapist", c + "/preparation-sessions", at(60)).status()).isEqualTo(200);
    }

    private String time(long minutes) {
        return t.plus(minutes, ChronoUnit.MINUTES).toString();
    }

    private Map<String, Object> at(long minutes) {
        return Map.of("at", time(minutes));
    }

    private Map<String, Object> with(long minutes, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.put("at", time(minutes));
        return body;
    }

    private static final long DAY2 = 2 * 24 * 60;

    private void approve() {
        Answer approved = post("prescriber", c + "/dose-approvals", with(DAY2, Map.of("route", "IM", "dose", "0.5 mg/kg")));
        assertThat(approved.status()).as(approved.raw()).isEqualTo(200);
    }

    private Map<String, Object> sessionStart() {
        return with(DAY2 + 10, Map.of("setting", List.of("pulse_oximeter"),
                "preDoseVitals", Map.of("measuredAt", time(DAY2 + 5), "systolic", "122 mmHg", "diastolic", "80 mmHg")));
    }

    /** Sends {@code count} requests from as many threads, released together, and returns every answer. */
    private static List<Answer> atOnce(int count, IntFunction<Answer> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CyclicBarrier together = new CyclicBarrier(count);
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    return request.apply(n);
                }));
            }
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> f : futures) {
                answers.add(f.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The course's stored events, in order. */
    private List<Object> events() {
        List<Object> payloads = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(id);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            payloads.add(message.getPayload());
        }
        return payloads;
    }

    private long count(Class<? extends CourseEvent> type) {
        return events().stream().filter(type::isInstance).count();
    }

    private static long answered(List<Answer> answers, int status) {
        return answers.stream().filter(a -> a.status() == status).count();
    }

    private long entries() {
        return get("clinician", c).body().at("/entries").asLong();
    }

    @Test
    void of_eight_simultaneous_session_starts_exactly_one_succeeds() throws Exception {
        approve();
        long before = entries();

        List<Answer> answers = atOnce(THREADS, n -> post("clinician", c + "/sessions", sessionStart()));

        assertThat(answered(answers, 200)).as(answers.toString()).isEqualTo(1);
        // a start that lost the race on the store is a concurrent modification (409, nothing recorded); one that ran
        // after the winner found the session open, or the approval used, and was refused as an attempt (422, recorded)
        assertThat(answers).filteredOn(a -> a.status() != 200).hasSize(THREADS - 1).allSatisfy(a -> {
            assertThat(a.status()).as(a.raw()).isIn(409, 422);
            assertThat(a.headers().getContentType()).hasToString("application/problem+json");
            assertThat(a.text("/type")).isIn("/problems/concurrent-modification", "/problems/safety-refusal");
            if (a.status() == 422) {
                assertThat(a.text("/violations/0/ruleId")).isIn("ENGINE-SESSION-OPEN", "ENGINE-NO-APPROVAL");
            }
        });
        Answer course = get("clinician", c);
        assertThat(course.body().at("/sessions")).as("exactly one session").hasSize(1);
        assertThat(course.text("/status")).isEqualTo("in_session");
        assertThat(count(CourseEvent.SessionStarted.class)).isEqualTo(1);
        assertThat(count(CourseEvent.SessionStartRefused.class)).as("each refused attempt is recorded, each conflict is not")
                .isEqualTo(answered(answers, 422));
        assertThat(entries()).as("the one start and the refused attempts are the new entries")
                .isEqualTo(before + 1 + answered(answers, 422));
    }

    @Test
    void eight_simultaneous_readings_are_all_kept() throws Exception {
        approve();
        assertThat(post("clinician", c + "/sessions", sessionStart()).status()).isEqualTo(200);
        long before = entries();
        // one clinical time for all: the course records acts in clinical-time order, and equal times are in order
        String measured = time(DAY2 + 30);

        List<Answer> answers = atOnce(THREADS, n -> post("clinician", c + "/vitals", Map.of("vitals", Map.of(
                "measuredAt", measured, "systolic", (120 + n) + " mmHg", "diastolic", "80 mmHg", "heartRate", (70 + n) + " bpm"))));

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.raw()).isEqualTo(200));
        assertThat(get("clinician", c).body().at("/sessions/0/readings").asInt()).as("no lost update").isEqualTo(THREADS);
        assertThat(count(CourseEvent.VitalsRecorded.class)).isEqualTo(THREADS);
        assertThat(entries()).isEqualTo(before + THREADS);
        // every systolic value sent is stored once
        List<Long> systolic = events().stream().filter(CourseEvent.VitalsRecorded.class::isInstance)
                .map(e -> ((CourseEvent.VitalsRecorded) e).vitals().systolic().value().longValue()).sorted().toList();
        assertThat(systolic).containsExactly(120L, 121L, 122L, 123L, 124L, 125L, 126L, 127L);
        Answer verification = get("auditor", c + "/verification");
        assertThat(verification.body().at("/intact").asBoolean()).as("the hash chain holds under concurrent appends").isTrue();
    }

    @Test
    void eight_simultaneous_readings_at_the_servers_now_are_all_kept() throws Exception {
        approve();
        assertThat(post("clinician", c + "/sessions", sessionStart()).status()).isEqualTo(200);

        // no measuredAt: each reading is taken at the server's now
        List<Answer> answers = atOnce(THREADS, n -> post("clinician", c + "/vitals",
                Map.of("vitals", Map.of("systolic", (120 + n) + " mmHg"))));

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.raw()).isEqualTo(200));
        assertThat(get("clinician", c).body().at("/sessions/0/readings").asInt()).isEqualTo(THREADS);
        assertThat(count(CourseEvent.VitalsRecorded.class)).isEqualTo(THREADS);
    }

    @Test
    void every_simultaneous_approval_answered_is_recorded_once() throws Exception {
        long before = entries();
        long approvedBefore = count(CourseEvent.DoseApproved.class);
        long refusedBefore = count(CourseEvent.DoseApprovalRefused.class);

        // 0.5 mg/kg is a permitted first dose, 0.6 mg/kg is over DOSE-IM-START and refused
        List<Answer> answers = atOnce(6, n -> post("prescriber", c + "/dose-approvals",
                with(DAY2, Map.of("route", "IM", "dose", n % 2 == 0 ? "0.5 mg/kg" : "0.6 mg/kg"))));

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.raw()).isIn(200, 409, 422));
        long ok = answered(answers, 200);
        long refused = answered(answers, 422);
        long approvedEvents = count(CourseEvent.DoseApproved.class) - approvedBefore;
        long refusalEvents = count(CourseEvent.DoseApprovalRefused.class) - refusedBefore;
        assertThat(approvedEvents).as("one DoseApproved per 200").isEqualTo(ok);
        assertThat(refusalEvents).as("one recorded refusal per 422").isEqualTo(refused);
        assertThat(approvedEvents + refusalEvents).isEqualTo(ok + refused);
        assertThat(entries() - before).as("nothing else was recorded").isEqualTo(ok + refused);
        assertThat(answers).filteredOn(a -> a.status() == 422)
                .allSatisfy(a -> assertThat(a.text("/violations/0/ruleId")).isEqualTo("DOSE-IM-START"));
        assertThat(answers).filteredOn(a -> a.status() == 409)
                .allSatisfy(a -> assertThat(a.text("/type")).isEqualTo("/problems/concurrent-modification"));
        assertThat(ok + refused).as("the engine serialises commands on one course; none is lost").isEqualTo(6);
    }
}
