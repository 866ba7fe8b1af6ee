package org.kap.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stopping the engine as a service manager does (SIGTERM) drains the requests in flight: a screening whose
 * body is still arriving when the stop begins is read, decided, recorded and answered before the process
 * ends, and the course is there, chain intact, when the engine starts again on the same data.
 */
class GracefulShutdownTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> database = EngineProcess.freshDatabase();
    private EngineProcess engine;

    @AfterEach
    void stop() throws InterruptedException {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void a_request_in_flight_when_the_engine_is_told_to_stop_is_answered_and_recorded() throws Exception {
        Path log = Files.createTempFile("kap-shutdown-engine-", ".log");
        engine = EngineProcess.start(database, log);
        engine.publishTestProtocol();
        String at = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES).toString();
        byte[] body = JSON.writeValueAsBytes(Map.of("courseId", "drained", "clientId", "client-drained",
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", at,
                "profile", Map.of("ageYears", 40, "weight", "80 kg", "pregnant", false, "breastfeeding", false,
                        "vitals", Map.of("systolic", "124 mmHg", "diastolic", "78 mmHg"))));
        int half = body.length / 2;

        RawHttp.Response answer;
        try (Socket socket = new Socket("localhost", engine.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/courses HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: Basic " + Base64.getEncoder().encodeToString("clinician:clinician-demo".getBytes())
                    + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, 0, half);
            out.flush();
            // the request is in the engine's hands, half its body read, when the stop begins
            Thread.sleep(500);
            engine.terminate();
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(log).contains("Commencing graceful shutdown"));
            out.write(body, half, body.length - half);
            out.flush();
            answer = RawHttp.read(socket.getInputStream());
        }
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        engine.awaitExit(Duration.ofSeconds(60));
        assertThat(Files.readString(log)).contains("Graceful shutdown complete");

        engine = EngineProcess.start(database, log);
        JsonNode course = JSON.readTree(engine.send("auditor", "/api/v1/courses/drained", null, null).body());
        assertThat(course.at("/courseId").asText()).as(course.toString()).isEqualTo("drained");
        JsonNode verification = JSON.readTree(engine.send("auditor", "/api/v1/courses/drained/verification", null, null).body());
        assertThat(verification.at("/intact").asBoolean()).as(verification.toString()).isTrue();
        Files.deleteIfExists(log);
    }
}
