package org.kap.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An acknowledged command is never lost: the engine runs as a separate process, 8 clients record in-session
 * readings on their own courses as fast as it answers, and the process is killed with SIGKILL in the
 * middle of it, then started again on the same data (3 times; {@code -Dkap.crash.kills=N} for more). Every
 * reading answered 200 before a kill is in the course after the restart, on H2 (the embedded default, whose
 * commits are written before the answer) and on PostgreSQL with -Ppostgres.
 */
class CrashRecoveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 8;

    private final Map<String, String> database = EngineProcess.freshDatabase();
    private EngineProcess engine;

    @AfterEach
    void kill() throws InterruptedException {
        if (engine != null) {
            engine.close();
        }
    }

    private HttpResponse<String> send(String user, String path, String body, String type) throws Exception {
        return engine.send(user, path, body, type);
    }

    private HttpResponse<String> post(String user, String path, Map<String, Object> body) throws Exception {
        return engine.post(user, path, body);
    }

    /** A course with an open session that began two hours ago, ready to take readings. */
    private String openSession(String id, Instant t) throws Exception {
        String c = "/api/v1/courses/" + id;
        assertThat(post("clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-" + id,
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", t.toString(),
                "profile", Map.of("ageYears", 40, "weight", "80 kg", "pregnant", false, "breastfeeding", false,
                        "vitals", Map.of("systolic", "124 mmHg", "diastolic", "78 mmHg")))).statusCode()).isEqualTo(201);
        assertThat(post("clinician", c + "/consent", Map.of("at", t.plus(5, ChronoUnit.MINUTES).toString())).statusCode()).isEqualTo(200);
        assertThat(post("therapist", c + "/preparation-sessions", Map.of("at", t.plus(10, ChronoUnit.MINUTES).toString()))
                .statusCode()).isEqualTo(200);
        Instant dose = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        assertThat(post("prescriber", c + "/dose-approvals", Map.of("route", "IM", "dose", "0.5 mg/kg",
                "at", dose.minus(10, ChronoUnit.MINUTES).toString())).statusCode()).isEqualTo(200);
        HttpResponse<String> started = post("clinician", c + "/sessions", Map.of("setting", List.of("pulse_oximeter"), "at", dose.toString(),
                "preDoseVitals", Map.of("measuredAt", dose.minus(5, ChronoUnit.MINUTES).toString(), "systolic", "122 mmHg",
                        "diastolic", "80 mmHg")));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        return c;
    }

    private int storedReadings(String c) throws Exception {
        JsonNode course = JSON.readTree(send("auditor", c, null, null).body());
        return course.at("/sessions/0/readings").asInt();
    }

    @Test
    void no_acknowledged_command_is_lost_when_the_engine_is_killed_under_load() throws Exception {
        int kills = Integer.getInteger("kap.crash.kills", 3);
        Path log = Files.createTempFile("kap-crash-engine-", ".log");
        engine = EngineProcess.start(database, log);
        engine.publishTestProtocol();
        Instant t = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        List<String> courses = new ArrayList<>();
        List<Instant> sessionStarts = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            courses.add(openSession("crash-" + i, t));
            sessionStarts.add(Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
        }
        long[] acknowledged = new long[CLIENTS];
        AtomicLong[] sent = new AtomicLong[CLIENTS];
        for (int i = 0; i < CLIENTS; i++) {
            sent[i] = new AtomicLong();
        }
        List<String> rounds = new ArrayList<>();
        for (int kill = 1; kill <= kills; kill++) {
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            java.util.concurrent.atomic.AtomicLongArray acknowledgedThisRound = new java.util.concurrent.atomic.AtomicLongArray(CLIENTS);
            for (int i = 0; i < CLIENTS; i++) {
                int client = i;
                clients.submit(() -> {
                    while (running.get()) {
                        // each reading a second after the one before, well after the session's start, never in the future
                        Instant measured = sessionStarts.get(client).plus(sent[client].incrementAndGet(), ChronoUnit.SECONDS);
                        try {
                            HttpResponse<String> answer = post("clinician", courses.get(client) + "/vitals", Map.of("vitals",
                                    Map.of("measuredAt", measured.toString(), "systolic", "128 mmHg", "diastolic", "80 mmHg",
                                            "spo2", "98 %")));
                            if (answer.statusCode() == 200) {
                                acknowledgedThisRound.incrementAndGet(client);
                            }
                        } catch (Exception killed) {
                            return null;
                        }
                    }
                    return null;
                });
            }
            // once every client has been answered a few times, at a moment no one chose
            Instant loaded = Instant.now().plus(Duration.ofSeconds(60));
            while (java.util.stream.IntStream.range(0, CLIENTS).anyMatch(i -> acknowledgedThisRound.get(i) < 3)
                    && Instant.now().isBefore(loaded)) {
                Thread.sleep(50);
            }
            Thread.sleep(500 + (long) (Math.random() * 1500));
            engine.kill(); // SIGKILL: no shutdown hook, no flush
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            long answered = 0;
            for (int i = 0; i < CLIENTS; i++) {
                acknowledged[i] += acknowledgedThisRound.get(i);
                answered += acknowledgedThisRound.get(i);
            }
            engine = EngineProcess.start(database, log);
            long lost = 0;
            for (int i = 0; i < CLIENTS; i++) {
                lost += Math.max(0, acknowledged[i] - storedReadings(courses.get(i)));
            }
            rounds.add("kill " + kill + ": " + answered + " readings acknowledged, " + lost + " lost");
            assertThat(answered).as("the load ran before the kill").isPositive();
            assertThat(lost).as(String.join("; ", rounds) + " (engine log: " + log + ")").isZero();
        }
        System.out.println("crash test: " + String.join("; ", rounds));
        for (String c : courses) {
            assertThat(JSON.readTree(send("auditor", c + "/verification", null, null).body()).at("/intact").asBoolean())
                    .as("chain of " + c + " after " + kills + " kills").isTrue();
        }
        Files.deleteIfExists(log);
    }
}
