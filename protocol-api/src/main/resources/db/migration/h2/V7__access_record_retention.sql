-- Access records older than the retention period are deleted hourly: the purge finds them by time.
CREATE INDEX access_record_recorded ON access_record (recorded);
