package org.kap.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The course list: paged, newest first, filtered by status, kept by a tracking processor. */
class CourseListApiTest extends ApiTest {

    private void screen(String id, Instant at) {
        assertThat(post("clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-" + id,
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", at.toString(),
                "profile", profile(33, "64 kg"))).status()).isEqualTo(201);
    }

    private Answer until(String path, long total) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        Answer page = get("auditor", path);
        while (page.body().at("/total").asLong() != total && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            page = get("auditor", path);
        }
        assertThat(page.body().at("/total").asLong()).as(path).isEqualTo(total);
        return page;
    }

    @Test
    void courses_are_listed_newest_first_filtered_and_paged() throws InterruptedException {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        Instant t = Instant.now().minus(10, ChronoUnit.DAYS);
        screen("list-a", t);
        screen("list-b", t.plus(1, ChronoUnit.HOURS));
        screen("list-c", t.plus(2, ChronoUnit.HOURS));
        assertThat(post("clinician", "/api/v1/courses/list-b/consent", Map.of("at", t.plus(3, ChronoUnit.HOURS).toString()))
                .status()).isEqualTo(200);

        Answer active = until("/api/v1/courses?status=active", 1);
        assertThat(active.body().at("/courses").findValuesAsText("courseId")).containsExactly("list-b");
        Answer screened = until("/api/v1/courses?status=screened", 2);
        assertThat(screened.body().at("/courses").findValuesAsText("courseId")).containsExactly("list-c", "list-a");

        Answer firstPage = until("/api/v1/courses?page=0&size=2", 3);
        assertThat(firstPage.body().at("/courses")).hasSize(2);
        assertThat(firstPage.text("/courses/0/courseId")).isEqualTo("list-c");
        Answer secondPage = get("auditor", "/api/v1/courses?page=1&size=2");
        assertThat(secondPage.body().at("/courses").findValuesAsText("courseId")).containsExactly("list-a");

        assertThat(get("auditor", "/api/v1/courses?status=asleep").status()).isEqualTo(400);
        assertThat(get("auditor", "/api/v1/courses?size=1000").status()).isEqualTo(400);
    }
}
