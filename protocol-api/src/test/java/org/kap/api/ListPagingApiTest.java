package org.kap.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keyset paging of the course list and the obligations: walking the pages by their {@code next} gives every row once, in
 * order, ties of one time broken by id; a row added before the cursor meanwhile neither repeats nor shifts one; a cursor
 * that is not one is refused.
 */
class ListPagingApiTest extends ApiTest {

    @Autowired
    JdbcTemplate jdbc;

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Every row's {@code id} field, walking from the first page by each page's next. */
    private List<String> walk(String path, String rows, String id) {
        List<String> seen = new ArrayList<>();
        JsonNode page = get("auditor", path).body();
        for (int pages = 0; pages < 20; pages++) {
            page.path(rows).forEach(row -> seen.add(row.path(id).asText()));
            if (page.path("next").isNull()) {
                return seen;
            }
            if (pages == 0) {
                // between the first page and the second, a course is screened and an obligation falls due: both sort before
                // the cursor, so neither shifts the pages still to come
                added.run();
            }
            Answer next = get("auditor", path + "&after=" + encoded(page.path("next").asText()));
            assertThat(next.status()).as(next.raw()).isEqualTo(200);
            page = next.body();
        }
        throw new AssertionError("more than 20 pages");
    }

    private Runnable added = () -> { };

    @Test
    void the_course_list_is_walked_by_its_cursor_once_in_order() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        Instant t = Instant.now().minus(10, ChronoUnit.DAYS);
        // five courses, two of them screened at the same moment (their ids break the tie)
        for (String[] course : new String[][] {{"page-a", "0"}, {"page-b", "1"}, {"page-c", "1"}, {"page-d", "2"}, {"page-e", "3"}}) {
            screen(course[0], t.plus(Long.parseLong(course[1]), ChronoUnit.HOURS));
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> get("auditor", "/api/v1/courses?size=2").body().at("/total").asLong() == 5);
        added = () -> screen("page-new", t.plus(5, ChronoUnit.HOURS));
        // pages of three: the tie of page-b and page-c falls across the first page's end
        assertThat(walk("/api/v1/courses?size=3", "courses", "courseId")).containsExactly("page-e", "page-d", "page-b", "page-c", "page-a");

        assertThat(get("auditor", "/api/v1/courses?size=2&after=not-a-cursor").status()).isEqualTo(400);
        Answer farOff = get("auditor", "/api/v1/courses?size=2&after="
                + encoded(org.kap.api.http.PageCursor.of(Instant.parse("+99999-01-01T00:00:00Z"), "page-a").text()));
        assertThat(farOff.status()).as("a cursor's time no list holds, answered before it reaches the database: " + farOff.raw())
                .isEqualTo(400);
        assertThat(farOff.text("/errors/0/field")).isEqualTo("after");
        assertThat(get("auditor", "/api/v1/courses?size=2&page=1&after=" + encoded(get("auditor", "/api/v1/courses?size=2").text("/next")))
                .status()).as("a page number and a cursor").isEqualTo(400);
    }

    private void screen(String id, Instant at) {
        assertThat(post("clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-" + id,
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", at.toString(),
                "profile", profile(33, "64 kg"))).status()).isEqualTo(201);
    }

    @Test
    void the_obligations_are_walked_by_their_cursor_once_in_deadline_order() {
        Instant due = Instant.now().plus(1, ChronoUnit.DAYS);
        List<Object[]> rows = new ArrayList<>();
        // seven open obligations over three courses, three of them due at one moment; one fulfilled
        String[][] obligations = {{"c-2", "OBLIGATION-1", "0"}, {"c-1", "OBLIGATION-2", "0"}, {"c-1", "OBLIGATION-1", "0"},
                {"c-3", "OBLIGATION-1", "2"}, {"c-1", "OBLIGATION-3", "3"}, {"c-2", "OBLIGATION-2", "4"}, {"c-3", "OBLIGATION-2", "5"}};
        for (String[] o : obligations) {
            rows.add(new Object[]{o[0], o[1], "monitoring_form", "OBL-FORM", Timestamp.from(due.plus(Long.parseLong(o[2]), ChronoUnit.HOURS)),
                    null});
        }
        rows.add(new Object[]{"c-4", "OBLIGATION-1", "monitoring_form", "OBL-FORM", Timestamp.from(due), Timestamp.from(Instant.now())});
        // written straight into the read model, with the totals its projection keeps beside the rows
        var totals = new org.kap.api.http.ListTotals(jdbc, "obligation_state_count", "state", "obligations");
        jdbc.batchUpdate("INSERT INTO obligation (course_id, obligation_id, kind, rule_id, due, fulfilled_at, blocks_dosing) "
                + "VALUES (?, ?, ?, ?, ?, ?, FALSE)", rows);
        totals.add("open", 7);
        totals.add("fulfilled", 1);
        added = () -> {
            jdbc.update("INSERT INTO obligation (course_id, obligation_id, kind, rule_id, due, blocks_dosing) "
                    + "VALUES ('c-0', 'OBLIGATION-9', 'monitoring_form', 'OBL-FORM', ?, FALSE)", Timestamp.from(due.minus(1, ChronoUnit.HOURS)));
            totals.add("open", 1);
        };

        assertThat(get("auditor", "/api/v1/obligations?status=open&size=3").body().at("/total").asLong()).isEqualTo(7);
        assertThat(walk("/api/v1/obligations?status=open&size=3", "obligations", "obligationId")).hasSize(7);
        added = () -> { };
        // pages of two: the three due at one moment fall across pages, within one course (c-1) and across courses
        List<String> all = new ArrayList<>();
        JsonNode first = get("auditor", "/api/v1/obligations?status=all&size=2").body();
        assertThat(first.at("/total").asLong()).isEqualTo(9);
        String path = "/api/v1/obligations?status=all&size=2";
        for (JsonNode page = first; ; page = get("auditor", path + "&after=" + encoded(page.path("next").asText())).body()) {
            page.path("obligations").forEach(o -> all.add(o.path("courseId").asText() + "/" + o.path("obligationId").asText()));
            if (page.path("next").isNull()) {
                break;
            }
        }
        assertThat(all).containsExactly("c-0/OBLIGATION-9", "c-1/OBLIGATION-1", "c-1/OBLIGATION-2", "c-2/OBLIGATION-1",
                "c-4/OBLIGATION-1", "c-3/OBLIGATION-1", "c-1/OBLIGATION-3", "c-2/OBLIGATION-2", "c-3/OBLIGATION-2");

        assertThat(get("auditor", "/api/v1/obligations?size=0").status()).isEqualTo(400);
        assertThat(get("auditor", "/api/v1/obligations?size=501").status()).isEqualTo(400);
        assertThat(get("auditor", "/api/v1/obligations?after=" + encoded(first.path("next").asText()).substring(2)).status())
                .as("a cut cursor").isEqualTo(400);
    }
}
