-- The course a keyed command was sent to, noted before the command runs: a request cut off by a crash is
-- resolved from that course's events (answered from them if it was recorded, run again if it was not).
ALTER TABLE idempotency_record ADD COLUMN course_id VARCHAR(100);
