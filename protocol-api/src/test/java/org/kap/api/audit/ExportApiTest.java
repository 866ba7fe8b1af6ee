package org.kap.api.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kap.api.ApiTest;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** An export verifies offline; a tampered export names the course and the sequence; garbage is unreadable. */
class ExportApiTest extends ApiTest {

    @TempDir
    Path dir;

    private String course() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        String id = "export-" + UUID.randomUUID();
        String c = "/api/v1/courses/" + id;
        Instant t = Instant.now().minus(2, ChronoUnit.DAYS);
        post("clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-x",
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", t.toString(),
                "profile", profile(40, "80 kg")));
        post("clinician", c + "/consent", Map.of("at", t.plusSeconds(60).toString()));
        post("therapist", c + "/preparation-sessions", Map.of("at", t.plusSeconds(120).toString()));
        post("prescriber", c + "/dose-approvals", Map.of("route", "IM", "dose", "0.5 mg/kg", "at", t.plusSeconds(180).toString()));
        return id;
    }

    /** The engine's signing key as an auditor fetches it, saved as a PEM file. */
    private Path engineKey() throws Exception {
        Answer keys = get("auditor", "/api/v1/audit/keys");
        assertThat(keys.status()).isEqualTo(200);
        String id = keys.text("/0/keyId");
        Answer pem = get("auditor", "/api/v1/audit/keys/" + id);
        assertThat(pem.headers().getContentType()).hasToString("application/x-pem-file");
        return Files.writeString(dir.resolve(id + ".pub"), pem.raw());
    }

    private String verify(Path file, int expectedExit) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new ExportVerifier(new PrintStream(out, true, StandardCharsets.UTF_8)).run("--key", engineKey().toString(), file.toString());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isEqualTo(expectedExit);
        return printed;
    }

    @Test
    void an_exported_course_verifies_offline_and_a_tampered_one_is_named() throws Exception {
        String id = course();
        Answer export = get("auditor", "/api/v1/courses/" + id + "/export");
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.headers().getContentType()).hasToString("application/x-ndjson");
        Path file = Files.writeString(dir.resolve("course.jsonl"), export.raw());
        assertThat(verify(file, ExportVerifier.INTACT)).contains("course " + id + ": intact, 4 events").contains("intact: 1 course(s)");

        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        int approval = lines.size() - 2; // the last event; the course's signed head follows it
        var event = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(lines.get(approval));
        String payload = new String(Base64.getDecoder().decode(event.path("payload").asText()), StandardCharsets.UTF_8);
        event.put("payload", Base64.getEncoder().encodeToString(payload.replace("\"booster\":false", "\"booster\":true")
                .getBytes(StandardCharsets.UTF_8)));
        lines.set(approval, json.writeValueAsString(event));
        Path tampered = Files.write(dir.resolve("tampered.jsonl"), lines);
        assertThat(verify(tampered, ExportVerifier.TAMPERED)).contains("course " + id + ": TAMPERED: at sequence 3");

        List<String> altered = new ArrayList<>(Files.readAllLines(file));
        for (int i = 0; i < altered.size(); i++) {
            if (altered.get(i).contains("\"kind\":\"protocol\"") && altered.get(i).contains("\"id\":\"api-test\"")) {
                altered.set(i, altered.get(i).replace("max 1.5 mg/kg per session", "max 9 mg/kg per session"));
            }
        }
        assertThat(verify(Files.write(dir.resolve("protocol.jsonl"), altered), ExportVerifier.TAMPERED))
                .contains("protocol api-test v1: its text does not match its SHA-256");
    }

    @Test
    void all_courses_export_together_and_garbage_is_unreadable() throws Exception {
        String a = course();
        String b = course();
        Answer all = get("admin", "/api/v1/courses-export");
        assertThat(all.status()).isEqualTo(200);
        String printed = verify(Files.writeString(dir.resolve("all.jsonl"), all.raw()), ExportVerifier.INTACT);
        assertThat(printed).contains("course " + a + ": intact").contains("course " + b + ": intact");

        assertThat(verify(Files.writeString(dir.resolve("garbage.jsonl"), "not json at all\n"), ExportVerifier.UNREADABLE))
                .contains("unreadable");
        assertThat(verify(dir.resolve("missing.jsonl"), ExportVerifier.UNREADABLE)).contains("unreadable");
        assertThat(get("clinician", "/api/v1/courses-export").status()).isEqualTo(403);
    }

    @Test
    void an_export_carries_the_libraries_its_protocols_import_and_names_one_missing_or_changed() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        assertThat(post("designer", "/api/v1/value-set-libraries", """
                library "export-terms-%s" version 1
                value sets:
                  set psychotic_disorders: words schizophrenia icd-10-cm F20-F29 cite "ICD-10-CM FY2025"
                """.formatted(suffix)).status()).isEqualTo(201);
        assertThat(post("designer", "/api/v1/protocols", """
                protocol "export-importing-%s" version 1
                status active
                import psychotic_disorders from "export-terms-%s" version 1
                screening:
                  rule CI-PSYCHOSIS absolute: exclude when diagnosis in psychotic_disorders message "m" cite "c"
                dosing route IM:
                  rule DOSE-IM-MAX: max 1 mg/kg per session message "m" cite "c"
                observation:
                  rule OBS-MIN: at least 120 min after dose_start message "m" cite "c"
                """.formatted(suffix, suffix)).status()).isEqualTo(201);
        String id = "export-lib-" + UUID.randomUUID();
        assertThat(post("clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-x",
                "protocol", Map.of("id", "export-importing-" + suffix, "version", 1), "indication", "depression",
                "profile", profile(40, "80 kg"))).status()).isEqualTo(201);
        String export = get("auditor", "/api/v1/courses/" + id + "/export").raw();
        Path file = Files.writeString(dir.resolve("with-library.jsonl"), export);
        assertThat(verify(file, ExportVerifier.INTACT)).contains("library version(s)");

        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        int library = lines.indexOf(lines.stream().filter(l -> l.contains("\"kind\":\"library\"")
                && l.contains("export-terms-" + suffix)).findFirst().orElseThrow());
        var line = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(lines.get(library));
        line.put("sourceText", line.path("sourceText").asText().replace("F20-F29", "F21-F29"));
        List<String> changed = new ArrayList<>(lines);
        changed.set(library, json.writeValueAsString(line));
        assertThat(verify(Files.write(dir.resolve("changed-library.jsonl"), changed), ExportVerifier.TAMPERED))
                .contains("library export-terms-" + suffix + " v1: its text does not match its SHA-256");
        List<String> dropped = new ArrayList<>(lines);
        dropped.remove(library);
        assertThat(verify(Files.write(dir.resolve("dropped-library.jsonl"), dropped), ExportVerifier.TAMPERED))
                .contains("protocol export-importing-" + suffix + " v1 imports library export-terms-" + suffix
                        + " v1, which is not in the export");
    }
}
