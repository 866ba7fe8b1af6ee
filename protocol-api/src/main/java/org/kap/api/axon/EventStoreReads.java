package org.kap.api.axon;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * Axon's JDBC event store as its Spring Boot auto-configuration builds it, but for how the read models' processors
 * read new events while their position has gaps (global indexes allocated to transactions not yet committed, or
 * rolled back, which the position keeps for a minute): Axon asks for {@code (index > ? AND index <= ?) OR index IN
 * (gaps)}, which H2 answers by reading the whole table, every time a command commits (measured: docs/benchmarks.md).
 * Here the range and the gaps are two index lookups joined; the gaps all lie below the range, so no event is read
 * twice. The rows, their order and the position they lead to are Axon's own. (Axon's auto-configuration makes its
 * table schema only when it makes the storage engine: here it is Axon's default, the tables of db/migration's V1.)
 */
@Configuration
class EventStoreReads {

    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer, PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration, ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(new EventSchema())
                .readEventDataWithGaps(EventStoreReads::readEventDataWithGaps)
                .build();
    }

    /** The events after {@code index} (at most {@code batchSize} indexes on) and those in {@code gaps}, in index order. */
    static PreparedStatement readEventDataWithGaps(Connection connection, EventSchema schema, long index, int batchSize,
                                                   List<Long> gaps) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(withGaps(schema, gaps.size()));
        statement.setLong(1, index);
        statement.setLong(2, index + batchSize);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(i + 3, gaps.get(i));
        }
        return statement;
    }

    /** The statement's text: parameters the position, the position plus the batch size, then each gap. */
    static String withGaps(EventSchema schema, int gaps) {
        String select = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable() + " WHERE ";
        return select + schema.globalIndexColumn() + " > ? AND " + schema.globalIndexColumn() + " <= ?"
                + " UNION ALL " + select + schema.globalIndexColumn() + " IN (" + String.join(",", Collections.nCopies(gaps, "?")) + ")"
                + " ORDER BY " + schema.globalIndexColumn() + " ASC";
    }
}
