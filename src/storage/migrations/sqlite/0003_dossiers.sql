-- motcua schema version 3, SQLite: the one-stop process (issue 4): dossiers with their open tasks and
-- append-only history, the gap-free code sequences, idempotency keys of submissions, versioned workflow
-- definitions and the outbox. The same logical schema as ../postgres/0003_dossiers.sql.

-- One row per dossier. `document` is the whole aggregate minus its history (app/dossier_codec.hpp); the other
-- columns copy the parts that are searched or listed, and are rewritten from it on every update. The code
-- (<agency>-<yymmdd>-<NNNN>) is the natural key; search by code prefix is a range over it; id is the stable
-- rowid the full-text index refers to. `applicant_folded` is core::fold_for_search of the applicant's name (no
-- case, no diacritics, đ -> d). `version` is the optimistic version: an update names the version it read and
-- bumps it.
CREATE TABLE dossiers (
  id               INTEGER PRIMARY KEY,
  code             TEXT NOT NULL UNIQUE,
  procedure_code   TEXT NOT NULL,
  state            TEXT NOT NULL,
  receiving_agency TEXT NOT NULL,
  owner_user_id    INTEGER NOT NULL DEFAULT 0,
  applicant_name   TEXT NOT NULL,
  applicant_folded TEXT NOT NULL,
  personal_id      TEXT NOT NULL DEFAULT '',
  submitted_at     INTEGER NOT NULL,
  received_at      INTEGER NOT NULL DEFAULT 0,
  due_at           INTEGER NOT NULL DEFAULT 0,
  finished_at      INTEGER NOT NULL DEFAULT 0,
  version          INTEGER NOT NULL,
  document         TEXT NOT NULL
);
CREATE INDEX dossiers_personal_id ON dossiers (personal_id, code);
CREATE INDEX dossiers_procedure_state ON dossiers (procedure_code, state, code);
CREATE INDEX dossiers_state ON dossiers (state, code);
CREATE INDEX dossiers_submitted ON dossiers (submitted_at, code);
CREATE INDEX dossiers_receiving ON dossiers (receiving_agency, code);
CREATE INDEX dossiers_owner ON dossiers (owner_user_id, code);

-- Full-text index of the folded applicant names, for search by name words (the last one a prefix). The text
-- is folded already, so the default unicode61 tokenizer splits it the way PostgreSQL's parser does. Triggers
-- keep it in step with dossiers; most updates leave the name as it is and do not touch it.
CREATE VIRTUAL TABLE dossiers_fts USING fts5(applicant_folded, content = 'dossiers', content_rowid = 'id');

CREATE TRIGGER dossiers_fts_insert AFTER INSERT ON dossiers BEGIN
  INSERT INTO dossiers_fts (rowid, applicant_folded) VALUES (new.id, new.applicant_folded);
END;
CREATE TRIGGER dossiers_fts_delete AFTER DELETE ON dossiers BEGIN
  INSERT INTO dossiers_fts (dossiers_fts, rowid, applicant_folded) VALUES ('delete', old.id, old.applicant_folded);
END;
CREATE TRIGGER dossiers_fts_update AFTER UPDATE OF applicant_folded ON dossiers
  WHEN old.applicant_folded IS NOT new.applicant_folded BEGIN
  INSERT INTO dossiers_fts (dossiers_fts, rowid, applicant_folded) VALUES ('delete', old.id, old.applicant_folded);
  INSERT INTO dossiers_fts (rowid, applicant_folded) VALUES (new.id, new.applicant_folded);
END;

-- The open tasks of each dossier (a copy of document.tasks, in order), for the inboxes: an official's inbox
-- is a keyset scan of dossier_tasks_inbox per (agency, role) they hold, in due order. dossier_tasks_agency
-- serves search restricted to the dossiers an agency holds a task of, newest code first.
CREATE TABLE dossier_tasks (
  code            TEXT NOT NULL REFERENCES dossiers (code),
  position        INTEGER NOT NULL,
  step_id         TEXT NOT NULL,
  branch          INTEGER NOT NULL,
  agency_code     TEXT NOT NULL,
  role            TEXT NOT NULL,
  started_at      INTEGER NOT NULL,
  due_at          INTEGER NOT NULL,
  allowed_seconds INTEGER NOT NULL,
  PRIMARY KEY (code, position)
) WITHOUT ROWID;
CREATE INDEX dossier_tasks_inbox ON dossier_tasks (agency_code, role, due_at, code);
CREATE INDEX dossier_tasks_agency ON dossier_tasks (agency_code, code);

-- The history of each dossier, numbered 1, 2, ... per dossier: every action and hand-over (the process-control
-- slip and the dossier's audit trail are views of it). `timeliness` is '' when the row does not finish a step.
CREATE TABLE dossier_events (
  code            TEXT NOT NULL REFERENCES dossiers (code),
  seq             INTEGER NOT NULL,
  at              INTEGER NOT NULL,
  actor_user_id   INTEGER NOT NULL DEFAULT 0,
  actor           TEXT NOT NULL,
  action          TEXT NOT NULL,
  from_state      TEXT NOT NULL,
  to_state        TEXT NOT NULL,
  from_step       TEXT NOT NULL DEFAULT '',
  to_step         TEXT NOT NULL DEFAULT '',
  from_agency     TEXT NOT NULL DEFAULT '',
  to_agency       TEXT NOT NULL DEFAULT '',
  note            TEXT NOT NULL DEFAULT '',
  timeliness      TEXT NOT NULL DEFAULT '' CHECK (timeliness IN ('', 'early', 'on_time', 'late')),
  used_seconds    INTEGER NOT NULL DEFAULT 0,
  allowed_seconds INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (code, seq)
) WITHOUT ROWID;
CREATE INDEX dossier_events_at ON dossier_events (at, code);

CREATE TRIGGER dossier_events_no_update BEFORE UPDATE ON dossier_events BEGIN
  SELECT RAISE(ABORT, 'dossier_events is append-only');
END;
CREATE TRIGGER dossier_events_no_delete BEFORE DELETE ON dossier_events BEGIN
  SELECT RAISE(ABORT, 'dossier_events is append-only');
END;

-- The last sequence number given out per agency and day (YYYY-MM-DD). Allocation is one upsert in the
-- dossier's write transaction, so numbers are gap-free: a rolled-back submission gives its number back.
CREATE TABLE dossier_sequences (
  agency_code TEXT NOT NULL,
  day         TEXT NOT NULL,
  last_value  INTEGER NOT NULL,
  PRIMARY KEY (agency_code, day)
) WITHOUT ROWID;

-- Client-supplied keys of submissions: a retry with the same key gets the dossier of the first attempt.
CREATE TABLE idempotency_keys (
  user_id INTEGER NOT NULL,
  key     TEXT NOT NULL,
  code    TEXT NOT NULL,
  at      INTEGER NOT NULL,
  PRIMARY KEY (user_id, key)
) WITHOUT ROWID;
CREATE INDEX idempotency_keys_at ON idempotency_keys (at);

-- Workflow definitions (app/dossier_codec.hpp storage form), versioned per procedure and agency; agency ''
-- is the procedure's default. A stored version is never changed: a change is a new version.
CREATE TABLE workflows (
  procedure_code TEXT NOT NULL,
  agency_code    TEXT NOT NULL DEFAULT '',
  version        INTEGER NOT NULL CHECK (version > 0),
  definition     TEXT NOT NULL,
  PRIMARY KEY (procedure_code, agency_code, version)
) WITHOUT ROWID;

-- Events for the outside world (notifications, other agencies, the national portal), written in the
-- transaction of the change they report and delivered after it. `payload` is opaque JSON text, delivered
-- byte for byte. delivered_at is NULL until a dispatcher has delivered the event.
CREATE TABLE outbox (
  id           INTEGER PRIMARY KEY,
  at           INTEGER NOT NULL,
  topic        TEXT NOT NULL,
  aggregate    TEXT NOT NULL,
  payload      TEXT NOT NULL,
  request_id   TEXT NOT NULL DEFAULT '',
  delivered_at INTEGER
);
CREATE INDEX outbox_pending ON outbox (id) WHERE delivered_at IS NULL;
