-- A published text is a protocol or a library of value sets that protocols import (docs/dsl.md, "Value-set
-- libraries"). Both are immutable, sealed versions in one catalog, under one namespace of ids; every version
-- published before libraries is a protocol.
ALTER TABLE protocol_version ADD COLUMN kind VARCHAR(10) DEFAULT 'protocol' NOT NULL;

-- The namespace itself: one row per published id with its kind, written in the publishing transaction, so that two
-- publications racing to give one id to a protocol and to a library cannot both succeed.
CREATE TABLE published_id (
    id   VARCHAR(100) NOT NULL PRIMARY KEY,
    kind VARCHAR(10) NOT NULL
);
INSERT INTO published_id (id, kind) SELECT DISTINCT protocol_id, 'protocol' FROM protocol_version;
