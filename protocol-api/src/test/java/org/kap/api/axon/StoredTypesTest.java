package org.kap.api.axon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.junit.jupiter.api.Test;
import org.kap.core.course.Actor;
import org.kap.core.course.CourseEvent;
import org.kap.core.course.Entry;
import org.kap.core.course.TreatmentCourse;
import org.kap.core.rule.Role;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Stored names are forever: every stored type has one and a revision, no two types share one, and no name that was
 * ever stored (src/test/resources/compat/stored-names.txt) goes missing or changes meaning.
 */
class StoredTypesTest {

    private static final Path EVER_STORED = Path.of("src/test/resources/compat/stored-names.txt");

    private static List<Class<?>> storedTypes() {
        List<Class<?>> types = new ArrayList<>(StoredEventTypes.all());
        types.add(TreatmentCourse.class);
        return types;
    }

    private static List<String> everStored() throws IOException {
        return Files.readAllLines(EVER_STORED).stream().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    }

    @Test
    void every_stored_type_has_a_name_of_its_own_and_a_revision() {
        for (Class<?> type : storedTypes()) {
            assertThat(StoredTypes.names()).as(type.getName() + " has a stored name").containsKey(type);
            assertThat(type.getAnnotation(Revision.class)).as(type.getName() + " names the revision of its shape").isNotNull();
        }
        assertThat(StoredTypes.names()).as("only stored types are named").hasSameSizeAs(storedTypes());
        assertThat(new HashSet<>(StoredTypes.names().values())).as("no two types share a stored name")
                .hasSameSizeAs(StoredTypes.names().values());
        assertThat(StoredTypes.names().values()).allMatch(name -> name.startsWith("kap."));
    }

    @Test
    void no_name_ever_stored_is_lost_and_every_name_is_on_the_record() throws IOException {
        List<String> everStored = everStored();
        Set<String> today = new HashSet<>(StoredTypes.names().values());
        assertThat(today).as("names read today; a name ever stored must still be read").containsAll(everStored);
        assertThat(everStored).as("every stored name is listed in " + EVER_STORED + " (add a line for a new type)")
                .containsAll(today);
    }

    @Test
    void every_class_name_stored_before_stored_names_reads_as_a_stored_name() {
        assertThat(StoredTypes.names().values()).containsAll(StoredTypes.legacyNames().values());
        assertThat(StoredTypes.readAs("org.kap.core.course.CourseEvent$DoseApproved")).isEqualTo("kap.course.DoseApproved");
        assertThat(StoredTypes.readAs("org.kap.api.protocols.ProtocolPublished")).isEqualTo("kap.protocol.ProtocolPublished");
        assertThat(StoredTypes.readAs("kap.course.DoseApproved")).isEqualTo("kap.course.DoseApproved");
    }

    @Test
    void the_serializer_writes_stored_names_and_refuses_a_class_name_that_skipped_the_upcasters() {
        ObjectMapper mapper = JsonMapper.builder().findAndAddModules().build();
        StoredNameSerializer serializer = StoredNameSerializer.using(mapper, StoredTypes.names());
        var event = new CourseEvent.ConsentRecorded("c-1", new Entry(2, Actor.of("nurse", Role.CLINICIAN),
                Instant.parse("2026-11-30T10:00:00Z"), Instant.parse("2026-11-30T10:00:01Z"), false));
        var written = serializer.serialize(event, byte[].class);
        assertThat(written.getType().getName()).isEqualTo("kap.course.ConsentRecorded");
        assertThat(written.getType().getRevision()).isEqualTo("1");
        assertThat((Object) serializer.deserialize(written)).isEqualTo(event);
        assertThat(new String(written.getData(), StandardCharsets.UTF_8)).doesNotContain("org.kap");

        var legacy = new SimpleSerializedObject<>(written.getData(), byte[].class,
                new SimpleSerializedType("org.kap.core.course.CourseEvent$ConsentRecorded", null));
        assertThatThrownBy(() -> serializer.deserialize(legacy)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("through the upcasters");
    }
}
