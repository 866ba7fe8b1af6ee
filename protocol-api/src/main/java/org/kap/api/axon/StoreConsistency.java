package org.kap.api.axon;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The event store is the truth; caches (the aggregate cache, the chain's last hash) are only a shortcut to
 * it. Appending an event whose sequence is already stored (a cached course that another engine, or a racing
 * request, moved on) is a concurrent modification on every database, never a failure of the engine; the
 * command is then retried on the course as stored, where the protocol decides again (a second dose approval
 * is refused, a second reading recorded), and answered 409 only if it keeps colliding.
 */
@Configuration
class StoreConsistency {

    /** SQLState 23505 is a unique violation on PostgreSQL and H2 alike; PostgreSQL's driver does not use the JDBC subclass. */
    static final String UNIQUE_VIOLATION = "23505";

    @Bean
    PersistenceExceptionResolver duplicateSequenceResolver() {
        return exception -> {
            for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
                // only the unique (course, sequence) key: a NOT NULL or CHECK violation is a defect, not a race
                if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                    return true;
                }
            }
            return false;
        };
    }

    /** The threads that send a command again; a few, so retries on different courses do not queue behind one. */
    @Bean(destroyMethod = "shutdown")
    ScheduledExecutorService commandRetries() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newScheduledThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "command-retry-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Commands that meet a concurrent modification (the unit of work rolled back and the stale course left
     * the cache) are sent again, up to three times, 20 ms apart. Nothing else is retried: a refusal, a
     * conflict with the course's state or a failure of the store is answered as it is.
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetries) {
        IntervalRetryScheduler.Builder retries = IntervalRetryScheduler.builder().retryExecutor(commandRetries)
                .retryInterval(20).maxRetryCount(3);
        return DefaultCommandGateway.builder().commandBus(commandBus)
                .retryScheduler(new IntervalRetryScheduler(retries) {
                    @Override
                    protected boolean isExplicitlyNonTransient(Throwable failure) {
                        return !(failure instanceof ConcurrencyException);
                    }
                })
                .build();
    }
}
