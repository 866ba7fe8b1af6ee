-- A history page reads its own events and the few that link entries across pages (a course's screening, its moves to
-- other versions, its corrections: EntryLinks), found by their payload type. Without this index H2 walked every event
-- of the course to find them, so a page of a long course cost more than the same page of a short one
-- (docs/benchmarks.md). H2 keeps no index on part of a table's rows, so this one holds every event.
CREATE INDEX domain_event_entry_links ON DomainEventEntry (aggregateIdentifier, payloadType);
