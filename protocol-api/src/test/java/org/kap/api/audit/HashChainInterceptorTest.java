package org.kap.api.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import org.kap.api.KapProperties;
import org.kap.core.audit.ChainHasher;
import org.kap.core.course.Actor;
import org.kap.core.course.CourseEvent;
import org.kap.core.course.Entry;
import org.kap.core.outcome.Instrument;
import org.kap.core.rule.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The head a command's first event chains onto: the last stored event's hash, read in the command's own unit of work.
 * When the aggregate cache's check has just read that row (headRead), the chain takes its hash from there; otherwise,
 * or when what was read is not the event before, it reads the row from the store. Never a head remembered from an
 * earlier unit of work.
 */
class HashChainInterceptorTest {

    private static final String COURSE = "C-1";
    private static final String READ_HEAD = "SELECT metaData FROM DomainEventEntry";

    @TempDir
    Path keys;
    private final List<String> statements = new ArrayList<>();
    private JdbcTemplate jdbc;
    private HashChainInterceptor chain;
    private DefaultUnitOfWork<?> unitOfWork;

    @BeforeEach
    void engine() throws Exception {
        jdbc = new JdbcTemplate(new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")) {
            @Override
            public <T> List<T> query(String sql, RowMapper<T> rowMapper, Object... args) {
                statements.add(sql);
                return super.query(sql, rowMapper, args);
            }
        };
        jdbc.execute("CREATE TABLE DomainEventEntry (aggregateIdentifier VARCHAR(255), sequenceNumber BIGINT, metaData BLOB)");
        jdbc.execute(Files.readString(Path.of("src/main/resources/db/migration/h2/V10__course_checkpoint.sql")));
        KapProperties settings = new KapProperties(null, 100, 2000, 20000, null, null, false, 65536, null, null, null, null,
                new KapProperties.Signing(keys, null, true), null, null);
        EngineKeys engineKeys = new EngineKeys(settings);
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
        StoredEvents stored = new StoredEvents(jdbc, json);
        chain = new HashChainInterceptor(JacksonSerializer.builder().objectMapper(json).build(), stored,
                EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build(),
                new Checkpoints(jdbc, engineKeys, Clock.systemUTC(), stored), engineKeys);
        store(4, "stored-h4");
    }

    @AfterEach
    void nothingCommitted() {
        if (unitOfWork != null && unitOfWork.isActive()) {
            unitOfWork.rollback();
        }
    }

    @Test
    void the_first_event_chains_onto_the_head_the_cache_check_read_without_reading_it_again() {
        unitOfWork = DefaultUnitOfWork.startAndGet(null);
        chain.headRead(COURSE, new StoredEvents.Head(4, metadata("read-h4")));
        statements.clear();

        EventMessage<?> chained = chainedEvent(5);

        assertThat(chained.getMetaData().get(ChainHasher.PREVIOUS_HASH)).isEqualTo("read-h4");
        assertThat(statements).noneMatch(sql -> sql.startsWith(READ_HEAD));
    }

    @Test
    void a_head_read_that_is_not_the_event_before_is_passed_over_and_the_store_read() {
        unitOfWork = DefaultUnitOfWork.startAndGet(null);
        chain.headRead(COURSE, new StoredEvents.Head(3, metadata("read-h3")));
        statements.clear();

        EventMessage<?> chained = chainedEvent(5);

        assertThat(chained.getMetaData().get(ChainHasher.PREVIOUS_HASH)).isEqualTo("stored-h4");
        assertThat(statements).anyMatch(sql -> sql.startsWith(READ_HEAD));
    }

    @Test
    void a_head_read_in_one_unit_of_work_is_not_used_by_the_next() {
        unitOfWork = DefaultUnitOfWork.startAndGet(null);
        chain.headRead(COURSE, new StoredEvents.Head(4, metadata("read-h4")));
        unitOfWork.rollback();
        unitOfWork = DefaultUnitOfWork.startAndGet(null);
        statements.clear();

        EventMessage<?> chained = chainedEvent(5);

        assertThat(chained.getMetaData().get(ChainHasher.PREVIOUS_HASH)).isEqualTo("stored-h4");
        assertThat(statements).anyMatch(sql -> sql.startsWith(READ_HEAD));
    }

    @Test
    void outside_a_unit_of_work_a_head_read_is_not_kept() {
        chain.headRead(COURSE, new StoredEvents.Head(4, metadata("read-h4")));
        unitOfWork = DefaultUnitOfWork.startAndGet(null);

        assertThat(chainedEvent(5).getMetaData().get(ChainHasher.PREVIOUS_HASH)).isEqualTo("stored-h4");
    }

    private EventMessage<?> chainedEvent(long sequence) {
        Instant at = Instant.parse("2026-01-12T10:00:00Z");
        DomainEventMessage<?> event = new GenericDomainEventMessage<>("TreatmentCourse", COURSE, sequence,
                new CourseEvent.OutcomeMeasureRecorded(COURSE, new Entry(sequence + 1, Actor.of("clinician", Role.CLINICIAN),
                        at, at, false), Instrument.PHQ9, 12, 1));
        return chain.handle(List.of(event)).apply(0, event);
    }

    private void store(long sequence, String hash) {
        jdbc.update("INSERT INTO DomainEventEntry VALUES (?, ?, ?)", COURSE, sequence, metadata(hash));
    }

    private static byte[] metadata(String hash) {
        return ("{\"" + ChainHasher.HASH + "\":\"" + hash + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
