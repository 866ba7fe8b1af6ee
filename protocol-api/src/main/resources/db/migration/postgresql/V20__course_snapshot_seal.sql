-- The seal over each course's newest snapshot (docs/audit.md, "Sealed snapshots"): the sequence of the last event it
-- folds, its stored type and revision and the SHA-256 of its stored bytes, signed with an engine key when it was taken.
-- A snapshot that does not match its seal is not loaded: the course is folded from its events. Snapshots stored before
-- seals have none, so each course is folded from its events once and sealed at its next snapshot.
CREATE TABLE course_snapshot_seal (
    course_id       VARCHAR(100) NOT NULL,
    sequence_number BIGINT       NOT NULL,
    payload_type    VARCHAR(255) NOT NULL,
    payload_sha256  VARCHAR(64)  NOT NULL,
    sealed_at       VARCHAR(40)  NOT NULL,
    key_id          VARCHAR(16)  NOT NULL,
    signature       VARCHAR(200) NOT NULL,
    PRIMARY KEY (course_id)
);
