-- A replayed answer is the first answer whole: a 201's Location header too (a screening, a published protocol).
ALTER TABLE idempotency_record ADD COLUMN location VARCHAR(1000);
