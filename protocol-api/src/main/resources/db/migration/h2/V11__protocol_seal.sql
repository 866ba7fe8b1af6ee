-- A published version's seal (docs/audit.md): its text's SHA-256, publication time and publisher signed with an
-- engine key; the engine refuses to decide under a version whose stored text no longer matches its seal.
ALTER TABLE protocol_version ADD COLUMN sealed_at VARCHAR(40);
ALTER TABLE protocol_version ADD COLUMN key_id VARCHAR(16);
ALTER TABLE protocol_version ADD COLUMN signature VARCHAR(200);
