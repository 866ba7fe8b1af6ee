package org.kap.api.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.kap.api.courses.CourseNotFound;
import org.kap.api.protocols.JdbcProtocolCatalog;
import org.kap.api.protocols.PublishedProtocol;
import org.kap.core.audit.ChainHasher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A self-contained record for auditors: JSON Lines holding each course's events exactly as stored
 * (payload bytes in base64, metadata with hashes and signatures) and the source text of every
 * protocol version, so that {@code ./kap verify} checks it without the engine or its database.
 */
@Service
public class CourseExport {

    public static final String FORMAT = "kap-export-v1";

    private final StoredEvents stored;
    private final JdbcTemplate jdbc;
    private final JdbcProtocolCatalog catalog;
    private final ObjectMapper json;
    private final Clock clock;

    public CourseExport(StoredEvents stored, JdbcTemplate jdbc, JdbcProtocolCatalog catalog, ObjectMapper json, Clock clock) {
        this.stored = stored;
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.json = json;
        this.clock = clock;
    }

    /** One course, or every course when {@code courseId} is null. */
    public void write(String courseId, OutputStream out) throws IOException {
        List<String> courses = courseId != null ? List.of(courseId) : jdbc.queryForList(
                "SELECT DISTINCT aggregateIdentifier FROM DomainEventEntry WHERE type = 'TreatmentCourse' ORDER BY aggregateIdentifier",
                String.class);
        if (courseId != null && stored.of(courseId).isEmpty()) {
            throw new CourseNotFound(courseId);
        }
        line(out, Map.of("kind", "export", "format", FORMAT, "exportedAt", clock.instant().toString(), "courses", courses));
        for (PublishedProtocol p : catalog.all()) {
            line(out, Map.of("kind", "protocol", "id", p.protocolId(), "version", p.version(), "sourceSha256", p.sourceSha256(),
                    "sourceText", p.sourceText()));
        }
        for (String course : courses) {
            for (ChainHasher.StoredEvent e : stored.of(course)) {
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("kind", "event");
                event.put("courseId", e.aggregateId());
                event.put("sequence", e.sequence());
                event.put("payloadType", e.payloadType());
                event.put("payloadRevision", e.payloadRevision());
                event.put("timestamp", e.timestamp());
                event.put("payload", Base64.getEncoder().encodeToString(e.payload()));
                event.put("metadata", e.metadata());
                line(out, event);
            }
        }
        out.flush();
    }

    private void line(OutputStream out, Map<String, ?> value) throws IOException {
        out.write(json.writeValueAsBytes(value));
        out.write('\n');
    }

}
