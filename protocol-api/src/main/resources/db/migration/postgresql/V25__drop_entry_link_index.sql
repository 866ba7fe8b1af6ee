-- V24's partial index of the events that link entries across pages is dropped: a history page no longer looks them up
-- (it takes those links from the course's fold kept from its last read, CourseQueries#reading), so the index would be
-- kept up by their writes for no reader (docs/benchmarks.md, 2026-12-05).
DROP INDEX IF EXISTS domain_event_entry_links;
