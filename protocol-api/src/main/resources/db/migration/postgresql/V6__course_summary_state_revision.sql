-- The course list keeps the course state it folds events into as JSON. Its shape changes with the engine
-- (facts over time added fields and renamed one), so each row says which shape it holds; a row of another
-- shape is rebuilt from the course's events when its next event arrives. Rows written before this column
-- hold shape 1.
ALTER TABLE course_summary ADD COLUMN state_revision INT DEFAULT 1 NOT NULL;
