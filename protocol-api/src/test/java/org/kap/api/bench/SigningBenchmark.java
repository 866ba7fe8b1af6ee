package org.kap.api.bench;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;
import org.kap.api.audit.Checkpoints;
import org.kap.api.audit.EngineKeys;
import org.kap.core.audit.ChainHasher;
import org.kap.core.audit.Checkpoint;
import org.kap.core.audit.EngineKey;
import org.kap.core.course.Actor;
import org.kap.core.course.CourseCommand;
import org.kap.core.outcome.Instrument;
import org.kap.core.rule.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Not part of the suite (surefire does not pick up *Benchmark): what signing each course's head costs. One
 * client, on the engine's store (H2 with durable commits, or PostgreSQL with -Ppostgres): the time of a cheap
 * command through the command gateway (which signs its course's head), against the time of signing and storing
 * a head alone (an Ed25519 signature and the checkpoint row's update, each in its own transaction), and the
 * signature alone; then the export verification rate. Prints numbers, asserts nothing about time. Run as
 * docs/benchmarks.md says.
 */
class SigningBenchmark extends ApiTest {

    private static final int COMMANDS = 2_000;
    private static final Actor CLINICIAN = Actor.of("clinician", Role.CLINICIAN);

    @Autowired
    CommandGateway commands;
    @Autowired
    Checkpoints checkpoints;
    @Autowired
    EngineKeys keys;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void the_cost_of_a_signed_head_against_the_cost_of_a_command() throws Exception {
        assertStatus(publish("api-test.kap").status());
        Instant t = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        assertStatus(post("clinician", "/api/v1/courses", Map.of("courseId", "signing-bench", "clientId", "client-bench",
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", t.toString(),
                "profile", profile(40, "80 kg"))).status());
        for (int round = 0; round < 3; round++) {
            long began = System.nanoTime();
            for (int i = 0; i < COMMANDS; i++) {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(new CourseCommand.RecordOutcomeMeasure("signing-bench",
                        Instrument.PHQ9, i % 28, CLINICIAN, t.plusSeconds(round * 10_000L + i + 1))));
            }
            double command = (System.nanoTime() - began) / 1e3 / COMMANDS;

            // a head extended event by event, as commands extend it: the row read and checked, the new head signed and stored
            String heads = "signing-bench-heads-" + round;
            began = System.nanoTime();
            for (int i = 0; i < COMMANDS; i++) {
                int n = i;
                transaction.executeWithoutResult(s -> checkpoints.extend(heads, n, n == 0 ? ChainHasher.GENESIS : hashOf(n - 1), n + 1,
                        hashOf(n)));
            }
            double head = (System.nanoTime() - began) / 1e3 / COMMANDS;

            EngineKey key = keys.signing();
            began = System.nanoTime();
            for (int i = 0; i < COMMANDS; i++) {
                Checkpoint.sign("signing-bench", i, "ab".repeat(32), t.toString(), key);
            }
            double signature = (System.nanoTime() - began) / 1e3 / COMMANDS;
            byte[] content = "kap-checkpoint-v1\nsigning-bench\n".getBytes(StandardCharsets.UTF_8);
            String signed = key.sign(content);
            began = System.nanoTime();
            for (int i = 0; i < COMMANDS; i++) {
                key.verifies(content, signed);
            }
            double verification = (System.nanoTime() - began) / 1e3 / COMMANDS;
            System.out.printf("round %d: command %6.0f us (its head included); head signed and stored alone %5.0f us (%.0f%% of a "
                            + "command); Ed25519 signature %3.0f us, verification %3.0f us%n", round + 1, command, head,
                    100 * head / command, signature, verification);
        }
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("kap-signing-bench");
        java.nio.file.Path export = java.nio.file.Files.writeString(dir.resolve("export.jsonl"),
                get("auditor", "/api/v1/courses/signing-bench/export").raw());
        java.nio.file.Path pub = java.nio.file.Files.writeString(dir.resolve("engine.pub"), keys.signing().publicPem());
        long events = stored.of("signing-bench").size();
        for (int round = 0; round < 3; round++) {
            long began = System.nanoTime();
            int exit = new org.kap.api.audit.ExportVerifier(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                    .run("--key", pub.toString(), export.toString());
            double seconds = (System.nanoTime() - began) / 1e9;
            System.out.printf("./kap verify --key of one course of %d events (exit %d): %.2f s, %.0f events/s%n", events, exit, seconds,
                    events / seconds);
        }
    }

    @Autowired
    org.kap.api.audit.StoredEvents stored;

    private static String hashOf(int n) {
        return ChainHasher.sha256(("head " + n).getBytes(StandardCharsets.UTF_8));
    }

    private static void assertStatus(int status) {
        if (status >= 300) {
            throw new IllegalStateException("setup answered " + status);
        }
    }
}
