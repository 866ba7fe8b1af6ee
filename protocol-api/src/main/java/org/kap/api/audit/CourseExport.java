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
 * (payload bytes in base64, and decoded beside them; metadata with hashes and signatures) followed by its signed head, and the source
 * text of every protocol version, so that {@code ./kap verify --key} checks it without the engine or its database.
 */
@Service
public class CourseExport {

    /** v3: v2 with a {@code library} line for each library of value sets (protocols import them). */
    public static final String FORMAT = "kap-export-v3";
    /** v2: each course's events are followed by its signed head (a checkpoint line); no library lines. */
    public static final String FORMAT_BEFORE_LIBRARIES = "kap-export-v2";
    /** Exports written before heads were signed; {@code ./kap verify --unsigned} still reads them. */
    public static final String FORMAT_BEFORE_CHECKPOINTS = "kap-export-v1";

    private final StoredEvents stored;
    private final JdbcTemplate jdbc;
    private final JdbcProtocolCatalog catalog;
    private final ObjectMapper json;
    private final Clock clock;
    private final Checkpoints checkpoints;
    private final TreeHeads treeHeads;

    public CourseExport(StoredEvents stored, JdbcTemplate jdbc, JdbcProtocolCatalog catalog, ObjectMapper json, Clock clock,
                        Checkpoints checkpoints, TreeHeads treeHeads) {
        this.checkpoints = checkpoints;
        this.treeHeads = treeHeads;
        this.stored = stored;
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.json = json;
        this.clock = clock;
    }

    /** Whether the store holds the course: its events, or at least its signed head. */
    public boolean exists(String courseId) {
        return !stored.of(courseId).isEmpty() || checkpoints.of(courseId).isPresent();
    }

    /**
     * The course's inclusion in tree head {@code treeId}, or in the latest when null (empty when there is none yet,
     * or the course came after it); a tree head asked for that does not hold the course is not found.
     */
    public java.util.Optional<TreeHeads.Inclusion> inclusion(String courseId, Long treeId) {
        if (treeId == null) {
            return treeHeads.latest().flatMap(latest -> treeHeads.inclusion(courseId, latest.treeId()));
        }
        return java.util.Optional.of(treeHeads.inclusion(courseId, treeId).orElseThrow(() -> new org.kap.api.courses.CourseNotFound(
                courseId + " in tree head " + treeId)));
    }

    /** One course (with its inclusion proof, when given), or every course when {@code courseId} is null. */
    public void write(String courseId, java.util.Optional<TreeHeads.Inclusion> inclusion, OutputStream out) throws IOException {
        // a course whose events are gone but whose signed head is not is exported too: the verifier names it
        List<String> courses = courseId != null ? List.of(courseId) : jdbc.queryForList("""
                SELECT aggregateIdentifier FROM DomainEventEntry WHERE type = 'TreatmentCourse'
                UNION SELECT course_id FROM course_checkpoint ORDER BY 1""", String.class);
        if (courseId != null && stored.of(courseId).isEmpty() && checkpoints.of(courseId).isEmpty()) {
            throw new CourseNotFound(courseId);
        }
        line(out, Map.of("kind", "export", "format", FORMAT, "exportedAt", clock.instant().toString(), "courses", courses));
        // every published text: the protocols, and the libraries of value sets they import (same fields, same seal)
        for (PublishedProtocol p : catalog.all()) {
            Map<String, Object> protocol = new LinkedHashMap<>();
            protocol.put("kind", p.library() ? "library" : "protocol");
            protocol.put("id", p.protocolId());
            protocol.put("version", p.version());
            protocol.put("sourceSha256", p.sourceSha256());
            protocol.put("sourceText", p.sourceText());
            protocol.put("publishedBy", p.publishedBy());
            protocol.put("sealedAt", p.sealedAt());
            protocol.put("keyId", p.keyId());
            protocol.put("signature", p.signature());
            line(out, protocol);
        }
        for (String course : courses) {
            Checkpoints.CourseRecord record = checkpoints.read(course);
            for (ChainHasher.StoredEvent e : record.events()) {
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("kind", "event");
                event.put("courseId", e.aggregateId());
                event.put("sequence", e.sequence());
                event.put("payloadType", e.payloadType());
                event.put("payloadRevision", e.payloadRevision());
                event.put("timestamp", e.timestamp());
                event.put("payload", Base64.getEncoder().encodeToString(e.payload()));
                // the same payload decoded, for people reading the file; the verifier checks it is the stored bytes
                event.put("payloadJson", json.readTree(e.payload()));
                event.put("metadata", e.metadata());
                line(out, event);
            }
            var head = record.checkpoint();
            if (head.isPresent()) {
                Map<String, Object> checkpoint = new LinkedHashMap<>();
                checkpoint.put("kind", "checkpoint");
                checkpoint.put("courseId", course);
                checkpoint.put("eventCount", head.get().eventCount());
                checkpoint.put("headHash", head.get().headHash());
                checkpoint.put("signedAt", head.get().signedAt());
                checkpoint.put("keyId", head.get().keyId());
                checkpoint.put("signature", head.get().signature());
                line(out, checkpoint);
            }
        }
        if (inclusion.isPresent()) {
            TreeHeads.Inclusion proof = inclusion.get();
            Map<String, Object> line = new LinkedHashMap<>(TreeHeads.line(proof.tree()));
            line.put("kind", "inclusion");
            line.put("courseId", proof.leaf().courseId());
            line.put("eventCount", proof.leaf().eventCount());
            line.put("headHash", proof.leaf().headHash());
            line.put("leafIndex", proof.leafIndex());
            line.put("path", proof.path());
            line(out, line);
        }
        out.flush();
    }

    private void line(OutputStream out, Map<String, ?> value) throws IOException {
        out.write(json.writeValueAsBytes(value));
        out.write('\n');
    }

}
