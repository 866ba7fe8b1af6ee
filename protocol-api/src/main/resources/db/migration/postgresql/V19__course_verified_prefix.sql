-- Each course's verified prefix (docs/audit.md, "Verification from a verified prefix"): how many of its first events
-- a verification last recomputed in full and found intact, the stored hash of the last of them, and the oldest moment
-- any of them was recomputed; signed with an engine key. A later verification starts from it while it is young enough,
-- and recomputes the whole chain otherwise. Rewritten by each verification; losing it costs one full recomputation.
CREATE TABLE course_verified_prefix (
    course_id     VARCHAR(100) NOT NULL,
    event_count   BIGINT       NOT NULL,
    head_hash     VARCHAR(64)  NOT NULL,
    recomputed_at VARCHAR(40)  NOT NULL,
    key_id        VARCHAR(16)  NOT NULL,
    signature     VARCHAR(200) NOT NULL,
    PRIMARY KEY (course_id)
);
