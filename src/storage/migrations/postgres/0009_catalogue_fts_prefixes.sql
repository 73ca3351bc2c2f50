-- Schema version 9 is a SQLite-only change (../sqlite/0009_catalogue_fts_prefixes.sql: FTS5 prefix indexes
-- for short last words). PostgreSQL answers a prefix tsquery from its GIN index of whole lexemes, with no
-- per-prefix option, so here the version only moves on, keeping one version number for one logical schema.
SELECT 1;
