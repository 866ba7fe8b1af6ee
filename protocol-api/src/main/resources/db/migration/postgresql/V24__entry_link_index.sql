-- A history page reads its own events and the few that link entries across pages (a course's screening, its moves to
-- other versions, its corrections: EntryLinks), found by their payload type. Without this index PostgreSQL read every
-- event of the course to find them, so a page of a long course cost more than the same page of a short one
-- (docs/benchmarks.md). The index holds those events alone, under their stored names and the Java class names such
-- events were stored under before stored names, so the other events' writes do not maintain it. A link type added
-- later must be added here by a new version (EntryLinkIndexTest fails until it is); until then it is still found, by
-- walking the course.
CREATE INDEX domain_event_entry_links ON DomainEventEntry (aggregateIdentifier, sequenceNumber)
    WHERE payloadType IN ('kap.course.ClientScreened', 'kap.course.CourseMigrated', 'kap.course.EntryCorrected',
                          'org.kap.core.course.CourseEvent$ClientScreened', 'org.kap.core.course.CourseEvent$EntryCorrected');
