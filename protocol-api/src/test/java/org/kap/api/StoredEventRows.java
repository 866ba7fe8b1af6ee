package org.kap.api;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** A course's stored event rows as someone with write access to the database reads and rewrites them, column by column. */
public final class StoredEventRows {

    private final JdbcTemplate jdbc;

    public StoredEventRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public byte[] column(String courseId, long sequence, String column) {
        return jdbc.queryForObject("SELECT " + column + " FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = ?",
                byte[].class, courseId, sequence);
    }

    /** Writes one column of one stored event, in place, as a tamperer would. */
    public void set(String courseId, long sequence, String column, byte[] value) {
        assertThat(jdbc.update("UPDATE DomainEventEntry SET " + column + " = ? WHERE aggregateIdentifier = ? AND sequenceNumber = ?",
                value, courseId, sequence)).as("one stored event written").isEqualTo(1);
    }
}
