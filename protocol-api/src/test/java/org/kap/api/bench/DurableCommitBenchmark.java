package org.kap.api.bench;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;
import org.kap.api.TestDatabase;
import org.kap.core.course.Actor;
import org.kap.core.course.CourseCommand;
import org.kap.core.outcome.Instrument;
import org.kap.core.rule.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Not part of the suite (surefire does not pick up *Benchmark): what writing every commit before the answer
 * costs on the embedded H2 store. 8 threads record outcome measures on their own courses through the
 * command gateway (no HTTP, no password hashing), first with H2's WRITE_DELAY=0 (the engine's setting),
 * then with H2's default of 500 ms, then 0 again; commands per second and the median latency of each
 * phase. Run as docs/benchmarks.md says. It prints numbers and asserts nothing about time.
 */
class DurableCommitBenchmark extends ApiTest {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 400;
    private static final Actor CLINICIAN = Actor.of("clinician", Role.CLINICIAN);

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void commands_per_second_with_and_without_durable_commits() throws Exception {
        if (TestDatabase.postgres()) {
            System.out.println("DurableCommitBenchmark measures H2's write delay; PostgreSQL commits are durable by default");
            return;
        }
        assertStatus(publish("api-test.kap").status());
        Instant t = Instant.now().minus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        List<String> courses = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            String id = "bench-" + i;
            assertStatus(post("clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-" + id,
                    "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", t.toString(),
                    "profile", profile(40, "80 kg"))).status());
            courses.add(id);
        }
        long[] offset = {0};
        phase("warm-up, WRITE_DELAY=0", 0, courses, t, offset);
        for (int delay : new int[] {0, 500, 0, 500}) {
            phase("WRITE_DELAY=" + delay, delay, courses, t, offset);
        }
    }

    private void phase(String name, int writeDelay, List<String> courses, Instant t, long[] offset) throws Exception {
        jdbc.execute("SET WRITE_DELAY " + writeDelay);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long base = offset[0];
        offset[0] += PER_THREAD + 1;
        long start = System.nanoTime();
        List<Future<long[]>> latencies = new ArrayList<>();
        for (String course : courses) {
            latencies.add(pool.submit(() -> {
                long[] each = new long[PER_THREAD];
                for (int i = 0; i < PER_THREAD; i++) {
                    long sent = System.nanoTime();
                    commands.sendAndWait(GenericCommandMessage.asCommandMessage(new CourseCommand.RecordOutcomeMeasure(course,
                            Instrument.PHQ9, i % 28, CLINICIAN, t.plusSeconds(base + i + 1))));
                    each[i] = System.nanoTime() - sent;
                }
                return each;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<long[]> f : latencies) {
            for (long l : f.get()) {
                all.add(l);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        all.sort(Long::compare);
        System.out.printf("%-24s %6.0f commands/s, median %5.1f ms, p95 %5.1f ms%n", name, all.size() / seconds,
                all.get(all.size() / 2) / 1e6, all.get(all.size() * 95 / 100) / 1e6);
    }

    private static void assertStatus(int status) {
        if (status >= 300) {
            throw new IllegalStateException("setup answered " + status);
        }
    }
}
