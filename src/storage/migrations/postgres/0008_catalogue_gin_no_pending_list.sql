-- The catalogue's GIN index takes new entries straight into its tree. With GIN's default fastupdate = on, new
-- and changed procedures wait in an unsorted pending list that every search reads from start to end, until a
-- VACUUM (autovacuum, after enough inserts) or a 4 MB list merges it. After an import of 2,000 procedures
-- the list held all of them (143 pages), and every search, even for an exact code, took 0.6-1 ms more until
-- autovacuum came by: catalogue search measured 1.59 ms median on a freshly loaded database and 0.76 ms once
-- the list was merged (bench/search_bench). The catalogue changes rarely, so paying the index update at each
-- write costs nothing that matters. dossiers_applicant_search was created this way in 0003.
ALTER INDEX procedures_search SET (fastupdate = off);
-- Turning fastupdate off keeps what is already pending; merge it now.
SELECT gin_clean_pending_list('procedures_search'::regclass);
