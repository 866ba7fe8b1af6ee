-- A keyed command's claim gets an id of its own, which the command carries into every event it records, and
-- the course it was sent to, noted before the command runs: a request cut off by a crash is resolved from
-- that course's events (answered from them if it was recorded, run again under a new claim if it was not).
ALTER TABLE idempotency_record ADD COLUMN course_id VARCHAR(100);
ALTER TABLE idempotency_record ADD COLUMN claim_id CHAR(32);
