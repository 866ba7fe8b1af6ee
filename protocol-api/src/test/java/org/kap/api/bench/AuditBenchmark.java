package org.kap.api.bench;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.common.stream.BlockingStream;
import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;
import org.kap.api.audit.CourseExport;
import org.kap.api.audit.StoredEvents;
import org.kap.api.audit.VerifiedReplay;
import org.kap.core.audit.ChainVerification;
import org.kap.core.course.Actor;
import org.kap.core.course.CourseCommand;
import org.kap.core.course.CourseEvent;
import org.kap.core.course.CourseState;
import org.kap.core.outcome.Instrument;
import org.kap.core.rule.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.OutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Not part of the suite (surefire does not pick up *Benchmark): the cost of auditing compared with
 * Axon's raw reads, on one machine in one run. Run as docs/benchmarks.md says. It prints numbers and
 * asserts nothing about time.
 */
class AuditBenchmark extends ApiTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore events;
    @Autowired
    StoredEvents stored;
    @Autowired
    CourseExport export;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    VerifiedReplay verifiedReplay;

    private static final Actor CLINICIAN = Actor.of("clinician", Role.CLINICIAN);

    private String course(String id, int outcomes, Instant t) {
        assertStatus(post("clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-" + id,
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", t.toString(),
                "profile", profile(40, "80 kg"))).status());
        for (int i = 1; i < outcomes; i++) {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                    new CourseCommand.RecordOutcomeMeasure(id, Instrument.PHQ9, i % 28, CLINICIAN, t.plusSeconds(i))));
        }
        return id;
    }

    private static void assertStatus(int status) {
        if (status != 201) {
            throw new IllegalStateException("screening answered " + status);
        }
    }

    /** Median of 7 runs after 3 warm-ups, in milliseconds. */
    private static double median(LongSupplier run) {
        for (int i = 0; i < 3; i++) {
            run.getAsLong();
        }
        long[] nanos = new long[7];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            run.getAsLong();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos[nanos.length / 2] / 1_000_000.0;
    }

    @Test
    void audit_costs_against_axons_raw_reads() {
        publish("api-test.kap");
        Instant t = Instant.now().minus(30, ChronoUnit.DAYS);
        String big = course("bench-big", 1_000, t);
        for (int n = 0; n < 40; n++) {
            course("bench-" + n, 250, t);
        }
        long total = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);

        double raw = median(() -> events.readEvents(big, 0).asStream().map(m -> m.getPayload()).count());
        double verify = median(() -> ChainVerification.verify(stored.of(big)).events());
        double replay = median(() -> {
            CourseState state = new CourseState();
            events.readEvents(big, 0).asStream().forEach(m -> state.apply((CourseEvent) m.getPayload()));
            return state.entries();
        });
        double replayAndVerify = median(() -> verifiedReplay.replay(big).state().entries());

        double openStream = median(() -> {
            long count = 0;
            try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
                while (stream.hasNextAvailable()) {
                    stream.nextAvailable().getPayload();
                    count++;
                    if (count == total) {
                        break;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return count;
        });
        List<String> courses = jdbc.queryForList("SELECT DISTINCT aggregateIdentifier FROM DomainEventEntry WHERE type = 'TreatmentCourse'",
                String.class);
        double verifyAll = median(() -> courses.stream().mapToLong(c -> ChainVerification.verify(stored.of(c)).events()).sum());
        double exportAll = median(() -> {
            try {
                export.write(null, java.util.Optional.empty(), OutputStream.nullOutputStream());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return 0;
        });

        System.out.printf("""

                AUDIT BENCHMARK (%s, %d events in the store, %d courses)
                one course of 1,000 events:
                  Axon raw read (readEvents, payloads deserialised)   %8.2f ms
                  hash-chain verification (stored rows + SHA-256)     %8.2f ms   ratio %.2f
                  replay to state                                     %8.2f ms   ratio %.2f
                  replay + verification, one read of the stored rows  %8.2f ms   ratio %.2f
                whole store:
                  Axon raw openStream (payloads deserialised)         %8.2f ms   %,.0f events/s
                  verify every course's chain                         %8.2f ms   %,.0f events/s   ratio %.2f
                  export every course (JSON Lines)                    %8.2f ms   %,.0f events/s   ratio %.2f
                %n""", System.getProperty("kap.test.database", "h2"), total, courses.size(),
                raw, verify, verify / raw, replay, replay / raw, replayAndVerify, replayAndVerify / raw,
                openStream, total / openStream * 1000, verifyAll, total / verifyAll * 1000, verifyAll / openStream,
                exportAll, total / exportAll * 1000, exportAll / openStream);
    }
}
