-- The lists' totals, kept by their read models in the transaction that changes their rows, so a page's total is a read
-- of a few rows, not a count of the table (PostgreSQL counts by reading every row: docs/benchmarks.md, "Lists as the
-- store grows"). Filled here from the rows already there.
CREATE TABLE course_status_count (
    status  VARCHAR(40) NOT NULL,
    courses BIGINT      NOT NULL,
    PRIMARY KEY (status)
);
INSERT INTO course_status_count (status, courses) SELECT status, COUNT(*) FROM course_summary GROUP BY status;

-- obligations by state: open (not fulfilled) and fulfilled
CREATE TABLE obligation_state_count (
    state       VARCHAR(20) NOT NULL,
    obligations BIGINT      NOT NULL,
    PRIMARY KEY (state)
);
INSERT INTO obligation_state_count (state, obligations)
    SELECT CASE WHEN fulfilled_at IS NULL THEN 'open' ELSE 'fulfilled' END, COUNT(*) FROM obligation
    GROUP BY CASE WHEN fulfilled_at IS NULL THEN 'open' ELSE 'fulfilled' END;

-- The course list writes a row's list columns with every batch, and the course state it folds events into (state_json)
-- only as a checkpoint, once it is a hundred or more entries behind; entries says how many entries the row's columns
-- have folded in (NULL on a row written before this column: such a row is of state revision 4 or older and is rebuilt
-- from its course's events when the next one arrives).
ALTER TABLE course_summary ADD COLUMN entries BIGINT;
