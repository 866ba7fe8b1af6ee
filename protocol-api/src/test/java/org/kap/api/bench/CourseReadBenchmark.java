package org.kap.api.bench;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;
import org.kap.core.course.Actor;
import org.kap.core.course.CourseCommand;
import org.kap.core.outcome.Instrument;
import org.kap.core.rule.Role;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/**
 * Not part of the suite (surefire does not pick up *Benchmark): what a course's reads cost as the course grows, over
 * HTTP, courses of 20, 200 and 2,000 events in the same run (docs/benchmarks.md, "Reads as a course grows").
 * It prints numbers and asserts nothing about time.
 */
class CourseReadBenchmark extends ApiTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private static final Actor CLINICIAN = Actor.of("clinician", Role.CLINICIAN);

    private String course(int events, Instant t) {
        String id = "read-" + events + "-" + java.util.UUID.randomUUID();
        int status = post("clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-" + id,
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", t.toString(),
                "profile", profile(40, "80 kg"))).status();
        if (status != 201) {
            throw new IllegalStateException("screening answered " + status);
        }
        for (int i = 1; i < events; i++) {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                    new CourseCommand.RecordOutcomeMeasure(id, Instrument.PHQ9, i % 28, CLINICIAN, t.plusSeconds(i))));
        }
        return id;
    }

    /** The medians of 51 runs of the read on each course, in turn, after 20 warm-ups each, in milliseconds. */
    private double[] medians(String user, String... paths) {
        return Medians.interleaved(20, 51, java.util.Arrays.stream(paths).map(path -> Medians.Timed.read(() -> read(user, path))).toList());
    }

    private void read(String user, String path) {
        int status = get(user, path).status();
        if (status != 200) {
            throw new IllegalStateException(path + " answered " + status);
        }
    }

    @Test
    void reads_of_a_small_and_a_long_course() {
        if (publish("api-test.kap").status() >= 300) {
            throw new IllegalStateException("the test protocol was not published");
        }
        Instant t = Instant.now().minus(10, ChronoUnit.DAYS);
        String small = course(20, t);
        String medium = course(200, t);
        String large = course(2_000, t);
        // the projections fold the 2,000 events in the background: measure once they are done, not beside them
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(2)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM course_summary WHERE course_id = ? AND entries = 2000", Integer.class,
                large) == 1);
        // pages of one size compare like with like: a page of 20 entries is full on every course, a page of 100 on the
        // 200- and 2,000-event courses (the 20-event course's page of 100 holds its 20 entries)
        System.out.println("| read | 20 events | 200 events | 2,000 events | 2,000 / 20 | 2,000 / 200 |");
        System.out.println("|---|---|---|---|---|---|");
        String[] courses = {small, medium, large};
        for (String[] read : new String[][] {
                {"course (`GET /courses/{id}`)", "clinician", "", "", ""},
                {"history page of 20 (`.../history?size=20`)", "auditor", "/history?size=20", "/history?size=20", "/history?size=20"},
                {"last history page of 20", "auditor", "/history?size=20&page=0", "/history?size=20&page=9", "/history?size=20&page=99"},
                {"history page of 100 (`.../history?size=100`; 20 entries at 20 events)", "auditor", "/history?size=100",
                        "/history?size=100", "/history?size=100"},
                {"last history page of 100 (20 entries at 20 events)", "auditor", "/history?size=100&page=0",
                        "/history?size=100&page=1", "/history?size=100&page=19"},
                {"state as of now (`.../state`)", "auditor", "/state", "/state", "/state"},
                {"state as of an instant (`.../state?asOf=`)", "auditor", "/state?asOf=" + t.plus(1, ChronoUnit.DAYS),
                        "/state?asOf=" + t.plus(1, ChronoUnit.DAYS), "/state?asOf=" + t.plus(1, ChronoUnit.DAYS)},
                {"verification (`.../verification`)", "auditor", "/verification", "/verification", "/verification"},
                {"verification, every event recomputed (`.../verification?whole=true`)", "auditor", "/verification?whole=true",
                        "/verification?whole=true", "/verification?whole=true"}}) {
            String[] paths = new String[3];
            for (int i = 0; i < 3; i++) {
                paths[i] = "/api/v1/courses/" + courses[i] + read[2 + i];
            }
            print(read[0], medians(read[1], paths));
        }
        // a read that follows an act finds no kept view: the fold kept from the read before, carried on by the act's event
        // (before 2026-12-05, the course folded from its snapshot and the events after it)
        Instant later = t.plus(5, ChronoUnit.DAYS);
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        print("course after an act (`GET /courses/{id}`, folded)", Medians.interleaved(20, 51, java.util.Arrays.stream(courses)
                .map(id -> afterAnAct(id, later, n)).toList()));
    }

    private static void print(String read, double[] ms) {
        System.out.printf(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %.1f ms | %.1fx | %.1fx |%n", read, ms[0], ms[1], ms[2],
                ms[2] / ms[0], ms[2] / ms[1]);
    }

    /** The course read after an outcome score is recorded (untimed), so no read finds the view of the last. */
    private Medians.Timed afterAnAct(String id, Instant at, java.util.concurrent.atomic.AtomicInteger n) {
        return new Medians.Timed(() -> commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                        new CourseCommand.RecordOutcomeMeasure(id, Instrument.PHQ9, 5, CLINICIAN, at.plusSeconds(n.incrementAndGet())))),
                () -> read("clinician", "/api/v1/courses/" + id));
    }
}
