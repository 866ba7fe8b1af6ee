package org.kap.api.bench;

import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Not part of the suite (surefire does not pick up *Benchmark): what a page of the course list and the home page's
 * open obligations cost as the store grows, over HTTP, 5,000 courses against 50,000 in one run (docs/benchmarks.md,
 * "Lists as the store grows"). The rows are written straight into the read models (each with a course state of about
 * a kilobyte), as the course list's projection would have written them; it prints numbers and asserts nothing about
 * time.
 */
class CourseListBenchmark extends ApiTest {

    @Autowired
    JdbcTemplate jdbc;

    private static final String STATE = "{\"pad\":\"" + "x".repeat(1000) + "\"}";

    private void fill(int from, int to) {
        Instant t = Instant.now().minus(400, ChronoUnit.DAYS);
        List<Object[]> courses = new ArrayList<>();
        List<Object[]> obligations = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Timestamp at = Timestamp.from(t.plusSeconds(i * 60L));
            courses.add(new Object[] {"list-" + i, "client-" + i, "kap-im", 1, i % 7 == 0 ? "ENDED" : "ACTIVE", i % 5, at, at, STATE, 4});
            obligations.add(new Object[] {"list-" + i, "integration-1", "integration", "INTEGRATION-AFTER", 1,
                    Timestamp.from(t.plusSeconds(i * 60L + 86_400)), i % 3 == 0 ? at : null});
            if (courses.size() == 1000) {
                flush(courses, obligations);
            }
        }
        flush(courses, obligations);
    }

    private void flush(List<Object[]> courses, List<Object[]> obligations) {
        jdbc.batchUpdate("INSERT INTO course_summary (course_id, client_id, protocol_id, protocol_version, status, sessions, "
                + "screened_at, last_act_at, state_json, state_revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", courses);
        jdbc.batchUpdate("INSERT INTO obligation (course_id, obligation_id, kind, rule_id, session_number, due, fulfilled_at, "
                + "blocks_dosing) VALUES (?, ?, ?, ?, ?, ?, ?, FALSE)", obligations);
        courses.clear();
        obligations.clear();
    }

    /** Median of 21 reads after 10 warm-ups, in milliseconds. */
    private double median(String user, String path) {
        return Medians.of(10, 21, () -> read(user, path));
    }

    private void read(String user, String path) {
        Answer answer = get(user, path);
        if (answer.status() != 200) {
            throw new IllegalStateException(path + " answered " + answer.status() + " " + answer.raw());
        }
    }

    /** The clinician's home page, signed in once: median of 21 reads after 10 warm-ups, in milliseconds. */
    private double homePage() {
        org.kap.api.pages.PageSession browser = new org.kap.api.pages.PageSession(port);
        browser.signIn("clinician", "clinician-demo");
        return Medians.of(10, 21, () -> {
            if (browser.get("/").statusCode() != 200) {
                throw new IllegalStateException("the home page did not answer 200");
            }
        });
    }

    @Test
    void pages_of_a_small_and_a_large_store() {
        String[][] reads = {
                {"first page of 100 courses (`/courses?size=100`)", "/api/v1/courses?size=100"},
                {"first page of 100 active courses (`?status=active`)", "/api/v1/courses?size=100&status=active"},
                {"page 40 of 100 courses", "/api/v1/courses?size=100&page=40"}};
        fill(0, 5_000);
        double[] small = new double[reads.length + 1];
        for (int i = 0; i < reads.length; i++) {
            small[i] = median("clinician", reads[i][1]);
        }
        small[reads.length] = homePage();
        fill(5_000, 50_000);
        System.out.println("| read | 5,000 courses | 50,000 courses | ratio |");
        System.out.println("|---|---|---|---|");
        for (int i = 0; i <= reads.length; i++) {
            double large = i < reads.length ? median("clinician", reads[i][1]) : homePage();
            String name = i < reads.length ? reads[i][0] : "the clinician's home page (open obligations, recent courses)";
            System.out.printf(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %.1fx |%n", name, small[i], large, large / small[i]);
        }
    }
}
