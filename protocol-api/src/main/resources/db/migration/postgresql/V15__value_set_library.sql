-- A published text is a protocol or a library of value sets that protocols import (docs/dsl.md, "Value-set
-- libraries"). Both are immutable, sealed versions in one catalog, under one namespace of ids; every version
-- published before libraries is a protocol.
ALTER TABLE protocol_version ADD COLUMN kind VARCHAR(10) DEFAULT 'protocol' NOT NULL;
