package org.kap.api.compat;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;
import org.kap.api.axon.StoredPayloads;
import org.kap.api.axon.StoredEventTypes;
import org.kap.api.axon.StoredTypes;
import org.kap.core.course.CourseEvent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What is stored lasts for years: one stored sample of every event type, as an engine wrote it (taken from the store of
 * the journeys, src/test/resources/golden-events), must keep deserialising (through the upcasters, as the event store
 * reads it) to its type and mean the same: written
 * again by today's engine it is the same JSON, field for field, so no field was renamed, dropped or defaulted. A
 * change to an event's shape fails here until it has an upcaster and the sample says what it became.
 */
class GoldenEventSamplesTest extends ApiTest {

    private static final Path SAMPLES = Path.of("src/test/resources/golden-events");

    @Autowired
    @Qualifier("eventSerializer")
    Serializer serializer;
    @Autowired
    StoredPayloads payloads;

    private Map<String, JsonNode> samples() throws IOException {
        Map<String, JsonNode> samples = new TreeMap<>();
        try (Stream<Path> files = Files.list(SAMPLES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                samples.put(file.getFileName().toString().replace(".json", ""), json.readTree(file.toFile()));
            }
        }
        return samples;
    }

    @Test
    void every_event_type_has_a_stored_sample() throws IOException {
        List<Class<?>> types = StoredEventTypes.all();
        Map<String, JsonNode> samples = samples();
        List<String> missing = types.stream().map(StoredTypes::nameOf).filter(name -> samples.values().stream()
                .noneMatch(s -> StoredTypes.readAs(s.path("payloadType").asText()).equals(name))).toList();
        assertThat(missing).as("event types without a stored sample in " + SAMPLES).isEmpty();
    }

    @Test
    void every_sample_reads_as_its_type_and_means_what_it_meant() throws Exception {
        Map<String, JsonNode> samples = samples();
        assertThat(samples).hasSizeGreaterThanOrEqualTo(42);
        for (var sample : samples.entrySet()) {
            JsonNode stored = sample.getValue();
            byte[] payload = json.writeValueAsBytes(stored.path("payload"));
            String revision = stored.path("payloadRevision").isNull() ? null : stored.path("payloadRevision").asText();
            String type = stored.path("payloadType").asText();
            List<Object> read = payloads.read("TreatmentCourse", "golden", 0, type, revision, "2026-11-30T00:00:00Z", payload,
                    Map.of());
            assertThat(read).as(sample.getKey() + " reads as one event").hasSize(1);
            Object event = read.get(0);
            assertThat(StoredTypes.names().get(event.getClass())).as(sample.getKey() + " is read as the type it was stored as")
                    .isEqualTo(StoredTypes.readAs(type));
            SerializedObject<byte[]> written = serializer.serialize(event, byte[].class);
            assertThat(written.getType().getName()).as("stored under its stored name, not a class name").isEqualTo(StoredTypes.readAs(type));
            assertThat(written.getType().getRevision()).as("with its revision").isNotNull();
            if (event instanceof CourseEvent courseEvent) {
                assertThat(org.kap.api.audit.EventSummary.of(courseEvent)).as(sample.getKey() + " has a line in the history")
                        .isNotBlank();
            }
            JsonNode again = json.readTree(new String(written.getData(), StandardCharsets.UTF_8));
            assertThat(unordered(again)).as(sample.getKey() + " written again by today's engine")
                    .isEqualTo(unordered(stored.path("payload")));
        }
    }

    /**
     * The JSON with every array's elements in one order: a set (the setting's features, say) is written in whatever
     * order it iterates, which says nothing; a list deserialises and serialises in its own order either way.
     */
    private JsonNode unordered(JsonNode node) {
        if (node.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = json.createObjectNode();
            node.fields().forEachRemaining(field -> copy.set(field.getKey(), unordered(field.getValue())));
            return copy;
        }
        if (node.isArray()) {
            List<JsonNode> elements = new ArrayList<>();
            node.forEach(element -> elements.add(unordered(element)));
            elements.sort(java.util.Comparator.comparing(JsonNode::toString));
            com.fasterxml.jackson.databind.node.ArrayNode copy = json.createArrayNode();
            elements.forEach(copy::add);
            return copy;
        }
        return node;
    }
}
