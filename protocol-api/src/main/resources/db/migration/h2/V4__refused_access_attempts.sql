-- Refused attempts join the access records: a request denied to the caller's role (403) and a failed
-- sign-in (401) are recorded with who tried, what and when (HIPAA 164.312(b): record and examine
-- activity). The method tells a read from a command; rows before this migration were all reads.
ALTER TABLE access_record ADD COLUMN method VARCHAR(10) DEFAULT 'GET' NOT NULL;
