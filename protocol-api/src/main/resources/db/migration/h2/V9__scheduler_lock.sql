-- One engine at a time runs each scheduled check (the overdue obligations, the retention purges) when
-- several engines share the database: ShedLock's table, one row per check, held until lock_until.
CREATE TABLE shedlock (
    name       VARCHAR(64) NOT NULL,
    lock_until TIMESTAMP NOT NULL,
    locked_at  TIMESTAMP NOT NULL,
    locked_by  VARCHAR(255) NOT NULL,
    PRIMARY KEY (name)
);
