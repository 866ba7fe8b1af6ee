package org.kap.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backup taken while the engine runs restores to an engine that holds every course as it stood at the
 * backup, with intact chains, and goes on recording: on H2 with the database's own online backup
 * ({@code BACKUP TO}), on PostgreSQL with {@code pg_dump} and {@code pg_restore} into a new database, as the
 * README's backup section says.
 */
class BackupRestoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ConfigurableApplicationContext start(Map<String, String> database) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--kap.publish-example-protocols=false",
                "--kap.obligations.check-interval=1h", "--kap.obligations.first-check=1h"));
        database.forEach((name, value) -> args.add("--" + name + "=" + value));
        return new SpringApplicationBuilder(KapApplication.class).run(args.toArray(String[]::new));
    }

    private static HttpResponse<String> send(ConfigurableApplicationContext engine, String user, String path, String body,
                                             String type) throws Exception {
        int port = ((WebServerApplicationContext) engine).getWebServer().getPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-demo").getBytes()))
                // the signer's password again, which signed acts need (docs/security.md) and other requests ignore
                .header(org.kap.api.security.SignedActs.PASSWORD_HEADER, user + "-demo");
        return HTTP.send((body == null ? request.GET() : request.header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(ConfigurableApplicationContext engine, String user, String path, Map<String, Object> body)
            throws Exception {
        return send(engine, user, path, JSON.writeValueAsString(body), "application/json");
    }

    private static JsonNode course(ConfigurableApplicationContext engine, String id) throws Exception {
        return JSON.readTree(send(engine, "auditor", "/api/v1/courses/" + id, null, null).body());
    }

    private static boolean intact(ConfigurableApplicationContext engine, String id) throws Exception {
        return JSON.readTree(send(engine, "auditor", "/api/v1/courses/" + id + "/verification", null, null).body())
                .at("/intact").asBoolean();
    }

    @Test
    void a_backup_taken_while_the_engine_runs_restores_every_course_with_intact_chains() throws Exception {
        Map<String, String> database = new LinkedHashMap<>(TestDatabase.fresh());
        Instant t = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        List<String> courses = List.of("backup-a", "backup-b", "backup-c");
        Map<String, Long> entriesAtBackup = new LinkedHashMap<>();
        Map<String, String> restored;
        try (ConfigurableApplicationContext engine = start(database);
             InputStream protocol = getClass().getResourceAsStream("/protocols/api-test.kap")) {
            assertThat(send(engine, "designer", "/api/v1/protocols", new String(protocol.readAllBytes(), StandardCharsets.UTF_8),
                    "text/plain").statusCode()).isEqualTo(201);
            // the second signature that makes it active
            assertThat(send(engine, "admin", "/api/v1/protocols/api-test/versions/1/approval", "", "application/json").statusCode())
                    .isEqualTo(200);
            for (String id : courses) {
                assertThat(post(engine, "clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-" + id,
                        "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", t.toString(),
                        "profile", Map.of("ageYears", 40, "weight", "80 kg", "pregnant", false, "breastfeeding", false,
                                "vitals", Map.of("systolic", "124 mmHg", "diastolic", "78 mmHg")))).statusCode()).isEqualTo(201);
                assertThat(post(engine, "clinician", "/api/v1/courses/" + id + "/consent",
                        Map.of("at", t.plus(5, ChronoUnit.MINUTES).toString())).statusCode()).isEqualTo(200);
                entriesAtBackup.put(id, course(engine, id).at("/entries").asLong());
            }
            restored = TestDatabase.postgres() ? pgDumpAndRestore(database) : h2Backup(engine, database);
            // recorded after the backup: not in what is restored
            assertThat(post(engine, "therapist", "/api/v1/courses/backup-a/preparation-sessions",
                    Map.of("at", t.plus(60, ChronoUnit.MINUTES).toString())).statusCode()).isEqualTo(200);
        }
        try (ConfigurableApplicationContext engine = start(restored)) {
            for (String id : courses) {
                assertThat(course(engine, id).at("/entries").asLong()).as(id + " as it stood at the backup")
                        .isEqualTo(entriesAtBackup.get(id));
                assertThat(intact(engine, id)).as("the chain of " + id + " after the restore").isTrue();
            }
            assertThat(post(engine, "therapist", "/api/v1/courses/backup-a/preparation-sessions",
                    Map.of("at", t.plus(60, ChronoUnit.MINUTES).toString())).statusCode()).as("the restored store records").isEqualTo(200);
            assertThat(intact(engine, "backup-a")).isTrue();
        }
    }

    /**
     * H2's online backup (a consistent copy while the engine runs), unpacked into a new data directory; the
     * signing keys, kept apart from the database, are the engine's own (restored from their own backup).
     */
    private static Map<String, String> h2Backup(ConfigurableApplicationContext engine, Map<String, String> database) throws Exception {
        Path zip = Files.createTempFile("kap-backup-", ".zip");
        Files.delete(zip);
        engine.getBean(JdbcTemplate.class).execute("BACKUP TO '" + zip + "'");
        Path restoredDir = Files.createTempDirectory("kap-restored-");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Files.copy(in, restoredDir.resolve(Path.of(entry.getName()).getFileName()));
            }
        }
        Files.delete(zip);
        return Map.of("spring.datasource.url", "jdbc:h2:file:" + restoredDir.resolve("kap") + ";AUTO_SERVER=FALSE;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE",
                "kap.data-dir", restoredDir.toString(), "kap.signing.key-dir", Path.of(database.get("kap.data-dir")).resolve("keys").toString());
    }

    /** pg_dump of the engine's schema while it runs, restored with pg_restore into a new database. */
    private static Map<String, String> pgDumpAndRestore(Map<String, String> database) throws Exception {
        String url = database.get("spring.datasource.url");
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        String user = System.getProperty("kap.test.postgres.user", "postgres");
        Path dump = Files.createTempFile("kap-backup-", ".dump");
        String restoredDb = "kap_restore_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        run("pg_dump", "-h", "127.0.0.1", "-U", user, "-Fc", "-n", schema, "-f", dump.toString(), "test");
        run("createdb", "-h", "127.0.0.1", "-U", user, restoredDb);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                run("dropdb", "-h", "127.0.0.1", "-U", user, "--if-exists", restoredDb);
            } catch (Exception ignored) {
                // best effort: a leftover database is named kap_restore_*
            }
        }));
        run("pg_restore", "-h", "127.0.0.1", "-U", user, "-d", restoredDb, dump.toString());
        Files.delete(dump);
        Map<String, String> restored = new LinkedHashMap<>(database);
        restored.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1:5432/" + restoredDb + "?currentSchema=" + schema);
        return restored;
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
