package org.kap.api.axon;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;
import org.kap.api.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The read models' fetch of new events while their position has gaps: the same rows, in the same order, as Axon's own
 * statement, on the store the suite runs on; and on H2 by index, where Axon's statement reads the whole table.
 */
class EventStoreReadsTest extends ApiTest {

    @Autowired
    DataSource dataSource;

    private final EventSchema schema = new EventSchema();

    @Test
    void events_after_a_position_and_in_its_gaps_are_read_as_axon_reads_them() throws SQLException {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        Instant t = Instant.now().minus(10, ChronoUnit.DAYS);
        for (int i = 0; i < 4; i++) {
            assertThat(post("clinician", "/api/v1/courses", Map.of("courseId", "reads-" + i, "clientId", "client-reads-" + i,
                    "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", t.toString(),
                    "profile", profile(40, "70 kg"))).status()).isEqualTo(201);
        }
        try (Connection connection = dataSource.getConnection()) {
            List<Long> all = globalIndexes(connection);
            assertThat(all).hasSizeGreaterThanOrEqualTo(4);
            long position = all.get(all.size() - 3);
            // gaps below the position that hold an event (committed after the position passed them) and one that never will
            List<Long> gaps = List.of(all.get(0), all.get(1), -5L);
            for (int batch : new int[]{1, 2, 100}) {
                List<List<Object>> ours = rows(EventStoreReads.readEventDataWithGaps(connection, schema, position, batch, gaps));
                List<List<Object>> axons = rows(JdbcEventStorageEngineStatements.readEventDataWithGaps(connection, schema, position,
                        batch, gaps));
                assertThat(ours).isEqualTo(axons);
                assertThat(ours).extracting(row -> row.get(0)).contains(all.get(0), all.get(1), all.get(all.size() - 2));
            }
        }
    }

    @Autowired
    org.axonframework.eventsourcing.eventstore.EventStorageEngine storageEngine;
    @Autowired
    org.axonframework.config.EventProcessingConfiguration processing;

    @Test
    void the_engine_reads_with_this_statement_and_the_read_models_through_the_lingering_source() throws Exception {
        // the storage engine's own statement for a position with gaps (a protected method of Axon's engine)
        var withGaps = org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine.class.getDeclaredMethod(
                "readEventDataWithGaps", Connection.class, long.class, int.class, List.class);
        withGaps.setAccessible(true);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = (PreparedStatement) withGaps.invoke(storageEngine, connection, 100L, 50, List.of(5L, 7L))) {
            // both drivers print a prepared statement's SQL
            assertThat(statement.toString()).containsIgnoringCase("UNION ALL");
        }
        var courseList = processing.eventProcessor("course-list", org.axonframework.eventhandling.TrackingEventProcessor.class);
        assertThat(courseList).isPresent();
        assertThat(courseList.get().getMessageSource()).isInstanceOf(LingeringSource.class);
        // the obligations too: a batch of events it does not handle still commits its token, once per fresh event if it
        // took each at once
        var obligations = processing.eventProcessor("obligations", org.axonframework.eventhandling.TrackingEventProcessor.class);
        assertThat(obligations).isPresent();
        assertThat(obligations.get().getMessageSource()).isInstanceOf(LingeringSource.class);
    }

    @Test
    void on_h2_both_parts_are_read_by_the_primary_key_not_by_scanning_the_table() throws SQLException {
        assumeFalse(TestDatabase.postgres(), "H2's plan; PostgreSQL plans an OR of index conditions as a bitmap of both");
        try (Connection connection = dataSource.getConnection()) {
            String ours = plan(connection, EventStoreReads.withGaps(schema, 2));
            // each SELECT names the index and the condition it seeks by ("PRIMARY_KEY_B: GLOBALINDEX > ..."); a scan of
            // the table names the index alone ("PRIMARY_KEY_B */")
            assertThat(ours.split("PRIMARY_KEY_[A-Z0-9]+: ", -1)).hasSize(3);
            assertThat(ours).contains("GLOBALINDEX > ", "GLOBALINDEX IN(").doesNotContainPattern(TABLE_SCAN);
            // what the class exists for: the statement Axon uses (JdbcEventStorageEngineStatements) is such a scan
            String axons = plan(connection, "SELECT " + schema.trackedEventFields() + " FROM DomainEventEntry WHERE "
                    + "(globalIndex > ? AND globalIndex <= ?) OR globalIndex IN (?,?) ORDER BY globalIndex ASC");
            assertThat(axons).containsPattern(TABLE_SCAN);
        }
    }

    private static final String TABLE_SCAN = "PRIMARY_KEY_[A-Z0-9]+ \\*/";

    private static String plan(Connection connection, String sql) throws SQLException {
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
            explain.setLong(1, 100);
            explain.setLong(2, 150);
            explain.setLong(3, 5);
            explain.setLong(4, 7);
            try (ResultSet result = explain.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        }
    }

    private static List<Long> globalIndexes(Connection connection) throws SQLException {
        List<Long> indexes = new ArrayList<>();
        try (var statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT globalIndex FROM DomainEventEntry ORDER BY globalIndex")) {
            while (result.next()) {
                indexes.add(result.getLong(1));
            }
        }
        return indexes;
    }

    private static List<List<Object>> rows(PreparedStatement statement) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (statement; ResultSet result = statement.executeQuery()) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    Object value = result.getObject(c);
                    row.add(value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                            : value instanceof java.sql.Blob blob ? new String(blob.getBytes(1, (int) blob.length()),
                            java.nio.charset.StandardCharsets.UTF_8) : value);
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
