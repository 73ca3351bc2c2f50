-- Schema version 8 is a PostgreSQL-only change (../postgres/0008_catalogue_gin_no_pending_list.sql: its
-- catalogue GIN index stops keeping a pending list). FTS5 has no such list, so here the version only moves
-- on, keeping one version number for one logical schema.
SELECT 1;
