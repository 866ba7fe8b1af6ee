package org.kap.api.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.kap.core.audit.ChainHasher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A course's events exactly as stored: the bytes in the event table, not the objects read back, so
 * that verification sees any change made to the rows.
 */
@Component
public class StoredEvents {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public StoredEvents(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<ChainHasher.StoredEvent> of(String aggregateId) {
        return between(aggregateId, 0, Long.MAX_VALUE);
    }

    /** The course's stored events from sequence {@code first} on. */
    public List<ChainHasher.StoredEvent> from(String aggregateId, long first) {
        return between(aggregateId, first, Long.MAX_VALUE);
    }

    /** The course's stored events with a sequence from {@code first} up to, not including, {@code end}. */
    public List<ChainHasher.StoredEvent> between(String aggregateId, long first, long end) {
        return jdbc.query(SELECT + "WHERE aggregateIdentifier = ? AND sequenceNumber >= ? AND sequenceNumber < ? ORDER BY sequenceNumber",
                this::row, aggregateId, first, end);
    }

    private static final String SELECT = "SELECT aggregateIdentifier, sequenceNumber, payloadType, payloadRevision, timeStamp, "
            + "payload, metaData FROM DomainEventEntry ";

    private ChainHasher.StoredEvent row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new ChainHasher.StoredEvent(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getBytes(6), metadata(rs.getBytes(7)));
    }

    /**
     * The metadata stored with the course's event {@code sequence}, from its row alone (where the event read back through
     * the event store fetched and decoded its payload and the events after it: 3% of the engine's time under load when
     * each command read its course's last event that way, docs/benchmarks.md); empty when no such event is stored.
     */
    public java.util.Optional<Map<String, String>> metadataOf(String aggregateId, long sequence) {
        return jdbc.query("SELECT metaData FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = ?",
                (rs, n) -> metadata(rs.getBytes(1)), aggregateId, sequence).stream().findFirst();
    }

    /** The course's stored event {@code sequence} as read for a check (its sequence and metadata), empty when none is stored. */
    public java.util.Optional<Head> at(String aggregateId, long sequence) {
        return jdbc.query("SELECT sequenceNumber, metaData FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = ?",
                (rs, n) -> new Head(rs.getLong(1), rs.getBytes(2)), aggregateId, sequence).stream().findFirst();
    }

    /** A course's last stored event as read for a check: its sequence and its metadata exactly as stored (null when none). */
    public record Head(long sequence, byte[] metadata) {
        /** The same row, byte for byte: the same sequence and the same stored metadata (which carries the chain hash). */
        public boolean sameAs(Head other) {
            return sequence == other.sequence && java.util.Arrays.equals(metadata, other.metadata);
        }
    }

    /**
     * The course's last stored event when the events from {@code sequence} on are exactly one, else empty: an index range
     * from (course, sequence) of at most two rows, where {@code MAX(sequenceNumber)} read every event of the course on H2
     * (the check grew with the course: docs/benchmarks.md). The course cache's check (is the cached course the stored
     * one?) and the kept course views' (has the course moved since?) both read this.
     */
    public java.util.Optional<Head> lastFrom(String aggregateId, long sequence) {
        List<Head> from = jdbc.query("SELECT sequenceNumber, metaData FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                        + "AND sequenceNumber >= ? ORDER BY sequenceNumber FETCH FIRST 2 ROWS ONLY",
                (rs, n) -> new Head(rs.getLong(1), rs.getBytes(2)), aggregateId, sequence);
        return from.size() == 1 ? java.util.Optional.of(from.get(0)) : java.util.Optional.empty();
    }

    /** How many stored events the course has with a sequence below {@code end}. */
    public long countBefore(String aggregateId, long end) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber < ?",
                Long.class, aggregateId, end);
        return count == null ? 0 : count;
    }

    /** The protocol version a course was screened under, from the payload of its first stored event. */
    public java.util.Optional<org.kap.core.rule.ProtocolRef> protocolOf(List<ChainHasher.StoredEvent> events) {
        if (events.isEmpty() || events.get(0).sequence() != 0) {
            return java.util.Optional.empty();
        }
        try {
            var protocol = json.readTree(events.get(0).payload()).path("protocol");
            return protocol.isObject() ? java.util.Optional.of(new org.kap.core.rule.ProtocolRef(protocol.path("id").asText(),
                    protocol.path("version").asInt())) : java.util.Optional.empty();
        } catch (IOException unreadable) {
            return java.util.Optional.empty();
        }
    }

    /** Metadata as text values; unreadable metadata is an empty map, which verification then reports. */
    Map<String, String> metadata(byte[] bytes) {
        if (bytes == null) {
            return Map.of();
        }
        try {
            Map<String, Object> raw = json.readValue(bytes, new TypeReference<Map<String, Object>>() { });
            Map<String, String> text = new HashMap<>();
            raw.forEach((k, v) -> text.put(k, String.valueOf(v)));
            return text;
        } catch (IOException unreadable) {
            return Map.of();
        }
    }
}
