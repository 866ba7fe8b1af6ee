package org.kap.api.http;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The totals a paged list answers with, kept by its read model: one row per bucket (a course status, an obligation's
 * state) that the read model moves in the same transaction as the rows it counts, so a page's total is a read of a few
 * rows however many the list holds. Counting the list's table instead costs the table on PostgreSQL, which counts by
 * reading every row (docs/benchmarks.md, "Lists as the store grows").
 *
 * <p>A bucket's row is made on its first count. Each list's read model is one tracking processor whose batches run one
 * at a time, so two first counts meet only when a claim passes between engines mid-batch: the second insert then fails
 * on the bucket's key, its batch rolls back and is retried, and finds the row. The table and column names are the read
 * model's own, never a request's.
 */
public final class ListTotals {

    private final JdbcTemplate jdbc;
    private final String table;
    private final String bucket;
    private final String count;

    public ListTotals(JdbcTemplate jdbc, String table, String bucket, String count) {
        this.jdbc = jdbc;
        this.table = table;
        this.bucket = bucket;
        this.count = count;
    }

    /** Moves a bucket's total by {@code delta} rows (negative when rows leave it). */
    public void add(String key, long delta) {
        if (delta == 0) {
            return;
        }
        int updated = jdbc.update("UPDATE " + table + " SET " + count + " = " + count + " + ? WHERE " + bucket + " = ?", delta, key);
        if (updated == 0) {
            jdbc.update("INSERT INTO " + table + " (" + bucket + ", " + count + ") VALUES (?, ?)", key, delta);
        }
    }

    /** The rows in one bucket. */
    public long of(String key) {
        Long total = jdbc.queryForObject("SELECT COALESCE(SUM(" + count + "), 0) FROM " + table + " WHERE " + bucket + " = ?",
                Long.class, key);
        return total == null ? 0 : total;
    }

    /** The rows in every bucket. */
    public long all() {
        Long total = jdbc.queryForObject("SELECT COALESCE(SUM(" + count + "), 0) FROM " + table, Long.class);
        return total == null ? 0 : total;
    }

    /** Forgets every total, as the read model forgets its rows before a replay. */
    public void clear() {
        jdbc.update("DELETE FROM " + table);
    }
}
