-- Read models, rebuilt from the event store by replay; nothing here is the record.

-- published protocol versions (the catalog); the source text is kept so decisions can be re-derived
CREATE TABLE protocol_version (
    protocol_id   VARCHAR(100) NOT NULL,
    version       INTEGER NOT NULL,
    status        VARCHAR(20) NOT NULL,
    title         VARCHAR(500) NOT NULL,
    source_sha256 CHAR(64) NOT NULL,
    source_text   CLOB NOT NULL,
    published_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    published_by  VARCHAR(255) NOT NULL,
    PRIMARY KEY (protocol_id, version)
);

CREATE TABLE course_summary (
    course_id        VARCHAR(100) NOT NULL,
    client_id        VARCHAR(100) NOT NULL,
    protocol_id      VARCHAR(100) NOT NULL,
    protocol_version INTEGER NOT NULL,
    status           VARCHAR(40) NOT NULL,
    sessions         INTEGER NOT NULL,
    screened_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_act_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    state_json       CLOB NOT NULL,
    PRIMARY KEY (course_id)
);
CREATE INDEX course_summary_status ON course_summary (status, screened_at);

CREATE TABLE obligation (
    course_id          VARCHAR(100) NOT NULL,
    obligation_id      VARCHAR(100) NOT NULL,
    kind               VARCHAR(50) NOT NULL,
    rule_id            VARCHAR(100) NOT NULL,
    session_number     INTEGER,
    adverse_event_id   VARCHAR(100),
    due                TIMESTAMP WITH TIME ZONE NOT NULL,
    blocks_dosing      BOOLEAN NOT NULL,
    fulfilled_at       TIMESTAMP WITH TIME ZONE,
    marked_overdue_at  TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (course_id, obligation_id)
);
CREATE INDEX obligation_open ON obligation (fulfilled_at, due);

-- answers to commands sent with an Idempotency-Key: a retry gets the first answer, recorded nothing new
CREATE TABLE idempotency_record (
    principal      VARCHAR(255) NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    method         VARCHAR(10) NOT NULL,
    path           VARCHAR(1000) NOT NULL,
    request_sha256 CHAR(64) NOT NULL,
    status         INTEGER NOT NULL,
    content_type   VARCHAR(255),
    body           BLOB,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (principal, idempotency_key)
);
