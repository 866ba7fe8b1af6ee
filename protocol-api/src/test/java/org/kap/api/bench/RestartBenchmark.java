package org.kap.api.bench;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.kap.api.EngineProcess;
import org.kap.api.KapApplication;
import org.kap.api.TestDatabase;
import org.kap.core.audit.ChainHasher;
import org.kap.core.course.Actor;
import org.kap.core.course.CourseCommand;
import org.kap.core.outcome.Instrument;
import org.kap.core.rule.Role;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Not part of the suite (surefire does not pick up *Benchmark): how long the engine takes to start on a store
 * of {@code kap.bench.events} events (200,000 by default) in courses of 200 events. The store is filled by an
 * engine in this JVM (see fill), which is then stopped. Then the engine
 * is started three times as a separate process, as an operator starts it, and timed from the process start
 * to a healthy answer, and to the first command answered on an old course (loaded from its snapshot and the
 * events after it) and the first page of the course list. Run as docs/benchmarks.md says. It prints numbers
 * and asserts nothing about time.
 */
class RestartBenchmark {

    private static final Actor CLINICIAN = Actor.of("clinician", Role.CLINICIAN);

    @Test
    void time_to_ready_on_a_large_store() throws Exception {
        int events = Integer.getInteger("kap.bench.events", 200_000);
        int courses = Math.max(1, events / 200);
        Map<String, String> database = EngineProcess.freshDatabase();
        Instant t = Instant.now().minus(300, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        long stored = fill(database, courses, events, t);
        awaitReleased(database);

        Path log = Files.createTempFile("kap-restart-bench-", ".log");
        System.out.printf("%nrestart on %s with %,d events in %,d courses%n", TestDatabase.postgres() ? "PostgreSQL" : "H2",
                stored, courses);
        for (int run = 1; run <= 3; run++) {
            long began = System.nanoTime();
            try (EngineProcess engine = EngineProcess.start(database, log)) {
                long healthy = System.nanoTime();
                HttpResponse<String> command = engine.post("clinician", "/api/v1/courses/restart-" + (run * 7) + "/outcome-measures",
                        Map.of("instrument", "phq9", "score", 9, "at", t.plus(200 + run, ChronoUnit.DAYS).toString()));
                long commanded = System.nanoTime();
                HttpResponse<String> list = engine.send("auditor", "/api/v1/courses?size=100", null, null);
                long listed = System.nanoTime();
                HttpResponse<String> verified = engine.send("auditor", "/api/v1/courses/restart-" + (run * 7) + "/verification", null, null);
                long checked = System.nanoTime();
                if (command.statusCode() != 200 || list.statusCode() != 200 || !verified.body().contains("\"intact\":true")) {
                    throw new IllegalStateException("after restart: " + command.body() + " / " + list.statusCode() + " / " + verified.body());
                }
                HttpResponse<String> heap = engine.send("admin", "/actuator/metrics/jvm.memory.used?tag=area:heap", null, null);
                double heapMiB = new com.fasterxml.jackson.databind.ObjectMapper().readTree(heap.body())
                        .at("/measurements/0/value").asDouble() / (1024 * 1024);
                System.out.printf("run %d: healthy after %5.1f s; first command %4.0f ms; first course-list page %4.0f ms; "
                                + "a course verified intact in %4.0f ms; resident memory %4.0f MiB, heap in use %4.0f MiB%n", run,
                        (healthy - began) / 1e9, (commanded - healthy) / 1e6, (listed - commanded) / 1e6, (checked - listed) / 1e6,
                        engine.residentMiB(), heapMiB);
                engine.terminate();
                engine.awaitExit(java.time.Duration.ofSeconds(60));
            }
        }
        Files.deleteIfExists(log);
    }

    /** An embedded H2 file is released a moment after its last connection closes; the next engine waits for that. */
    private static void awaitReleased(Map<String, String> database) throws Exception {
        if (TestDatabase.postgres()) {
            return;
        }
        String url = "jdbc:h2:file:" + Path.of(database.get("kap.data-dir")).resolve("kap") + ";IFEXISTS=TRUE";
        for (int attempt = 0; attempt < 120; attempt++) {
            try (var connection = java.sql.DriverManager.getConnection(url, "sa", "")) {
                return;
            } catch (java.sql.SQLException stillOpen) {
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("the store was not released within a minute");
    }

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    private static HttpResponse<String> post(int port, String user, String path, String body, String type) throws Exception {
        return HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + user + "-demo").getBytes()))
                .header(org.kap.api.security.SignedActs.PASSWORD_HEADER, user + "-demo")
                .header("Content-Type", type).POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void publishTestProtocol(int port) throws Exception {
        try (java.io.InputStream protocol = RestartBenchmark.class.getResourceAsStream("/protocols/api-test.kap")) {
            HttpResponse<String> published = post(port, "designer", "/api/v1/protocols",
                    new String(protocol.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), "text/plain");
            if (published.statusCode() != 201 && published.statusCode() != 200) {
                throw new IllegalStateException("api-test not published: " + published.statusCode());
            }
            if (published.statusCode() == 201) {
                // the second signature that makes it active
                HttpResponse<String> approved = post(port, "admin", "/api/v1/protocols/api-test/versions/1/approval", "", "application/json");
                if (approved.statusCode() != 200) {
                    throw new IllegalStateException("api-test not approved: " + approved.body());
                }
            }
        }
    }

    private static void screen(int port, String id, Instant t) throws Exception {
        HttpResponse<String> screened = post(port, "clinician", "/api/v1/courses", new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(Map.of("courseId", id, "clientId", "client-" + id, "protocol", Map.of("id", "api-test", "version", 1),
                        "indication", "depression", "at", t.toString(), "profile", Map.of("ageYears", 40, "weight", "80 kg",
                                "pregnant", false, "breastfeeding", false, "vitals", Map.of("systolic", "124 mmHg", "diastolic", "78 mmHg")))),
                "application/json");
        if (screened.statusCode() != 201) {
            throw new IllegalStateException(screened.body());
        }
    }

    /**
     * The store filled to at least {@code events} events; the number stored. One template course is recorded through
     * the engine (screened over HTTP, then outcome measures through the command gateway); the others are its copies
     * under new ids, written straight into the event table in batches with their chains recomputed and their heads
     * signed, as the engine would have stored them (recording them one command at a time would take most of an hour
     * on this machine). The read models then catch up through the engine's own projections.
     */
    private static long fill(Map<String, String> database, int courses, int events, Instant t) throws Exception {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--kap.obligations.check-interval=1h",
                "--kap.obligations.first-check=1h", "--kap.publish-example-protocols=false", "--logging.level.root=WARN"));
        database.forEach((name, value) -> args.add("--" + name + "=" + value));
        try (ConfigurableApplicationContext engine = new SpringApplicationBuilder(KapApplication.class).run(args.toArray(String[]::new))) {
            JdbcTemplate jdbc = engine.getBean(JdbcTemplate.class);
            CommandGateway commands = engine.getBean(CommandGateway.class);
            int port = ((org.springframework.boot.web.context.WebServerApplicationContext) engine).getWebServer().getPort();
            publishTestProtocol(port);
            int perCourse = events / courses;
            String template = "restart-0";
            screen(port, template, t);
            for (int i = 1; i < perCourse; i++) {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(new CourseCommand.RecordOutcomeMeasure(template,
                        Instrument.PHQ9, i % 28, CLINICIAN, t.plus(i, ChronoUnit.HOURS))));
            }
            org.kap.api.audit.StoredEvents stored = engine.getBean(org.kap.api.audit.StoredEvents.class);
            org.kap.api.audit.Checkpoints checkpoints = engine.getBean(org.kap.api.audit.Checkpoints.class);
            org.springframework.transaction.support.TransactionTemplate transaction =
                    engine.getBean(org.springframework.transaction.support.TransactionTemplate.class);
            com.fasterxml.jackson.databind.ObjectMapper json = engine.getBean(com.fasterxml.jackson.databind.ObjectMapper.class);
            List<ChainHasher.StoredEvent> rows = stored.of(template);
            List<String> types = jdbc.queryForList("SELECT type FROM DomainEventEntry WHERE aggregateIdentifier = ? ORDER BY sequenceNumber",
                    String.class, template);
            for (int c = 1; c < courses; c++) {
                String id = "restart-" + c;
                List<Object[]> batch = new ArrayList<>();
                String previous = ChainHasher.GENESIS;
                for (int n = 0; n < rows.size(); n++) {
                    ChainHasher.StoredEvent e = rows.get(n);
                    byte[] payload = new String(e.payload(), java.nio.charset.StandardCharsets.UTF_8)
                            .replace("\"" + template + "\"", "\"" + id + "\"").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    Map<String, String> metadata = new java.util.HashMap<>(e.metadata());
                    metadata.put(ChainHasher.PREVIOUS_HASH, previous);
                    previous = ChainHasher.hash(previous, new ChainHasher.StoredEvent(id, e.sequence(), e.payloadType(), e.payloadRevision(),
                            e.timestamp(), payload, metadata));
                    metadata.put(ChainHasher.HASH, previous);
                    batch.add(new Object[] {id, e.sequence(), types.get(n), java.util.UUID.randomUUID().toString(), json.writeValueAsBytes(metadata),
                            payload, e.payloadRevision(), e.payloadType(), e.timestamp()});
                }
                String head = previous;
                transaction.executeWithoutResult(status -> {
                    jdbc.batchUpdate("INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, metaData, "
                            + "payload, payloadRevision, payloadType, timeStamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", batch);
                    checkpoints.extend(id, 0, ChainHasher.GENESIS, rows.size(), head);
                });
            }
            Long count = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
            // let the read models catch up, as they would before an operator's restart
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(20)).pollInterval(java.time.Duration.ofSeconds(1)).until(() ->
                    jdbc.queryForObject("SELECT COUNT(*) FROM course_summary", Long.class) >= courses);
            return count == null ? 0 : count;
        }
    }
}
