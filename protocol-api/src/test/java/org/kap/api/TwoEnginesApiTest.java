package org.kap.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two engines on one database (PostgreSQL with -Ppostgres; on H2 both engines, in this one JVM, open the same
 * database file, as two processes would through H2's automatic server). Each keeps its own cache of courses and of each course's last hash,
 * which must never be trusted over the store: courses driven by alternating engines complete, and the same
 * command fired at both engines at once on one course is one success and one refusal or conflict, never two
 * successes and never a 5xx; every chain verifies, and every obligation is one row. 20 races on H2, 1,000 on PostgreSQL
 * (the postgres profile); {@code -Dkap.two-engines.races=N} for another count. The overdue check, run by both engines at once, takes the shared lock and marks once.
 */
class TwoEnginesApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;
    private static int[] ports;
    private static Instant t;

    @BeforeAll
    static void startTwoEngines() throws Exception {
        Map<String, String> database = new LinkedHashMap<>(TestDatabase.fresh());
        // H2 shares one file between two processes only in its server mode, which closes the database its own way
        database.computeIfPresent("spring.datasource.url", (k, url) -> url.replace("AUTO_SERVER=FALSE", "AUTO_SERVER=TRUE")
                .replace(";DB_CLOSE_ON_EXIT=FALSE", ""));
        first = start(database, "engine-a");
        second = start(database, "engine-b");
        ports = new int[] {port(first), port(second)};
        try (InputStream protocol = TwoEnginesApiTest.class.getResourceAsStream("/protocols/api-test.kap")) {
            assertThat(send(0, "designer", "/api/v1/protocols", new String(protocol.readAllBytes(), StandardCharsets.UTF_8),
                    "text/plain").statusCode()).isEqualTo(201);
            // the second signature that makes it active, on the other engine
            assertThat(send(1, "admin", "/api/v1/protocols/api-test/versions/1/approval", "", "application/json").statusCode())
                    .isEqualTo(200);
        }
        t = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext engine : new ConfigurableApplicationContext[] {second, first}) {
            if (engine != null) {
                engine.close();
            }
        }
    }

    private static ConfigurableApplicationContext start(Map<String, String> database, String node) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--kap.node-id=" + node, "--kap.publish-example-protocols=false",
                "--kap.obligations.check-interval=1h", "--kap.obligations.first-check=1h"));
        database.forEach((name, value) -> args.add("--" + name + "=" + value));
        return new SpringApplicationBuilder(KapApplication.class).run(args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext engine) {
        return ((WebServerApplicationContext) engine).getWebServer().getPort();
    }

    private static HttpResponse<String> send(int engine, String user, String path, String body, String type) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + ports[engine] + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-demo").getBytes()))
                // the signer's password again, which signed acts need (docs/security.md) and other requests ignore
                .header(org.kap.api.security.SignedActs.PASSWORD_HEADER, user + "-demo");
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(int engine, String user, String path, Map<String, Object> body) throws Exception {
        return send(engine, user, path, JSON.writeValueAsString(body), "application/json");
    }

    private static String time(long minutes) {
        return t.plus(minutes, ChronoUnit.MINUTES).toString();
    }

    private static Map<String, Object> at(long minutes, Object... fields) {
        Map<String, Object> body = new HashMap<>();
        body.put("at", time(minutes));
        for (int i = 0; i < fields.length; i += 2) {
            body.put((String) fields[i], fields[i + 1]);
        }
        return body;
    }

    /** Screened, consented and prepared, each act on the other engine than the one before. */
    private static String preparedCourse(String id, int startOn) throws Exception {
        String c = "/api/v1/courses/" + id;
        Map<String, Object> screening = at(0, "courseId", id, "clientId", "client-" + id, "protocol",
                Map.of("id", "api-test", "version", 1), "indication", "depression", "profile", Map.of("ageYears", 40,
                        "weight", "80 kg", "pregnant", false, "breastfeeding", false,
                        "vitals", Map.of("systolic", "124 mmHg", "diastolic", "78 mmHg")));
        for (HttpResponse<String> answer : List.of(post(startOn, "clinician", "/api/v1/courses", screening),
                post(1 - startOn, "clinician", c + "/consent", at(5)), post(startOn, "therapist", c + "/preparation-sessions", at(60)))) {
            assertThat(answer.statusCode()).as(c + ": " + answer.body()).isBetween(200, 201);
        }
        return c;
    }

    private static void assertChainIntact(String c) throws Exception {
        for (int engine = 0; engine < 2; engine++) {
            JsonNode verification = JSON.readTree(send(engine, "auditor", c + "/verification", null, null).body());
            assertThat(verification.at("/intact").asBoolean()).as(c + " on engine " + engine + ": " + verification).isTrue();
        }
    }

    @Test
    void each_engine_names_itself_in_health_and_each_read_model_segment_is_held_by_one_of_them() throws Exception {
        for (int engine = 0; engine < 2; engine++) {
            JsonNode projections = JSON.readTree(send(engine, "admin", "/actuator/health", null, null).body())
                    .at("/components/projections/details");
            assertThat(projections.at("/node").asText()).isEqualTo(engine == 0 ? "engine-a" : "engine-b");
            for (String readModel : List.of("course-list", "obligations")) {
                JsonNode claims = projections.at("/" + readModel + "/claims");
                assertThat(claims.size()).as(readModel + " " + projections).isPositive();
                claims.forEach(owner -> assertThat(owner.asText()).as(readModel).isIn("engine-a", "engine-b"));
            }
        }
    }

    @Test
    void courses_driven_by_alternating_engines_complete_with_intact_chains() throws Exception {
        long began = System.nanoTime();
        int courses = 20;
        for (int n = 0; n < courses; n++) {
            int a = n % 2;
            int b = 1 - a;
            String c = preparedCourse("alternating-" + n, a);
            for (int session = 0; session < 2; session++) {
                long m = (2 + session * 3) * 24L * 60;
                List<HttpResponse<String>> answers = List.of(
                        post(b, "prescriber", c + "/dose-approvals", at(m, "route", "IM", "dose", "0.5 mg/kg")),
                        post(a, "clinician", c + "/sessions", at(m + 10, "setting", List.of("pulse_oximeter"),
                                "preDoseVitals", Map.of("measuredAt", time(m + 5), "systolic", "122 mmHg", "diastolic", "80 mmHg"))),
                        post(b, "clinician", c + "/vitals", Map.of("vitals", Map.of("measuredAt", time(m + 50),
                                "systolic", "130 mmHg", "diastolic", "82 mmHg", "spo2", "97 %"))),
                        post(a, "clinician", c + "/discharge", at(m + 135, "scores", Map.of("moaas", 5), "escortPresent", true,
                                "transport", "driven_by_escort")),
                        post(b, "therapist", c + "/integrations", at(m + 24 * 60 + 200)));
                for (HttpResponse<String> answer : answers) {
                    assertThat(answer.statusCode()).as(c + ": " + answer.body()).isEqualTo(200);
                }
            }
            JsonNode course = JSON.readTree(send(a, "auditor", c, null, null).body());
            assertThat(course.at("/sessions")).as(c).hasSize(2);
            assertChainIntact(c);
        }
        System.out.printf("%n  two engines, %d courses driven by alternating engines, each completed (2 sessions, intact chain) in %d s%n%n",
                courses, (System.nanoTime() - began) / 1_000_000_000L);
    }

    /** What the races found; every list must stay empty. */
    private record RaceReport(Map<Integer, Integer> statuses, List<String> doubleBooked, List<String> serverErrors,
                              List<String> brokenChains, List<String> duplicatedObligations, List<Long> readModelDelays) {
        RaceReport() {
            this(new java.util.concurrent.ConcurrentSkipListMap<>(), new java.util.concurrent.CopyOnWriteArrayList<>(),
                    new java.util.concurrent.CopyOnWriteArrayList<>(), new java.util.concurrent.CopyOnWriteArrayList<>(),
                    new java.util.concurrent.CopyOnWriteArrayList<>(), new java.util.concurrent.CopyOnWriteArrayList<>());
        }

        /** The given share of the delays, in ms, from an act's answer to its read-model rows on the other engine. */
        long delay(double share) {
            List<Long> sorted = readModelDelays.stream().sorted().toList();
            return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(share * sorted.size()))) / 1_000_000;
        }
    }

    /**
     * Each race: a course prepared by both engines, a dose approved, then the same session start fired at both
     * engines at the same instant, and the chain verified; every fifth course is also discharged on the other engine,
     * so it has obligations to count, and verified on both.
     * Races on different courses run in two lanes at once. The report counts what the issue asks for; every
     * count but the answers must be zero.
     */
    @Test
    void the_same_command_on_both_engines_at_once_is_one_success_never_two_and_never_a_5xx() throws Exception {
        int races = Integer.getInteger("kap.two-engines.races", 20);
        int lanes = 2;
        ExecutorService racers = Executors.newFixedThreadPool(2 * lanes);
        ExecutorService laneThreads = Executors.newFixedThreadPool(lanes);
        RaceReport report = new RaceReport();
        long began = System.nanoTime();
        try {
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (int lane = 0; lane < lanes; lane++) {
                int first = lane;
                running.add(laneThreads.submit(() -> {
                    for (int race = first; race < races; race += lanes) {
                        race(race, racers, report);
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> lane : running) {
                lane.get(30, TimeUnit.MINUTES);
            }
        } finally {
            laneThreads.shutdownNow();
            racers.shutdownNow();
        }
        System.out.printf("%n  two engines, %d races in %d s (%s): answers %s; double-booked %d, 5xx %d, chains broken %d, "
                        + "duplicated obligations %d; obligations read on the other engine after the discharge's answer within "
                        + "%d ms (median), %d ms (p99), %d ms (max)%n%n", races, (System.nanoTime() - began) / 1_000_000_000L,
                TestDatabase.postgres() ? "PostgreSQL" : "H2", report.statuses(), report.doubleBooked().size(),
                report.serverErrors().size(), report.brokenChains().size(), report.duplicatedObligations().size(),
                report.delay(0.5), report.delay(0.99), report.delay(1.0));
        assertThat(report.doubleBooked()).as("double-booked").isEmpty();
        assertThat(report.serverErrors()).as("5xx").isEmpty();
        assertThat(report.brokenChains()).as("chains broken").isEmpty();
        assertThat(report.duplicatedObligations()).as("duplicated obligations").isEmpty();
        assertThat(report.statuses().keySet()).as("answers over the races: " + report.statuses())
                .allMatch(s -> s == 200 || s == 409 || s == 422);
    }

    private static void race(int race, ExecutorService racers, RaceReport report) throws Exception {
        int a = race % 2;
        String c = preparedCourse("race-" + race, a);
        long m = 2 * 24L * 60;
        assertThat(post(a, "prescriber", c + "/dose-approvals", at(m, "route", "IM", "dose", "0.5 mg/kg"))
                .statusCode()).isEqualTo(200);
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<HttpResponse<String>>> starts = new ArrayList<>();
        for (int engine = 0; engine < 2; engine++) {
            int on = engine;
            starts.add(CompletableFuture.supplyAsync(() -> {
                try {
                    together.await(30, TimeUnit.SECONDS);
                    return post(on, "clinician", c + "/sessions", at(m + 10, "setting", List.of("pulse_oximeter"),
                            "preDoseVitals", Map.of("measuredAt", time(m + 5), "systolic", "122 mmHg", "diastolic", "80 mmHg")));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, racers));
        }
        int successes = 0;
        for (CompletableFuture<HttpResponse<String>> start : starts) {
            HttpResponse<String> answer = start.get(60, TimeUnit.SECONDS);
            report.statuses().merge(answer.statusCode(), 1, Integer::sum);
            if (answer.statusCode() >= 500) {
                report.serverErrors().add(c + ": " + answer.body());
            }
            successes += answer.statusCode() == 200 ? 1 : 0;
        }
        JsonNode course = JSON.readTree(send(1 - a, "auditor", c, null, null).body());
        if (successes != 1 || course.at("/sessions").size() != 1) {
            report.doubleBooked().add(c + ": " + successes + " successes, " + course.at("/sessions").size() + " sessions");
            return;
        }
        if (race % 5 != 0) {
            // the chain after the race, read on the engine that lost it (both read one store)
            JsonNode verification = JSON.readTree(send(1 - a, "auditor", c + "/verification", null, null).body());
            if (!verification.at("/intact").asBoolean()) {
                report.brokenChains().add(c + ": " + verification);
            }
            return;
        }
        // every fifth race goes on: discharged on the other engine, its obligations counted, its chain verified on both
        assertThat(post(1 - a, "clinician", c + "/discharge", at(m + 135, "scores", Map.of("moaas", 5), "escortPresent", true,
                "transport", "driven_by_escort")).statusCode()).as(c + " discharged").isEqualTo(200);
        long discharged = System.nanoTime();
        String id = c.substring(c.lastIndexOf('/') + 1);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                .until(() -> JSON.readTree(send(a, "auditor", "/api/v1/obligations?status=all&courseId=" + id, null, null).body())
                        .path("obligations").size() > 0);
        report.readModelDelays().add(System.nanoTime() - discharged);
        for (int engine = 0; engine < 2; engine++) {
            JsonNode verification = JSON.readTree(send(engine, "auditor", c + "/verification", null, null).body());
            if (!verification.at("/intact").asBoolean()) {
                report.brokenChains().add(c + " on engine " + engine + ": " + verification);
            }
        }
        String duplicate = duplicatedObligation(c, a);
        if (duplicate != null) {
            report.duplicatedObligations().add(duplicate);
        }
    }

    /**
     * Each obligation the course's events created is one row of the obligations read model on the engine asked
     * (read models are shared; a row written twice, or once per engine, would show here), once both engines'
     * projections have caught up.
     */
    private static String duplicatedObligation(String c, int engine) throws Exception {
        String id = c.substring(c.lastIndexOf('/') + 1);
        long created = JSON.readTree(send(engine, "auditor", c + "/history", null, null).body()).at("/events")
                .findValuesAsText("type").stream().filter("ObligationCreated"::equals).count();
        if (created == 0) {
            return c + ": discharge created no obligation to check";
        }
        List<String> rows = new ArrayList<>();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10)).until(() -> {
            rows.clear();
            JSON.readTree(send(engine, "auditor", "/api/v1/obligations?status=all&courseId=" + id, null, null).body()).path("obligations")
                    .forEach(row -> rows.add(row.at("/obligationId").asText()));
            return rows.size() >= created;
        });
        return rows.size() == created && rows.stream().distinct().count() == rows.size() ? null
                : c + ": " + created + " obligations created, rows " + rows;
    }

    @Test
    void the_overdue_check_runs_on_one_engine_at_a_time_and_marks_each_obligation_once() throws Exception {
        // a session 28 days ago: its monitoring form was due within 7 days, so it is overdue now
        String c = preparedCourse("overdue-" + java.util.UUID.randomUUID(), 0);
        long m = 2 * 24L * 60;
        assertThat(post(1, "prescriber", c + "/dose-approvals", at(m, "route", "IM", "dose", "0.5 mg/kg")).statusCode()).isEqualTo(200);
        assertThat(post(0, "clinician", c + "/sessions", at(m + 10, "setting", List.of("pulse_oximeter"),
                "preDoseVitals", Map.of("measuredAt", time(m + 5), "systolic", "122 mmHg", "diastolic", "80 mmHg"))).statusCode())
                .isEqualTo(200);
        assertThat(post(1, "clinician", c + "/discharge", at(m + 135, "scores", Map.of("moaas", 5), "escortPresent", true,
                "transport", "driven_by_escort")).statusCode()).isEqualTo(200);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                send(0, "auditor", "/api/v1/obligations", null, null).body().contains(c.substring(c.lastIndexOf('/') + 1)));

        // while one engine holds the check's lock, the other's check does not run
        var lock = first.getBean(net.javacrumbs.shedlock.core.LockProvider.class).lock(new net.javacrumbs.shedlock.core.LockConfiguration(
                Instant.now(), "overdue-obligations", Duration.ofMinutes(1), Duration.ZERO));
        assertThat(lock).as("the lock is free before the checks").isPresent();
        second.getBean(org.kap.api.obligations.OverdueScheduler.class).markOverdue();
        assertThat(overdueMarks(c)).as("the check did not run while the other engine held the lock").isZero();
        lock.get().unlock();

        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                CyclicBarrier together = new CyclicBarrier(2);
                List<CompletableFuture<Void>> checks = new ArrayList<>();
                for (ConfigurableApplicationContext engine : List.of(first, second)) {
                    checks.add(CompletableFuture.runAsync(() -> {
                        try {
                            together.await(30, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        engine.getBean(org.kap.api.obligations.OverdueScheduler.class).markOverdue();
                    }, both));
                }
                for (CompletableFuture<Void> check : checks) {
                    check.get(60, TimeUnit.SECONDS);
                }
            }
        } finally {
            both.shutdownNow();
        }
        assertThat(overdueMarks(c)).as("the monitoring form marked overdue once").isEqualTo(1);
        assertChainIntact(c);
    }

    private static long overdueMarks(String c) throws Exception {
        JsonNode history = JSON.readTree(send(0, "auditor", c + "/history", null, null).body()).at("/events");
        return history.findValuesAsText("type").stream().filter("ObligationOverdue"::equals).count();
    }
}
