package org.kap.api.audit;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * The one-time steps of the audit's upgrades (table audit_backfill): each runs on a store that has none of what it
 * makes (a store that already holds signed heads never has unsigned ones signed for it), once, and is then noted.
 * They run before the engine takes requests. Someone who empties both the step's note and what it made can have it
 * run again at the next start: the anchor (docs/audit.md) is what shows what they changed meanwhile.
 */
@Component
public class AuditBackfills {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public AuditBackfills(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Runs {@code step} unless it ran before or {@code alreadyDone} says the store needs none of it; notes it as done. */
    public void once(String name, boolean alreadyDone, Runnable step) {
        Integer noted = jdbc.queryForObject("SELECT COUNT(*) FROM audit_backfill WHERE name = ?", Integer.class, name);
        if (noted != null && noted > 0) {
            return;
        }
        if (!alreadyDone) {
            step.run();
        }
        try {
            jdbc.update("INSERT INTO audit_backfill (name, done_at) VALUES (?, ?)", name, clock.instant().toString());
        } catch (DuplicateKeyException anotherEngine) {
            // another engine starting on the same store noted it first
        }
    }
}
