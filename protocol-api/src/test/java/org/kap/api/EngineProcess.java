package org.kap.api;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The engine as operators run it: its own JVM (on this test's classpath, which surefire's booter jar lists),
 * on a given database, its output appended to a log. For what only a separate process shows: SIGKILL, SIGTERM,
 * the time to start. Demo users, example protocols not published, the overdue check out of the way.
 */
public final class EngineProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private EngineProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * A fresh database (TestDatabase's); on H2 only its data directory, so the engine runs on the URL it ships
     * with, its write delay included.
     */
    public static Map<String, String> freshDatabase() {
        Map<String, String> database = new java.util.LinkedHashMap<>(TestDatabase.fresh());
        if (!TestDatabase.postgres()) {
            database.remove("spring.datasource.url");
        }
        return database;
    }

    /**
     * Started and healthy (within 180 s). On H2, leave {@code spring.datasource.url} out of {@code database} for
     * the URL the engine ships with.
     */
    public static EngineProcess start(Map<String, String> database, Path log, String... moreArgs) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-Ddisable-axoniq-console-message=true", "-cp", System.getProperty("java.class.path"),
                KapApplication.class.getName(), "--server.port=" + port, "--kap.publish-example-protocols=false",
                "--kap.obligations.check-interval=1h", "--kap.obligations.first-check=1h"));
        database.forEach((name, value) -> command.add("--" + name + "=" + value));
        command.addAll(List.of(moreArgs));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        EngineProcess engine = new EngineProcess(process, port, log);
        engine.awaitHealthy(Duration.ofSeconds(180));
        return engine;
    }

    private void awaitHealthy(Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the engine stopped while starting; see " + log);
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the engine did not become healthy within " + within.toSeconds() + " s; see " + log);
    }

    /** The process's resident memory in MiB (VmRSS of /proc/PID/status; Linux). */
    public double residentMiB() throws java.io.IOException {
        for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmRSS for the engine process");
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    public HttpResponse<String> send(String user, String path, String body, String type) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-demo").getBytes()))
                // the signer's password again, which signed acts need (docs/security.md) and other requests ignore
                .header(org.kap.api.security.SignedActs.PASSWORD_HEADER, user + "-demo");
        return HTTP.send((body == null ? request.GET() : request.header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body))).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String user, String path, Map<String, Object> body) throws Exception {
        return send(user, path, JSON.writeValueAsString(body), "application/json");
    }

    /** Publishes the API tests' protocol, api-test version 1. */
    public void publishTestProtocol() throws Exception {
        try (InputStream protocol = EngineProcess.class.getResourceAsStream("/protocols/api-test.kap")) {
            HttpResponse<String> published = send("designer", "/api/v1/protocols",
                    new String(protocol.readAllBytes(), StandardCharsets.UTF_8), "text/plain");
            if (published.statusCode() != 201) {
                throw new AssertionError("api-test not published: " + published.body());
            }
            // the second signature that makes it active
            HttpResponse<String> approved = send("admin", "/api/v1/protocols/api-test/versions/1/approval", "", "application/json");
            if (approved.statusCode() != 200) {
                throw new AssertionError("api-test not approved: " + approved.body());
            }
        }
    }

    /** SIGKILL: no shutdown hook, nothing flushed; returns once the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as an operator's service manager stops it: the engine shuts down gracefully. */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to end; its exit code. */
    public int awaitExit(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the engine did not stop within " + within.toSeconds() + " s; see " + log);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
