-- One-time steps of the audit's upgrades (docs/audit.md): signing the heads of courses recorded before heads
-- were signed, sealing protocol versions published before seals. A step runs once, on a store that has none of
-- what it makes, and is then noted here.
CREATE TABLE audit_backfill (
    name    VARCHAR(64) NOT NULL,
    done_at VARCHAR(40) NOT NULL,
    PRIMARY KEY (name)
);
