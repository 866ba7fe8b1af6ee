-- A published protocol version's pinned meaning (docs/dsl.md, "What a published version means"): the canonical
-- text of the rules its text compiled to when it was published, and that text's SHA-256. At load the engine
-- compiles the text again and refuses to decide under the version when today's compiler makes something else of it.
-- Versions published before pinning are pinned once, at the first start of an engine that pins.
ALTER TABLE protocol_version ADD COLUMN meaning_sha256 CHAR(64);
ALTER TABLE protocol_version ADD COLUMN meaning TEXT;
