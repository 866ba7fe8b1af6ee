-- Binary and text values of up to 8 KiB (an event's payload and metadata, a short course's snapshot, a course-list
-- checkpoint) are kept in their row. Above H2's default of 256 bytes each was written to H2's separate large-object
-- store: a temporary copy, the copy into the table and three more maps rewritten at every commit, for every event
-- (docs/benchmarks.md). The bytes stored are the same; rows written before keep theirs where they are. The setting
-- is kept in the database file, so every later connection has it.
SET MAX_LENGTH_INPLACE_LOB 8192;
