package org.kap.api.audit;

import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;
import org.kap.api.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history page finds the events that link entries (EntryLinks) through an index, not by walking the course
 * (V24): on PostgreSQL the index holds those events alone, so every type a link event is stored under must be in it.
 */
class EntryLinkIndexTest extends ApiTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void every_stored_type_of_a_link_event_is_found_through_the_links_index() {
        assertThat(CourseHistory.LINK_TYPES).as("stored names and the class names from before them")
                .contains("kap.course.ClientScreened", "kap.course.CourseMigrated", "kap.course.EntryCorrected");
        if (TestDatabase.postgres()) {
            String definition = jdbc.queryForObject("SELECT indexdef FROM pg_indexes WHERE indexname = 'domain_event_entry_links' "
                    + "AND schemaname = current_schema()", String.class);
            assertThat(definition).contains("(aggregateidentifier, sequencenumber)");
            CourseHistory.LINK_TYPES.forEach(type -> assertThat(definition).as("the index's rows include %s", type).contains("'" + type + "'"));
        } else {
            for (String type : CourseHistory.LINK_TYPES) {
                String plan = String.join("\n", jdbc.queryForList("EXPLAIN SELECT sequenceNumber FROM DomainEventEntry "
                        + "WHERE aggregateIdentifier = 'a-course' AND payloadType = '" + type + "'", String.class));
                assertThat(plan).as("the lookup of %s", type).containsIgnoringCase("DOMAIN_EVENT_ENTRY_LINKS")
                        .containsIgnoringCase("PAYLOADTYPE =");
            }
        }
    }

    @Test
    void a_page_links_its_entries_through_the_events_found_by_type() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        String id = "links-" + java.util.UUID.randomUUID();
        String c = "/api/v1/courses/" + id;
        java.time.Instant t = java.time.Instant.now().minus(2, java.time.temporal.ChronoUnit.DAYS);
        post("clinician", "/api/v1/courses", java.util.Map.of("courseId", id, "clientId", "client-links",
                "protocol", java.util.Map.of("id", "api-test", "version", 1), "indication", "depression", "at", t.toString(),
                "profile", profile(40, "80 kg")));
        post("clinician", c + "/consent", java.util.Map.of("at", t.plusSeconds(60).toString()));
        post("therapist", c + "/preparation-sessions", java.util.Map.of("at", t.plusSeconds(120).toString()));
        assertThat(post("clinician", c + "/corrections", java.util.Map.of("entryNumber", 3, "correction", "it was 50 minutes",
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
        List<String> types = jdbc.queryForList("SELECT payloadType FROM DomainEventEntry WHERE aggregateIdentifier = ? ORDER BY sequenceNumber",
                String.class, id);
        assertThat(types).as("the events the page links through are stored under link types")
                .containsExactly("kap.course.ClientScreened", "kap.course.ConsentRecorded", "kap.course.PreparationSessionRecorded",
                        "kap.course.EntryCorrected");
    }
}
