-- V24's index on (course, payload type) is dropped: a history page no longer looks up the events that link entries
-- across pages (it takes those links from the course's fold kept from its last read, CourseQueries#reading), and on H2
-- the index cost every event's write: each commit wrote a page of it, about a tenth more CPU per command under sixteen
-- clients (docs/benchmarks.md, 2026-12-05).
DROP INDEX IF EXISTS domain_event_entry_links;
