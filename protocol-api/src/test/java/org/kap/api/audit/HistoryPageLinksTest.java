package org.kap.api.audit;

import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A history page links its entries to entries on other pages (the version each was recorded under, the entry that
 * corrects it) by the course's own answers, from the fold kept from the course's last read and carried on through the
 * events stored since.
 */
class HistoryPageLinksTest extends ApiTest {

    @Test
    void a_page_links_its_entries_to_entries_a_page_away() {
        String c = courseOfThreeEntries();
        assertThat(post("clinician", c + "/corrections", Map.of("entryNumber", 3, "correction", "it was 50 minutes",
                "reason", "a late note")).status()).isEqualTo(200);

        // the last page holds the correction alone; the first page links entry 3 to it, a page away
        Answer first = get("auditor", c + "/history?page=0&size=3");
        assertThat(first.body().at("/events/2/correctedBy").asLong()).isEqualTo(4);
        assertThat(first.body().at("/total").asLong()).as("the course's signed count of events").isEqualTo(4);
        Answer last = get("auditor", c + "/history?page=1&size=3");
        assertThat(last.body().at("/events").findValuesAsText("sequence")).containsExactly("3");
        assertThat(last.body().at("/events/0/corrects").asLong()).isEqualTo(3);
        assertThat(last.body().at("/events/0/protocolVersion").asInt()).as("from the screening, a page away").isEqualTo(1);
        assertThat(last.body().at("/total").asLong()).isEqualTo(4);
    }

    @Test
    void a_page_read_again_after_an_act_links_to_the_entry_recorded_since() {
        String c = courseOfThreeEntries();
        Answer before = get("auditor", c + "/history?page=0&size=3");
        assertThat(before.body().at("/events/1/correctedBy").isMissingNode() || before.body().at("/events/1/correctedBy").isNull())
                .as("entry 2 is not corrected yet").isTrue();

        // the page before kept the course's fold; the correction since is folded on, not missed
        assertThat(post("clinician", c + "/corrections", Map.of("entryNumber", 2, "correction", "consent was recorded at 09:12",
                "reason", "a clock off by two minutes")).status()).isEqualTo(200);
        Answer after = get("auditor", c + "/history?page=0&size=3");
        assertThat(after.body().at("/events/1/correctedBy").asLong()).isEqualTo(4);
        assertThat(after.body().at("/total").asLong()).isEqualTo(4);
        assertThat(get("auditor", c + "/history?page=1&size=3").body().at("/events/0/corrects").asLong()).isEqualTo(2);
    }

    @Test
    void the_history_of_a_course_never_screened_is_not_found() {
        Answer answer = get("auditor", "/api/v1/courses/never-" + UUID.randomUUID() + "/history?page=0&size=3");
        assertThat(answer.status()).isEqualTo(404);
    }

    private String courseOfThreeEntries() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        String id = "links-" + UUID.randomUUID();
        String c = "/api/v1/courses/" + id;
        Instant t = Instant.now().minus(2, ChronoUnit.DAYS);
        assertThat(post("clinician", "/api/v1/courses", Map.of("courseId", id, "clientId", "client-links",
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", t.toString(),
                "profile", profile(40, "80 kg"))).status()).isIn(200, 201);
        assertThat(post("clinician", c + "/consent", Map.of("at", t.plusSeconds(60).toString())).status()).isEqualTo(200);
        assertThat(post("therapist", c + "/preparation-sessions", Map.of("at", t.plusSeconds(120).toString())).status()).isEqualTo(200);
        return c;
    }
}
