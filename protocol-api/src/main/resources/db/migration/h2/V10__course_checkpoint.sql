-- Each course's signed chain head (docs/audit.md): how many events it had and the hash of the last, signed
-- with an engine key in the transaction that stored them. Written with the events, never deleted.
CREATE TABLE course_checkpoint (
    course_id   VARCHAR(100) NOT NULL,
    event_count BIGINT       NOT NULL,
    head_hash   VARCHAR(64)  NOT NULL,
    signed_at   VARCHAR(40)  NOT NULL,
    key_id      VARCHAR(16)  NOT NULL,
    signature   VARCHAR(200) NOT NULL,
    PRIMARY KEY (course_id)
);
