package org.kap.api.audit;

import org.kap.api.KapProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

/**
 * Access records are kept for {@code kap.audit.access-record-retention} (six years by default, the HIPAA
 * retention period) and then deleted, hourly, so the table cannot grow for ever. The course records
 * themselves (the event store) are never deleted.
 */
@Component
class AccessRecordRetention {

    private static final Logger log = LoggerFactory.getLogger(AccessRecordRetention.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration retention;

    AccessRecordRetention(JdbcTemplate jdbc, Clock clock, KapProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = properties.audit().accessRecordRetention();
    }

    @Scheduled(fixedDelayString = "${kap.audit.purge-interval:1h}", initialDelayString = "${kap.audit.first-purge:1m}")
    @net.javacrumbs.shedlock.spring.annotation.SchedulerLock(name = "access-record-retention", lockAtMostFor = "30m")
    public void scheduledPurge() {
        purge();
    }

    int purge() {
        int deleted = jdbc.update("DELETE FROM access_record WHERE recorded < ?", Timestamp.from(clock.instant().minus(retention)));
        if (deleted > 0) {
            log.info("deleted {} access records older than {} days", deleted, retention.toDays());
        }
        return deleted;
    }
}
