-- Applicant names reach the full-text index at commit, not at each statement. FTS5 writes its pending terms
-- out as a new index segment at every savepoint and statement journal, so with one segment per dossier a
-- group commit of many submissions (one savepoint each) spent about a fifth of its time writing and merging
-- tiny segments. Now the triggers only note the row in dossiers_fts_pending; the SQLite store moves every
-- noted row into dossiers_fts just before the transaction commits (storage/sqlite/sqlite_store.cpp), so a
-- batch makes one segment and the index is complete in every committed state. A row already in the index
-- (committed earlier) is taken out of it the moment its name changes or it is deleted, as before.
CREATE TABLE dossiers_fts_pending (id INTEGER PRIMARY KEY);

DROP TRIGGER dossiers_fts_insert;
DROP TRIGGER dossiers_fts_update;
DROP TRIGGER dossiers_fts_delete;

CREATE TRIGGER dossiers_fts_insert AFTER INSERT ON dossiers BEGIN
  INSERT INTO dossiers_fts_pending (id) VALUES (new.id);
END;
CREATE TRIGGER dossiers_fts_update AFTER UPDATE OF applicant_folded ON dossiers
  WHEN old.applicant_folded IS NOT new.applicant_folded BEGIN
  INSERT INTO dossiers_fts (dossiers_fts, rowid, applicant_folded)
    SELECT 'delete', old.id, old.applicant_folded
    WHERE NOT EXISTS (SELECT 1 FROM dossiers_fts_pending WHERE id = old.id);
  INSERT OR IGNORE INTO dossiers_fts_pending (id) VALUES (new.id);
END;
CREATE TRIGGER dossiers_fts_delete AFTER DELETE ON dossiers BEGIN
  INSERT INTO dossiers_fts (dossiers_fts, rowid, applicant_folded)
    SELECT 'delete', old.id, old.applicant_folded
    WHERE NOT EXISTS (SELECT 1 FROM dossiers_fts_pending WHERE id = old.id);
  DELETE FROM dossiers_fts_pending WHERE id = old.id;
END;
