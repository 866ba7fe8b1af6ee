-- Pages that cost the page, not the store (docs/benchmarks.md, "Lists as the store grows"): the course list's order,
-- with and without a status, and the open obligations' order, each read from an index instead of sorting every row.
CREATE INDEX course_summary_recent ON course_summary (screened_at DESC, course_id);
CREATE INDEX course_summary_status_recent ON course_summary (status, screened_at DESC, course_id);
CREATE INDEX obligation_open_order ON obligation (fulfilled_at, due, course_id, obligation_id);
