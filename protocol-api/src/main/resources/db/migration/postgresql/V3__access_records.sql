-- Every read of a course's record (who, what, when, outcome): HIPAA 164.312(b) audit controls.
CREATE TABLE access_record (
    id          BIGSERIAL NOT NULL,
    recorded    TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_id    VARCHAR(255) NOT NULL,
    actor_role  VARCHAR(50) NOT NULL,
    action      VARCHAR(50) NOT NULL,
    course_id   VARCHAR(100),
    path        VARCHAR(1000) NOT NULL,
    status      INTEGER NOT NULL,
    PRIMARY KEY (id)
);
