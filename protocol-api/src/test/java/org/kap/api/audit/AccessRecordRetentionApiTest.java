package org.kap.api.audit;

import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Access records are kept for the retention period (six years by default) and then deleted; newer ones stay. */
class AccessRecordRetentionApiTest extends ApiTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AccessRecordRetention retention;

    private void recordAt(Instant when, String actor) {
        jdbc.update("INSERT INTO access_record (recorded, actor_id, actor_role, action, course_id, path, status) "
                + "VALUES (?, ?, 'AUDITOR', 'state', NULL, '/api/v1/courses/x', 200)", Timestamp.from(when), actor);
    }

    private long records(String actor) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM access_record WHERE actor_id = ?", Long.class, actor);
        return count == null ? 0 : count;
    }

    @Test
    void records_older_than_the_retention_period_are_deleted_and_newer_ones_kept() {
        Instant now = Instant.now();
        recordAt(now.minus(Duration.ofDays(2193)), "retention-old");
        recordAt(now.minus(Duration.ofDays(2191)), "retention-kept");
        recordAt(now.minus(Duration.ofMinutes(1)), "retention-new");

        assertThat(retention.purge()).isGreaterThanOrEqualTo(1);

        assertThat(records("retention-old")).isZero();
        assertThat(records("retention-kept")).isEqualTo(1);
        assertThat(records("retention-new")).isEqualTo(1);
    }
}
