package org.kap.api.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kap.api.ApiTest;
import org.kap.core.audit.ChainHasher;
import org.kap.core.audit.ChainVerification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tamperer who knows the chain: they change a recorded dose and recompute every later hash, as a short
 * script does, in the database and in an export. The chain alone would call that intact; the signed head does
 * not. Cutting a course's newest events, deleting a course, and every byte of an export are covered too.
 */
class SignedHeadApiTest extends ApiTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StoredEvents stored;

    @Autowired
    EngineKeys keys;

    @Autowired
    TreeHeads treeHeads;

    @TempDir
    Path dir;

    /** Screened, consented, prepared, a dose of 0.5 mg/kg approved: four events. */
    private String course() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        String id = "tamper-" + UUID.randomUUID();
        String c = "/api/v1/courses/" + id;
        Instant t = Instant.now().minus(2, ChronoUnit.DAYS);
        assertThat(post("clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-x",
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", t.toString(),
                "profile", profile(40, "80 kg"))).status()).isEqualTo(201);
        post("clinician", c + "/consent", Map.of("at", t.plusSeconds(60).toString()));
        post("therapist", c + "/preparation-sessions", Map.of("at", t.plusSeconds(120).toString()));
        assertThat(post("prescriber", c + "/dose-approvals", Map.of("route", "IM", "dose", "0.5 mg/kg", "at",
                t.plusSeconds(180).toString())).status()).isEqualTo(200);
        return id;
    }

    private Answer verification(String id) {
        return get("auditor", "/api/v1/courses/" + id + "/verification");
    }

    private static List<ChainHasher.StoredEvent> rewritten(List<ChainHasher.StoredEvent> events, java.util.function.UnaryOperator<String> edit) {
        return rewritten(events, edit, null);
    }

    /**
     * The strong attacker's script over a course's events: {@code edit} applied to each payload, then every hash
     * from the first changed event on recomputed and written back, so the chain is consistent again; with
     * {@code key} (the key holder), signatures re-sealed too.
     */
    private static List<ChainHasher.StoredEvent> rewritten(List<ChainHasher.StoredEvent> events, java.util.function.UnaryOperator<String> edit,
                                                           org.kap.core.audit.EngineKey key) {
        List<ChainHasher.StoredEvent> out = new ArrayList<>();
        String previous = ChainHasher.GENESIS;
        for (ChainHasher.StoredEvent e : events) {
            Map<String, String> metadata = new HashMap<>(e.metadata());
            metadata.put(ChainHasher.PREVIOUS_HASH, previous);
            byte[] payload = edit.apply(new String(e.payload(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            if (metadata.containsKey(ChainVerification.SIGNED_CONTENT)) {
                // the approval's "signature" is bound to its record by a hash anyone can recompute too
                metadata.put(ChainVerification.SIGNED_CONTENT, ChainHasher.signedContent(e.aggregateId(), e.sequence(), e.payloadType(), payload));
            }
            if (key != null && metadata.containsKey(ChainVerification.SEAL)) {
                metadata.put(ChainVerification.SEAL_KEY_ID, key.id());
                metadata.put(ChainVerification.SEAL, key.sign(ChainVerification.sealedContent(metadata)));
            }
            ChainHasher.StoredEvent changed = new ChainHasher.StoredEvent(e.aggregateId(), e.sequence(), e.payloadType(),
                    e.payloadRevision(), e.timestamp(), payload, metadata);
            previous = ChainHasher.hash(previous, changed);
            metadata.put(ChainHasher.HASH, previous);
            out.add(changed);
        }
        return out;
    }

    private static String halvedDose(String payload) {
        return payload.replace("\"value\":0.5}", "\"value\":0.25}");
    }

    @Test
    void a_dose_rewritten_in_the_database_with_every_hash_recomputed_is_detected() throws Exception {
        String id = course();
        assertThat(verification(id).body().at("/intact").asBoolean()).isTrue();
        List<ChainHasher.StoredEvent> events = stored.of(id);
        assertThat(new String(events.get(3).payload(), StandardCharsets.UTF_8)).as("the approval as stored").contains("\"value\":0.5}");
        for (ChainHasher.StoredEvent e : rewritten(events, SignedHeadApiTest::halvedDose)) {
            jdbc.update("UPDATE DomainEventEntry SET payload = ?, metaData = ? WHERE aggregateIdentifier = ? AND sequenceNumber = ?",
                    e.payload(), json.writeValueAsBytes(e.metadata()), id, e.sequence());
        }
        assertThat(new String(stored.of(id).get(3).payload(), StandardCharsets.UTF_8)).contains("\"value\":0.25}");

        // the approval is a signed act: its seal shows the change first
        Answer verdict = verification(id);
        assertThat(verdict.body().at("/intact").asBoolean()).as(verdict.raw()).isFalse();
        assertThat(verdict.body().at("/firstBrokenSequence").asLong()).isEqualTo(3);
        assertThat(verdict.text("/problem")).contains("does not carry the engine's seal");
        assertThat(verdict.body().at("/signedEvents").asLong()).isEqualTo(4);

        // and the engine never signs over it: the next act on the course is refused, and nothing is recorded
        Answer refused = post("therapist", "/api/v1/courses/" + id + "/preparation-sessions",
                Map.of("at", Instant.now().minus(1, ChronoUnit.DAYS).toString()));
        assertThat(refused.status()).as(refused.raw()).isEqualTo(503);
        assertThat(refused.text("/type")).isEqualTo("/problems/course-integrity");
        assertThat(refused.text("/detail")).contains("they were rewritten");
        assertThat(stored.of(id)).hasSize(4);

        // an entry that is not signed, rewritten the same way: the course's signed head shows it
        String other = course();
        for (ChainHasher.StoredEvent e : rewritten(stored.of(other), payload -> payload.replace("\"number\":1", "\"number\":2"))) {
            jdbc.update("UPDATE DomainEventEntry SET payload = ?, metaData = ? WHERE aggregateIdentifier = ? AND sequenceNumber = ?",
                    e.payload(), json.writeValueAsBytes(e.metadata()), other, e.sequence());
        }
        assertThat(new String(stored.of(other).get(2).payload(), StandardCharsets.UTF_8)).contains("\"number\":2");
        assertThat(verification(other).text("/problem")).contains("rewritten and its hashes recomputed");
    }

    @Test
    void the_newest_events_cut_off_and_a_course_deleted_are_detected() {
        String cut = course();
        jdbc.update("DELETE FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = 3", cut);
        Answer verdict = verification(cut);
        assertThat(verdict.body().at("/intact").asBoolean()).as(verdict.raw()).isFalse();
        assertThat(verdict.text("/problem")).contains("3 events where 4 were signed");
        Answer refused = post("therapist", "/api/v1/courses/" + cut + "/preparation-sessions",
                Map.of("at", Instant.now().minus(1, ChronoUnit.DAYS).toString()));
        assertThat(refused.status()).as("the cut is not papered over by the next act").isEqualTo(503);
        assertThat(refused.text("/detail")).contains("covers 4 events but the store holds 3");

        String gone = course();
        jdbc.update("DELETE FROM SnapshotEventEntry WHERE aggregateIdentifier = ?", gone);
        jdbc.update("DELETE FROM DomainEventEntry WHERE aggregateIdentifier = ?", gone);
        verdict = verification(gone);
        assertThat(verdict.status()).as("not 'no such course': its signed head remains").isEqualTo(200);
        assertThat(verdict.body().at("/intact").asBoolean()).isFalse();
        assertThat(verdict.text("/problem")).contains("0 events where 4 were signed");
    }

    @Test
    void a_deleted_checkpoint_and_a_clumsy_edit_are_detected() {
        String unsigned = course();
        jdbc.update("DELETE FROM course_checkpoint WHERE course_id = ?", unsigned);
        assertThat(verification(unsigned).text("/problem")).contains("no signed head");
        Answer refused = post("therapist", "/api/v1/courses/" + unsigned + "/preparation-sessions",
                Map.of("at", Instant.now().minus(1, ChronoUnit.DAYS).toString()));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.text("/detail")).contains("4 stored events but no signed head");

        String clumsy = course();
        jdbc.update("UPDATE DomainEventEntry SET payload = ? WHERE aggregateIdentifier = ? AND sequenceNumber = 3",
                halvedDose(new String(stored.of(clumsy).get(3).payload(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8), clumsy);
        Answer verdict = verification(clumsy);
        assertThat(verdict.body().at("/firstBrokenSequence").asLong()).as(verdict.raw()).isEqualTo(3);
        assertThat(verdict.text("/problem")).as("the approval's signature binding sees the edit first").contains("the record changed");
    }

    /** The next act chains onto its course's last stored hash: a last event stripped of it is refused, not a 500. */
    @Test
    void a_last_event_stripped_of_its_hash_takes_no_more_acts() throws Exception {
        String stripped = course();
        byte[] asStored = jdbc.queryForObject("SELECT metaData FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = 3",
                byte[].class, stripped);
        Map<String, String> metadata = new HashMap<>(stored.of(stripped).get(3).metadata());
        assertThat(metadata.remove(ChainHasher.HASH)).isNotNull();
        jdbc.update("UPDATE DomainEventEntry SET metaData = ? WHERE aggregateIdentifier = ? AND sequenceNumber = 3",
                json.writeValueAsBytes(metadata), stripped);
        try {
            Answer refused = post("therapist", "/api/v1/courses/" + stripped + "/outcome-measures", Map.of("instrument", "phq9", "score", 12));

            assertThat(refused.status()).as(refused.raw()).isEqualTo(503);
            assertThat(refused.text("/detail")).contains("its event 3 carries no chain hash");
            assertThat(stored.of(stripped)).hasSize(4);
        } finally { // restored, so the export this class checks whole stays intact
            jdbc.update("UPDATE DomainEventEntry SET metaData = ? WHERE aggregateIdentifier = ? AND sequenceNumber = 3", asStored, stripped);
        }
    }

    /**
     * The engine remembers the heads it signed and skips their Ed25519 check when the stored head is exactly one of
     * them; a head edited in the database after it was signed (its signature kept) is no longer that head, and is
     * checked and refused at the next act, as is an older head this engine itself signed, put back.
     */
    @Test
    void a_head_edited_or_put_back_after_this_engine_signed_it_is_refused_at_the_next_act() {
        String edited = course();
        jdbc.update("UPDATE course_checkpoint SET signed_at = ? WHERE course_id = ?", "2020-01-01T00:00:00Z", edited);
        Answer refused = post("therapist", "/api/v1/courses/" + edited + "/preparation-sessions",
                Map.of("at", Instant.now().minus(1, ChronoUnit.DAYS).toString()));
        assertThat(refused.status()).as(refused.raw()).isEqualTo(503);
        assertThat(refused.text("/detail")).contains("does not verify under a trusted key");

        String rolledBack = course();
        Map<String, Object> older = jdbc.queryForMap("SELECT * FROM course_checkpoint WHERE course_id = ?", rolledBack);
        Answer next = post("therapist", "/api/v1/courses/" + rolledBack + "/outcome-measures", Map.of("instrument", "phq9", "score", 12));
        assertThat(next.status() / 100).as(next.raw()).isEqualTo(2);
        // queryForMap's keys ignore case: the same on H2 (upper case) and PostgreSQL (lower case)
        jdbc.update("UPDATE course_checkpoint SET event_count = ?, head_hash = ?, signed_at = ?, signature = ? WHERE course_id = ?",
                older.get("event_count"), older.get("head_hash"), older.get("signed_at"), older.get("signature"), rolledBack);
        Answer onOlder = post("therapist", "/api/v1/courses/" + rolledBack + "/outcome-measures", Map.of("instrument", "phq9", "score", 11));
        assertThat(onOlder.status()).as(onOlder.raw()).isEqualTo(503);
        assertThat(onOlder.text("/detail")).contains("covers 4 events but the store holds 5");
    }

    // ---- the rules themselves: a published text changed in the database

    /** The API tests' protocol under a fresh id, published; its id. */
    private String freshProtocol() throws Exception {
        String id = "sealed-" + UUID.randomUUID().toString().substring(0, 8);
        try (var in = getClass().getResourceAsStream("/protocols/api-test.kap")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("protocol \"api-test\" version 1",
                    "protocol \"" + id + "\" version 1");
            assertThat(post("designer", "/api/v1/protocols", text).status()).isEqualTo(201);
        }
        return id;
    }

    /** The strong attacker on the catalog: a laxer session maximum, and the recorded SHA-256 made to match. */
    private void loosen(String protocolId) {
        String text = jdbc.queryForObject("SELECT source_text FROM protocol_version WHERE protocol_id = ?", String.class, protocolId);
        String laxer = text.replace("max 1.5 mg/kg per session", "max 9 mg/kg per session");
        assertThat(laxer).isNotEqualTo(text);
        jdbc.update("UPDATE protocol_version SET source_text = ?, source_sha256 = ? WHERE protocol_id = ?", laxer,
                ChainHasher.sha256(laxer.getBytes(StandardCharsets.UTF_8)), protocolId);
    }

    private Answer screen(String protocolId, String courseId) {
        return post("clinician", "/api/v1/courses", Map.of("courseId", courseId, "clientId", "client-x",
                "protocol", Map.of("id", protocolId, "version", 1), "indication", "depression",
                "at", Instant.now().minus(1, ChronoUnit.DAYS).toString(), "profile", profile(40, "80 kg")));
    }

    @Test
    void a_protocol_text_changed_in_the_database_is_not_enforced_and_verification_names_it() throws Exception {
        String untouched = freshProtocol();
        String course = "sealed-course-" + UUID.randomUUID();
        assertThat(screen(untouched, course).status()).isEqualTo(201);
        assertThat(verification(course).body().at("/intact").asBoolean()).isTrue();
        loosen(untouched);
        Answer verdict = verification(course);
        assertThat(verdict.body().at("/intact").asBoolean()).as(verdict.raw()).isFalse();
        assertThat(verdict.text("/problem")).contains("not the ones published")
                .contains("protocol " + untouched + " v1: its seal does not verify");

        String tampered = freshProtocol();
        loosen(tampered);
        Answer refused = screen(tampered, "never-" + UUID.randomUUID());
        assertThat(refused.status()).as(refused.raw()).isEqualTo(503);
        assertThat(refused.text("/type")).isEqualTo("/problems/protocol-integrity");
        assertThat(refused.text("/detail")).contains("protocol " + tampered + " v1").contains("decides nothing under it");
    }

    // ---- the anchor: against the one who holds the key

    @Test
    void a_course_rewritten_and_re_signed_by_the_key_holder_after_a_tree_head_fails_against_the_kept_anchor() throws Exception {
        String kept = course();
        String untouched = course();
        Answer made = post("admin", "/api/v1/audit/tree-heads", null);
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        long treeId = made.body().at("/treeId").asLong();
        long first = treeId;
        // nothing changed since: no new tree head (a scheduled act of another test's course may intervene once)
        int again = post("admin", "/api/v1/audit/tree-heads", null).status();
        for (int retry = 0; again != 200 && retry < 3; retry++) {
            again = post("admin", "/api/v1/audit/tree-heads", null).status();
        }
        assertThat(again).isEqualTo(200);
        // the auditor copies the anchor away; the engine only ever appends to it
        Path anchor = Files.copy(treeHeads.anchorFile(), dir.resolve("anchor-copy.jsonl"));
        List<String> anchored = Files.readAllLines(anchor);
        assertThat(anchored.stream().filter(line -> line.contains("\"treeId\":" + first + ",")).count()).isEqualTo(1);
        treeId = json.readTree(anchored.get(anchored.size() - 1)).path("treeId").asLong(); // the newest the auditor holds

        // the operator, with the database and the signing key: a dose rewritten, every hash recomputed, the head re-signed
        List<ChainHasher.StoredEvent> rewritten = rewritten(stored.of(kept), SignedHeadApiTest::halvedDose, keys.signing());
        for (ChainHasher.StoredEvent e : rewritten) {
            jdbc.update("UPDATE DomainEventEntry SET payload = ?, metaData = ? WHERE aggregateIdentifier = ? AND sequenceNumber = ?",
                    e.payload(), json.writeValueAsBytes(e.metadata()), kept, e.sequence());
        }
        org.kap.core.audit.Checkpoint resigned = org.kap.core.audit.Checkpoint.sign(kept, rewritten.size(),
                rewritten.get(rewritten.size() - 1).metadata().get(ChainHasher.HASH), Instant.now().toString(), keys.signing());
        jdbc.update("UPDATE course_checkpoint SET head_hash = ?, signed_at = ?, signature = ? WHERE course_id = ?", resigned.headHash(),
                resigned.signedAt(), resigned.signature(), kept);
        assertThat(verification(kept).body().at("/intact").asBoolean()).as("the key holder fools the signed head").isTrue();
        assertThat(post("admin", "/api/v1/audit/tree-heads", null).status()).as("the next tree head takes the rewrite in").isEqualTo(201);

        Path key = engineKey();
        List<String> exported = new ArrayList<>(List.of(get("auditor", "/api/v1/courses/" + kept + "/export?treeHead=" + treeId).raw()
                .split("\n")));
        assertThat(verify(exported, ExportVerifier.TAMPERED, "--key", key.toString(), "--tree-head", anchor.toString()))
                .contains("course " + kept + ": TAMPERED: tree head " + treeId)
                .contains("does not extend them: it was rewritten or cut after that tree head");
        List<String> fine = new ArrayList<>(List.of(get("auditor", "/api/v1/courses/" + untouched + "/export?treeHead=" + treeId).raw()
                .split("\n")));
        assertThat(verify(fine, ExportVerifier.INTACT, "--key", key.toString(), "--tree-head", anchor.toString()))
                .contains("every course proven in the given tree head");

        // rewriting the stored leaves too does not help: the proof no longer leads to the anchored root
        jdbc.update("UPDATE tree_leaf SET head_hash = ? WHERE course_id = ? AND tree_id = ?",
                rewritten.get(rewritten.size() - 1).metadata().get(ChainHasher.HASH), kept, treeId);
        exported = new ArrayList<>(List.of(get("auditor", "/api/v1/courses/" + kept + "/export?treeHead=" + treeId).raw().split("\n")));
        assertThat(verify(exported, ExportVerifier.TAMPERED, "--key", key.toString(), "--tree-head", anchor.toString()))
                .contains("its leaf is not in tree head " + treeId);
        assertThat(get("auditor", "/api/v1/courses/" + kept + "/export?treeHead=999999").status()).isEqualTo(404);

        // an exporter cannot pick an older tree head than the newest the auditor holds
        Files.writeString(anchor, "{\"kind\":\"tree-head\",\"treeId\":" + (treeId + 1) + "}\n", StandardOpenOption.APPEND);
        assertThat(verify(fine, ExportVerifier.TAMPERED, "--key", key.toString(), "--tree-head", anchor.toString()))
                .contains("but the given tree heads go up to " + (treeId + 1));
    }

    // ---- the export, checked offline with the engine's public key

    private Path engineKey() throws Exception {
        String keyId = get("auditor", "/api/v1/audit/keys").text("/0/keyId");
        return Files.writeString(dir.resolve(keyId + ".pub"), get("auditor", "/api/v1/audit/keys/" + keyId).raw());
    }

    private String verify(List<String> lines, int expectedExit, String... options) throws Exception {
        Path file = Files.write(dir.resolve(UUID.randomUUID() + ".jsonl"), lines);
        List<String> args = new ArrayList<>(List.of(options));
        args.add(file.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new ExportVerifier(new PrintStream(out, true, StandardCharsets.UTF_8)).run(args.toArray(String[]::new));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isEqualTo(expectedExit);
        return printed;
    }

    private List<String> export(String id) {
        return new ArrayList<>(List.of(get("auditor", "/api/v1/courses/" + id + "/export").raw().split("\n")));
    }

    /** The export with {@code edit} applied to its event payloads and every hash recomputed. */
    private List<String> rewrittenExport(List<String> lines, java.util.function.UnaryOperator<String> edit) throws Exception {
        List<String> out = new ArrayList<>();
        String previous = ChainHasher.GENESIS;
        for (String line : lines) {
            ObjectNode node = (ObjectNode) json.readTree(line);
            if (node.path("kind").asText().equals("event")) {
                String payload = edit.apply(new String(Base64.getDecoder().decode(node.path("payload").asText()), StandardCharsets.UTF_8));
                ObjectNode metadata = (ObjectNode) node.path("metadata");
                metadata.put(ChainHasher.PREVIOUS_HASH, previous);
                if (metadata.has(ChainVerification.SIGNED_CONTENT)) {
                    metadata.put(ChainVerification.SIGNED_CONTENT, ChainHasher.signedContent(node.path("courseId").asText(),
                            node.path("sequence").asLong(), node.path("payloadType").asText(), payload.getBytes(StandardCharsets.UTF_8)));
                }
                Map<String, String> values = new HashMap<>();
                metadata.properties().forEach(f -> values.put(f.getKey(), f.getValue().asText()));
                previous = ChainHasher.hash(previous, new ChainHasher.StoredEvent(node.path("courseId").asText(),
                        node.path("sequence").asLong(), node.path("payloadType").asText(),
                        node.path("payloadRevision").isNull() ? null : node.path("payloadRevision").asText(), node.path("timestamp").asText(),
                        payload.getBytes(StandardCharsets.UTF_8), values));
                metadata.put(ChainHasher.HASH, previous);
                node.put("payload", Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8)));
                node.set("payloadJson", json.readTree(payload));
            }
            out.add(json.writeValueAsString(node));
        }
        return out;
    }

    @Test
    void an_export_rewritten_with_recomputed_hashes_passes_the_chain_but_not_the_key() throws Exception {
        String id = course();
        Path key = engineKey();
        List<String> lines = export(id);
        assertThat(verify(lines, ExportVerifier.INTACT, "--key", key.toString())).contains("signed head verified with key");

        List<String> rewritten = rewrittenExport(lines, SignedHeadApiTest::halvedDose);
        assertThat(verify(rewritten, ExportVerifier.INTACT, "--unsigned"))
                .as("the chain alone is fooled, and says so").contains("a rewrite whose hashes were recomputed would pass");
        assertThat(verify(rewritten, ExportVerifier.TAMPERED, "--key", key.toString()))
                .contains("course " + id + ": TAMPERED: at sequence 3: the signature of Dr Ben Prescriber does not carry the engine's seal");

        Path stranger = Files.writeString(dir.resolve("stranger.pub"), org.kap.core.audit.EngineKey.generate().publicPem());
        assertThat(verify(lines, ExportVerifier.TAMPERED, "--key", stranger.toString())).contains("not among the trusted keys");
        assertThat(verify(lines, ExportVerifier.UNREADABLE)).contains("no --key");
    }

    @Test
    void every_line_of_an_export_counts_a_cut_tail_a_dropped_course_a_reorder_and_an_added_field_are_found() throws Exception {
        String a = course();
        String b = course();
        Path key = engineKey();
        List<String> all = new ArrayList<>(List.of(get("auditor", "/api/v1/courses-export").raw().split("\n")));
        assertThat(verify(all, ExportVerifier.INTACT, "--key", key.toString())).contains("course " + a + ": intact")
                .contains("not covered by any signature, so not checked: the header's exportedAt");

        List<String> cutTail = new ArrayList<>(all);
        int lastEventOfA = -1;
        for (int i = 0; i < cutTail.size(); i++) {
            if (cutTail.get(i).contains("\"kind\":\"event\"") && cutTail.get(i).contains(a)) {
                lastEventOfA = i;
            }
        }
        cutTail.remove(lastEventOfA);
        assertThat(verify(cutTail, ExportVerifier.TAMPERED, "--key", key.toString()))
                .contains("course " + a + ": TAMPERED: it has 3 events where 4 were signed");

        List<String> dropped = all.stream().filter(line -> !line.contains("\"courseId\":\"" + b + "\"")).toList();
        assertThat(verify(dropped, ExportVerifier.TAMPERED, "--key", key.toString())).contains("course " + b + ": TAMPERED: it has no signed head");

        List<String> reordered = new ArrayList<>(all);
        int first = reordered.indexOf(reordered.stream().filter(l -> l.contains("\"kind\":\"event\"") && l.contains(a)).findFirst().orElseThrow());
        java.util.Collections.swap(reordered, first, first + 1);
        assertThat(verify(reordered, ExportVerifier.TAMPERED, "--key", key.toString())).contains("course " + a + ": TAMPERED: at sequence");

        List<String> added = new ArrayList<>(all);
        ObjectNode event = (ObjectNode) json.readTree(added.get(first));
        event.put("note", "dose confirmed by phone");
        added.set(first, json.writeValueAsString(event));
        assertThat(verify(added, ExportVerifier.TAMPERED, "--key", key.toString()))
                .contains("field 'note' is not part of a event line");

        List<String> misread = new ArrayList<>(all);
        ObjectNode shown = (ObjectNode) json.readTree(misread.get(first));
        ((ObjectNode) shown.path("payloadJson")).put("courseId", "someone-else");
        misread.set(first, json.writeValueAsString(shown));
        assertThat(verify(misread, ExportVerifier.TAMPERED, "--key", key.toString()))
                .contains("its payloadJson is not its stored payload decoded");

        ObjectNode header = (ObjectNode) json.readTree(all.get(0));
        header.putArray("courses");
        assertThat(verify(List.of(json.writeValueAsString(header)), ExportVerifier.TAMPERED, "--key", key.toString()))
                .contains("the export holds no course");
        List<String> twice = new ArrayList<>(all);
        twice.add(all.stream().filter(l -> l.contains("\"kind\":\"protocol\"")).findFirst().orElseThrow());
        assertThat(verify(twice, ExportVerifier.TAMPERED, "--key", key.toString())).contains("a second time");
    }
}
