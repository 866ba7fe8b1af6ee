package org.kap.api.audit;

import org.junit.jupiter.api.Test;
import org.kap.api.axon.StoredEventTypes;
import org.kap.core.course.CourseEvent;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/events.md is the auditor's dictionary of a course's history: every event type the engine can record has its
 * section, and every field of it is explained there. A new event or field without its words fails here.
 */
class EventVocabularyDocTest {

    private static final Path DOC = Path.of("../docs/events.md");

    /** The text of one event's section: from its heading to the next heading. */
    private static String section(String doc, String name) {
        int start = doc.indexOf("\n### " + name + "\n");
        if (start < 0) {
            return null;
        }
        int end = doc.indexOf("\n#", start + name.length() + 5);
        return doc.substring(start, end < 0 ? doc.length() : end);
    }

    @Test
    void every_event_type_and_every_field_of_it_is_explained() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        List<Class<?>> types = StoredEventTypes.records(CourseEvent.class);
        assertThat(types).hasSizeGreaterThan(30);
        List<String> missing = new ArrayList<>();
        for (Class<?> type : types) {
            String section = section(doc, type.getSimpleName());
            if (section == null) {
                missing.add(type.getSimpleName() + " (no section)");
                continue;
            }
            if (!section.contains("Recorded when")) {
                missing.add(type.getSimpleName() + " (does not say when it is recorded)");
            }
            for (RecordComponent field : type.getRecordComponents()) {
                if (!section.contains("| `" + field.getName() + "` |")) {
                    missing.add(type.getSimpleName() + "." + field.getName());
                }
            }
        }
        assertThat(missing).as("docs/events.md must explain these").isEmpty();
    }

    @Test
    void the_document_names_no_event_the_engine_does_not_have() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        List<String> known = StoredEventTypes.records(CourseEvent.class).stream().map(Class::getSimpleName).toList();
        List<String> headed = Arrays.stream(doc.split("\n")).filter(line -> line.startsWith("### "))
                .map(line -> line.substring(4).strip()).toList();
        assertThat(known).containsAll(headed);
    }
}
