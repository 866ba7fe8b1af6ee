package org.kap.api.audit;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.kap.core.audit.SnapshotSeal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Seals each course snapshot as it is taken and lets the engine load only a snapshot that matches its seal
 * ({@link SnapshotSeal}); any other is passed over, and the course is folded from its events. One row per course,
 * the newest snapshot's (Axon keeps only the newest snapshot too).
 */
@Component
public class SnapshotSeals {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotSeals.class);
    private static final String COLUMNS = "course_id, sequence_number, payload_type, payload_sha256, sealed_at, key_id, signature";
    private static final int SEALS_REMEMBERED = 10_000;

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final EngineKeys keys;
    private final Clock clock;
    private final org.springframework.transaction.support.TransactionTemplate nested;
    /**
     * The seals this engine made, by course: a stored seal equal to one of them field for field is a signature this
     * engine made over exactly those fields, so its Ed25519 check is skipped (as for signed heads, Checkpoints).
     */
    private final Map<String, SnapshotSeal> sealedHere = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SnapshotSeal> eldest) {
            return size() > SEALS_REMEMBERED;
        }
    });

    /** {@code serializer}: the one that writes snapshots (Axon's general serializer). */
    public SnapshotSeals(JdbcTemplate jdbc, Serializer serializer, EngineKeys keys, Clock clock,
                         org.springframework.transaction.PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.keys = keys;
        this.clock = clock;
        this.nested = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.nested.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Seals {@code snapshot}, about to be stored, in the transaction that stores it: its bytes are the serializer's
     * output for its payload, which is what the event store writes. A newer seal already stored stays, unless it does not
     * verify (a row written around the engine must not stop the course from being sealed again).
     */
    public void seal(DomainEventMessage<?> snapshot) {
        var serialized = serializer.serialize(snapshot.getPayload(), byte[].class);
        SnapshotSeal seal = SnapshotSeal.sign(snapshot.getAggregateIdentifier(), snapshot.getSequenceNumber(),
                SnapshotSeal.type(serialized.getType().getName(), serialized.getType().getRevision()), serialized.getData(),
                clock.instant().toString(), keys.signing());
        Optional<SnapshotSeal> stored = read(seal.courseId(), " FOR UPDATE");
        if (stored.isPresent() && stored.get().sequence() > seal.sequence() && stored.get().verifies(keys.trusted())) {
            return; // a snapshot further on was sealed meanwhile: its seal stays, and this older snapshot is not used
        }
        // a stored snapshot at this place or further on is one its seal did not cover (else the seal read above would have
        // kept it): it goes, so that Axon's insert of this one does not meet it (a duplicate key aborts the transaction on
        // PostgreSQL, seal and all, and the course would stay unsealed until its next hundred events)
        jdbc.update("DELETE FROM SnapshotEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber >= ?", seal.courseId(),
                seal.sequence());
        if (stored.isPresent()) {
            jdbc.update("UPDATE course_snapshot_seal SET sequence_number = ?, payload_type = ?, payload_sha256 = ?, sealed_at = ?, "
                            + "key_id = ?, signature = ? WHERE course_id = ?", seal.sequence(), seal.type(), seal.payloadSha256(),
                    seal.sealedAt(), seal.keyId(), seal.signature(), seal.courseId());
        } else {
            // in a savepoint of the snapshot's transaction: on PostgreSQL a failed statement would otherwise abort it
            boolean inserted = Boolean.TRUE.equals(nested.execute(status -> {
                try {
                    jdbc.update("INSERT INTO course_snapshot_seal (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", seal.courseId(),
                            seal.sequence(), seal.type(), seal.payloadSha256(), seal.sealedAt(), seal.keyId(), seal.signature());
                    return true;
                } catch (DuplicateKeyException sealedMeanwhile) {
                    status.setRollbackOnly();
                    return false;
                }
            }));
            if (!inserted) {
                return; // another snapshot of the course was sealed at this moment: the next snapshot seals again
            }
        }
        sealedHere.put(seal.courseId(), seal);
    }

    private Optional<SnapshotSeal> read(String courseId, String lock) {
        return jdbc.query("SELECT " + COLUMNS + " FROM course_snapshot_seal WHERE course_id = ?" + lock,
                (rs, n) -> new SnapshotSeal(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7)), courseId).stream().findFirst();
    }

    /**
     * Whether the stored snapshot {@code data} may be loaded (Axon's snapshot filter): only when it is the one its course's
     * seal covers, byte for byte, and the seal verifies.
     */
    public boolean allow(DomainEventData<?> data) {
        String courseId = data.getAggregateIdentifier();
        byte[] bytes = bytes(data.getPayload().getData());
        Optional<SnapshotSeal> seal = read(courseId, "");
        Optional<String> problem = seal.isEmpty() ? Optional.of("it has no seal")
                : bytes == null ? Optional.of("its payload cannot be read as bytes")
                : seal.get().problemWith(courseId, data.getSequenceNumber(),
                        SnapshotSeal.type(data.getPayload().getType().getName(), data.getPayload().getType().getRevision()), bytes,
                        seal.get().equals(sealedHere.get(courseId)) && trusted(seal.get().keyId()) ? null : keys.trusted());
        if (seal.isEmpty()) {
            // a snapshot an engine before seals took (or a seal row deleted): folded from its events, sealed at the next snapshot
            LOG.info("the snapshot of course {} at {} has no seal: the course is folded from its events", courseId, data.getSequenceNumber());
        } else {
            problem.ifPresent(p -> LOG.warn("the snapshot of course {} at {} is not used ({}): the course is folded from its events",
                    courseId, data.getSequenceNumber(), p));
        }
        return problem.isEmpty();
    }

    private boolean trusted(String keyId) {
        return keys.trusted().stream().anyMatch(k -> k.id().equals(keyId));
    }

    private static byte[] bytes(Object data) {
        if (data instanceof byte[] b) {
            return b;
        }
        return data instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : null;
    }
}
