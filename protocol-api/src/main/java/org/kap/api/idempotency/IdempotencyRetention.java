package org.kap.api.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

/**
 * A key's first answer is kept for {@code kap.idempotency.retention} (7 days by default), far longer than any
 * client retries; older keys are deleted hourly, and a key may then be used again. What the command
 * recorded stays in the event store for good.
 */
@Component
class IdempotencyRetention {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyRetention.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration retention;

    IdempotencyRetention(JdbcTemplate jdbc, Clock clock, @Value("${kap.idempotency.retention:7d}") Duration retention) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = retention;
    }

    @Scheduled(fixedDelayString = "${kap.audit.purge-interval:1h}", initialDelayString = "${kap.audit.first-purge:1m}")
    @net.javacrumbs.shedlock.spring.annotation.SchedulerLock(name = "idempotency-retention", lockAtMostFor = "30m")
    public void scheduledPurge() {
        purge();
    }

    int purge() {
        int deleted = jdbc.update("DELETE FROM idempotency_record WHERE created_at < ?", Timestamp.from(clock.instant().minus(retention)));
        if (deleted > 0) {
            log.info("deleted {} idempotency keys older than {} days", deleted, retention.toDays());
        }
        return deleted;
    }
}
