-- Pages of every obligation (GET /api/v1/obligations?status=all), in deadline order from an index at any depth; the open
-- ones have theirs since V18.
CREATE INDEX obligation_order ON obligation (due, course_id, obligation_id);
