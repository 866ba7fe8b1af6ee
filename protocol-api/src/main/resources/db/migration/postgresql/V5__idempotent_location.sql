-- A replayed answer to a keyed screening is the first answer whole: its Location header too.
ALTER TABLE idempotency_record ADD COLUMN location VARCHAR(1000);
