package org.kap.api;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands on one course from parallel threads: no lost update and no double-booked session. The
 * course is consistent through its event stream's sequence numbers alone.
 */
class ConcurrencyApiTest extends ApiTest {

    private static final int THREADS = 8;
    private String c;
    private Instant t;

    @BeforeEach
    void approvedCourse() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        String id = "race-" + UUID.randomUUID();
        c = "/api/v1/courses/" + id;
        t = Instant.now().minus(2, ChronoUnit.DAYS);
        assertThat(post("clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-race",
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", t.toString(),
                "profile", Map.of("ageYears", 40, "weight", "80 kg"))).status()).isEqualTo(201);
        assertThat(post("clinician", c + "/consent", Map.of("at", t.plusSeconds(60).toString())).status()).isEqualTo(200);
        assertThat(post("therapist", c + "/preparation-sessions", Map.of("at", t.plusSeconds(120).toString())).status()).isEqualTo(200);
        assertThat(post("prescriber", c + "/dose-approvals", Map.of("route", "IM", "dose", "0.5 mg/kg",
                "at", t.plusSeconds(180).toString())).status()).isEqualTo(200);
    }

    /** Runs the requests at once (released together) and returns their answers. */
    private List<Answer> atOnce(int count, IntFunction<Answer> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Answer>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            Callable<Answer> call = () -> {
                go.await();
                return request.apply(n);
            };
            futures.add(pool.submit(call));
        }
        go.countDown();
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> f : futures) {
            answers.add(f.get());
        }
        pool.shutdown();
        return answers;
    }

    private Map<String, Object> start(int n) {
        return Map.of("setting", List.of("pulse_oximeter"), "at", t.plusSeconds(240).toString(),
                "preDoseVitals", Map.of("measuredAt", t.plusSeconds(200).toString(), "systolic", "120 mmHg", "diastolic", "80 mmHg"));
    }

    @Test
    void of_eight_simultaneous_session_starts_exactly_one_succeeds() throws Exception {
        List<Answer> answers = atOnce(THREADS, n -> post("clinician", c + "/sessions", start(n)));
        assertThat(answers).filteredOn(a -> a.status() == 200).hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() != 200).allSatisfy(a -> assertThat(a.status()).as(a.raw()).isEqualTo(409));
        assertThat(get("clinician", c).body().at("/sessions")).hasSize(1);
    }

    @Test
    void simultaneous_readings_are_all_kept() throws Exception {
        assertThat(post("clinician", c + "/sessions", start(0)).status()).isEqualTo(200);
        Instant base = t.plusSeconds(300);
        List<Answer> answers = atOnce(THREADS, n -> post("clinician", c + "/vitals", Map.of("vitals", Map.of(
                "measuredAt", base.plusSeconds(n).toString(), "systolic", (120 + n) + " mmHg", "diastolic", "80 mmHg"))));
        // readings arrive in any order; one measured before an already recorded one is refused as out of order
        long accepted = answers.stream().filter(a -> a.status() == 200).count();
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.raw()).isIn(200, 409));
        assertThat(accepted).isPositive();
        assertThat(get("clinician", c).body().at("/sessions/0/readings").asLong()).as("no lost update").isEqualTo(accepted);
    }

    @Test
    void simultaneous_readings_at_one_clinical_time_are_all_kept() throws Exception {
        assertThat(post("clinician", c + "/sessions", start(0)).status()).isEqualTo(200);
        String measured = t.plusSeconds(300).toString();
        List<Answer> answers = atOnce(THREADS, n -> post("clinician", c + "/vitals", Map.of("vitals", Map.of(
                "measuredAt", measured, "systolic", (120 + n) + " mmHg", "diastolic", "80 mmHg"))));
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.raw()).isEqualTo(200));
        assertThat(get("clinician", c).body().at("/sessions/0/readings").asInt()).isEqualTo(THREADS);
    }

    @Test
    void every_simultaneous_approval_is_answered_and_recorded_once() throws Exception {
        long before = get("clinician", c).body().at("/entries").asLong();
        String at = t.plusSeconds(400).toString();
        List<Answer> answers = atOnce(6, n -> post("prescriber", c + "/dose-approvals",
                Map.of("route", "IM", "dose", n % 2 == 0 ? "0.5 mg/kg" : "0.6 mg/kg", "at", at)));
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.raw()).isIn(200, 422));
        long after = get("clinician", c).body().at("/entries").asLong();
        assertThat(after - before).as("each approval and each refusal is one entry").isEqualTo(6);
        assertThat(answers).filteredOn(a -> a.status() == 422).hasSize(3);
    }
}
