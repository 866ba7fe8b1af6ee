-- Signed tree heads over every course's signed head (docs/audit.md), each also appended to the anchor file.
-- tree_leaf keeps a course's leaf only when it changed: the leaves of tree N are, per course, its latest leaf
-- with tree_id <= N, so a course's inclusion in any past tree can be proven.
CREATE TABLE tree_head (
    tree_id   BIGINT       NOT NULL,
    tree_size BIGINT       NOT NULL,
    root_hash VARCHAR(64)  NOT NULL,
    issued_at VARCHAR(40)  NOT NULL,
    key_id    VARCHAR(16)  NOT NULL,
    signature VARCHAR(200) NOT NULL,
    PRIMARY KEY (tree_id)
);

CREATE TABLE tree_leaf (
    course_id   VARCHAR(100) NOT NULL,
    tree_id     BIGINT       NOT NULL,
    event_count BIGINT       NOT NULL,
    head_hash   VARCHAR(64)  NOT NULL,
    PRIMARY KEY (course_id, tree_id)
);
