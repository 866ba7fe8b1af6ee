-- A version's lifecycle status with its seal (docs/dsl.md, "Lifecycle"): who made it so, when, and the engine key's
-- signature over them. Null for a status no act changed: that one is the status the sealed text was published with.
ALTER TABLE protocol_version ADD COLUMN status_by VARCHAR(255);
ALTER TABLE protocol_version ADD COLUMN status_at VARCHAR(40);
ALTER TABLE protocol_version ADD COLUMN status_key_id VARCHAR(16);
ALTER TABLE protocol_version ADD COLUMN status_signature VARCHAR(200);
