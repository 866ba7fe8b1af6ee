package org.kap.api.idempotency;

import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Keys older than the retention period (7 days by default) are deleted; newer ones keep their answers. */
class IdempotencyRetentionApiTest extends ApiTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    IdempotencyRetention retention;

    private void keyAt(String key, Instant when) {
        jdbc.update("INSERT INTO idempotency_record (principal, idempotency_key, method, path, request_sha256, status, created_at) "
                + "VALUES ('clinician', ?, 'POST', '/api/v1/courses', ?, 201, ?)", key, "0".repeat(64), Timestamp.from(when));
    }

    private long keys(String key) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM idempotency_record WHERE idempotency_key = ?", Long.class, key);
        return count == null ? 0 : count;
    }

    @Test
    void keys_older_than_the_retention_period_are_deleted() {
        Instant now = Instant.now();
        keyAt("retention-old", now.minus(Duration.ofDays(8)));
        keyAt("retention-kept", now.minus(Duration.ofDays(6)));

        assertThat(retention.purge()).isGreaterThanOrEqualTo(1);

        assertThat(keys("retention-old")).isZero();
        assertThat(keys("retention-kept")).isEqualTo(1);
    }
}
