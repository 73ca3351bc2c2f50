-- Two index entries fewer for every new dossier: each index costs the writer its insert and, at every commit,
-- the rewrite of the pages it touched (about four 4 KiB WAL pages per index per group commit; docs/benchmarks.md,
-- issue 4). Nothing is lost for reads:
-- * dossiers_receiving (receiving_agency, code) is dropped. A dossier's code begins with the identifier of the
--   agency that received it and a hyphen (domain::format_dossier_code, from the receiving agency, which never
--   changes), so "received by X, newest code first" is the range ['X-', 'X.') of the primary key read
--   backwards (SqlDossierRepository's search).
-- * dossiers_received keeps only received dossiers (received_at > 0), the only ones its queries (a desk's
--   tracking book, its counts) ask for and say so; a dossier submitted online enters it when it is received.
DROP INDEX dossiers_receiving;
DROP INDEX dossiers_received;
CREATE INDEX dossiers_received ON dossiers (receiving_agency, received_at, code) WHERE received_at > 0;
