-- Schema version 7 is a SQLite-only change (../sqlite/0007_dossiers_fts_deferred.sql: its FTS5 name index is
-- filled at commit). PostgreSQL's GIN index on the generated applicant_search column has no per-statement
-- cost to avoid, so here the version only moves on, keeping one version number for one logical schema.
SELECT 1;
