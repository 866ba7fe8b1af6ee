-- Each course's verified prefix (docs/audit.md, "Verification from a verified prefix"): how many of its first events
-- a verification last recomputed in full and found intact, the stored hash of the last of them, the protocol version its
-- first event names, and the oldest moment any of them was recomputed (UTC, to the millisecond, so that the text orders
-- as the time); signed with an engine key. A later verification starts from it while it is young enough, and recomputes
-- the whole chain otherwise. A course found broken keeps a row with no events (event_count 0), which no verification
-- that began before it may replace. Losing a row costs one whole recomputation.
CREATE TABLE course_verified_prefix (
    course_id        VARCHAR(100) NOT NULL,
    event_count      BIGINT       NOT NULL,
    head_hash        VARCHAR(64)  NOT NULL,
    protocol_id      VARCHAR(100) NOT NULL,
    protocol_version INT          NOT NULL,
    recomputed_at    VARCHAR(40)  NOT NULL,
    key_id           VARCHAR(16)  NOT NULL,
    signature        VARCHAR(200) NOT NULL,
    PRIMARY KEY (course_id)
);
