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
 * open obligations cost as the store grows, over HTTP, 5,000 courses against 500,000 in one run (docs/benchmarks.md,
 * "Lists as the store grows"; -Dkap.bench.small and -Dkap.bench.large change them). The rows are written straight into the read models (each with a course state of about
 * a kilobyte), as the course list's projection would have written them; it prints numbers and asserts nothing about
 * time.
 */
class CourseListBenchmark extends ApiTest {

    @Autowired
    JdbcTemplate jdbc;

    private static final String STATE = "{\"pad\":\"" + "x".repeat(1000) + "\"}";

    /** When the first course was screened: the same in every fill, so that the rows are one list. */
    private static final Instant FIRST = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(400, ChronoUnit.DAYS);

    private void fill(int from, int to) {
        Instant t = FIRST;
        List<Object[]> courses = new ArrayList<>();
        List<Object[]> obligations = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Timestamp at = Timestamp.from(t.plusSeconds(i * 60L));
            courses.add(new Object[] {"list-" + i, "client-" + i, "kap-im", 1, i % 7 == 0 ? "ENDED" : "ACTIVE", i % 5, at, at, STATE, 5});
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
        // the totals the projections keep beside their rows, moved as they would have moved them
        var courseTotals = new org.kap.api.http.ListTotals(jdbc, "course_status_count", "status", "courses");
        var obligationTotals = new org.kap.api.http.ListTotals(jdbc, "obligation_state_count", "state", "obligations");
        courses.stream().collect(java.util.stream.Collectors.groupingBy(c -> (String) c[4], java.util.stream.Collectors.counting()))
                .forEach(courseTotals::add);
        obligations.stream().collect(java.util.stream.Collectors.groupingBy(o -> o[6] == null ? "open" : "fulfilled",
                java.util.stream.Collectors.counting())).forEach(obligationTotals::add);
        courses.clear();
        obligations.clear();
    }

    /**
     * The tables' statistics brought up to date after a bulk fill, as PostgreSQL's autovacuum would within a minute of
     * it (and H2's own statistics): without them PostgreSQL plans for the table it last measured.
     */
    private void analyze() {
        for (String table : List.of("course_summary", "obligation")) {
            jdbc.execute((org.kap.api.TestDatabase.postgres() ? "ANALYZE " : "ANALYZE TABLE ") + table);
        }
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

    /**
     * The cursor ({@code after}) of the course list's row at {@code position} (newest first) in a store of {@code n}
     * courses as {@link #fill} writes them: course {@code list-i} is screened {@code i} minutes after the first.
     */
    private static String courseCursor(int n, int position) {
        int i = n - 1 - position;
        return org.kap.api.http.PageCursor.of(FIRST.plusSeconds(i * 60L), "list-" + i).text();
    }

    /** The cursor of the open obligation at {@code position} by deadline: every third course's obligation is fulfilled. */
    private static String obligationCursor(int position) {
        int i = position / 2 * 3 + 1 + position % 2;
        return org.kap.api.http.PageCursor.of(FIRST.plusSeconds(i * 60L + 86_400), "list-" + i, "integration-1").text();
    }

    private static String encoded(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void pages_of_a_small_and_a_large_store() {
        int small = Integer.getInteger("kap.bench.small", 5_000);
        int large = Integer.getInteger("kap.bench.large", 500_000);
        fill(0, small);
        analyze();
        measure(small); // a first pass warms the JIT up, so that the small store is not measured colder than the large
        double[] before = measure(small);
        fill(small, large);
        analyze();
        double[] after = measure(large);
        System.out.printf(Locale.ROOT, "| read | %,d courses | %,d courses | ratio |%n", small, large);
        System.out.println("|---|---|---|---|");
        for (int i = 0; i < READS.length; i++) {
            System.out.printf(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %.1fx |%n", READS[i], before[i], after[i], after[i] / before[i]);
        }
    }

    private static final String[] READS = {
            "first page of 100 courses (`/courses?size=100`)",
            "first page of 100 active courses (`?status=active`)",
            "page 40 of 100 courses (`page=40`, by offset)",
            "100 courses from the middle of the list (`after=`)",
            "first page of 100 open obligations (`/obligations?size=100`)",
            "100 open obligations from the middle (`after=`)",
            "first page of 100 of all obligations (`status=all`)",
            "the clinician's home page (open obligations, recent courses)"};

    private double[] measure(int n) {
        int openObligations = n - (n + 2) / 3;
        return new double[] {
                median("clinician", "/api/v1/courses?size=100"),
                median("clinician", "/api/v1/courses?size=100&status=active"),
                median("clinician", "/api/v1/courses?size=100&page=40"),
                median("clinician", "/api/v1/courses?size=100&after=" + encoded(courseCursor(n, n / 2))),
                median("clinician", "/api/v1/obligations?size=100"),
                median("clinician", "/api/v1/obligations?size=100&after=" + encoded(obligationCursor(openObligations / 2))),
                median("clinician", "/api/v1/obligations?size=100&status=all"),
                homePage()};
    }
}
