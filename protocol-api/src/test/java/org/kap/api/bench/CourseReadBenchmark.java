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

    /** Median of 31 runs after 20 warm-ups, in milliseconds. */
    private double median(String user, String path) {
        return Medians.of(20, 31, () -> read(user, path));
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
        // a course of 20 events has a history page of 20 entries; one of 200, like one of 2,000, a full page of 100
        System.out.println("| read | 20 events | 200 events | 2,000 events | 2,000 / 20 | 2,000 / 200 |");
        System.out.println("|---|---|---|---|---|---|");
        for (String[] read : new String[][] {
                {"course (`GET /courses/{id}`)", "clinician", ""},
                {"history page of 100 (`.../history?size=100`)", "auditor", "/history?size=100"},
                {"last history page of 100", "auditor", "/history?size=100&page=LAST"},
                {"state as of now (`.../state`)", "auditor", "/state"},
                {"state as of an instant (`.../state?asOf=`)", "auditor", "/state?asOf=" + t.plus(1, ChronoUnit.DAYS)},
                {"verification (`.../verification`)", "auditor", "/verification"},
                {"verification, every event recomputed (`.../verification?whole=true`)", "auditor", "/verification?whole=true"}}) {
            double a = median(read[1], "/api/v1/courses/" + small + read[2].replace("LAST", "0"));
            double b = median(read[1], "/api/v1/courses/" + medium + read[2].replace("LAST", "1"));
            double c = median(read[1], "/api/v1/courses/" + large + read[2].replace("LAST", "19"));
            System.out.printf(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %.1f ms | %.1fx | %.1fx |%n", read[0], a, b, c, c / a, c / b);
        }
        // a read that follows an act finds no kept view: the fold kept from the read before, carried on by the act's event
        // (before 2026-12-05, the course folded from its snapshot and the events after it)
        Instant later = t.plus(5, ChronoUnit.DAYS);
        double a = afterAnAct(small, later);
        double b = afterAnAct(medium, later);
        double c = afterAnAct(large, later);
        System.out.printf(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %.1f ms | %.1fx | %.1fx |%n",
                "course after an act (`GET /courses/{id}`, folded)", a, b, c, c / a, c / b);
    }

    /** The course read after each of 51 outcome scores recorded (untimed), so no read finds the view of the last. */
    private double afterAnAct(String id, Instant at) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return Medians.of(20, 31, () -> commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                        new CourseCommand.RecordOutcomeMeasure(id, Instrument.PHQ9, 5, CLINICIAN, at.plusSeconds(n.incrementAndGet())))),
                () -> read("clinician", "/api/v1/courses/" + id));
    }
}
