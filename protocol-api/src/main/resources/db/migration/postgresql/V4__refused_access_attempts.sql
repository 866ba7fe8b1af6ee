-- Refused requests join the access records: a request denied to the caller's role (403), and one
-- without credentials or whose credentials signed no one in (401), with who tried what and when
-- (HIPAA 164.312(b): record and examine activity). The method tells a read from a command. Rows
-- before this migration were reads: GETs, and the what-if, which is a POST.
ALTER TABLE access_record ADD COLUMN method VARCHAR(10) DEFAULT 'GET' NOT NULL;
UPDATE access_record SET method = 'POST' WHERE action = 'what-if';
