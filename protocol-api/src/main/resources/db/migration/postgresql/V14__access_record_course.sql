-- A course's access records are read together (its FHIR Bundle carries them as AuditEvents).
CREATE INDEX access_record_course ON access_record (course_id, id);
