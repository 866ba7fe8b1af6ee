-- H2's V23 keeps binary and text values of up to 8 KiB in their row. PostgreSQL already does (its bytea and text values
-- are kept in the row, and moved out of it only past about 2 KiB, compressed first): nothing to change. This version
-- exists so that a version number means the same schema on both databases.
SELECT 1;
