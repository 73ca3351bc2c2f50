-- motcua schema version 3, PostgreSQL: the one-stop process (issue 4): dossiers with their open tasks and
-- append-only history, the gap-free code sequences, idempotency keys of submissions, versioned workflow
-- definitions and the outbox. The same logical schema as ../sqlite/0003_dossiers.sql.

-- One row per dossier. `document` is the whole aggregate minus its history (app/dossier_codec.hpp); the other
-- columns copy the parts that are searched or listed, and are rewritten from it on every update. The code
-- (<agency>-<yymmdd>-<NNNN>) is the key; search by code prefix is a range over it. `applicant_folded` is
-- core::fold_for_search of the applicant's name (no case, no diacritics, đ -> d); `applicant_search` indexes
-- its words for search by name (the text is folded already, so the `simple` configuration suffices; the
-- punctuation PostgreSQL would keep inside a token is turned into spaces, as SQLite's tokenizer splits there).
-- `version` is the optimistic version: an update names the version it read and bumps it.
CREATE TABLE dossiers (
  code             TEXT COLLATE "C" PRIMARY KEY,
  procedure_code   TEXT COLLATE "C" NOT NULL,
  state            TEXT COLLATE "C" NOT NULL,
  receiving_agency TEXT COLLATE "C" NOT NULL,
  owner_user_id    BIGINT NOT NULL DEFAULT 0,
  applicant_name   TEXT NOT NULL,
  applicant_folded TEXT COLLATE "C" NOT NULL,
  personal_id      TEXT COLLATE "C" NOT NULL DEFAULT '',
  submitted_at     BIGINT NOT NULL,
  received_at      BIGINT NOT NULL DEFAULT 0,
  due_at           BIGINT NOT NULL DEFAULT 0,
  finished_at      BIGINT NOT NULL DEFAULT 0,
  version          BIGINT NOT NULL,
  document         JSONB NOT NULL,
  applicant_search TSVECTOR GENERATED ALWAYS AS (
    to_tsvector('simple', translate(applicant_folded, './@:<>&_-', '         '))) STORED
);
CREATE INDEX dossiers_personal_id ON dossiers (personal_id, code);
CREATE INDEX dossiers_procedure_state ON dossiers (procedure_code, state, code);
CREATE INDEX dossiers_state ON dossiers (state, code);
CREATE INDEX dossiers_submitted ON dossiers (submitted_at, code);
CREATE INDEX dossiers_receiving ON dossiers (receiving_agency, code);
CREATE INDEX dossiers_owner ON dossiers (owner_user_id, code);
-- Without the pending list of GIN's fast update, every search would also scan up to 4 MB of not yet merged
-- entries (about 10 ms); merging at once costs a few microseconds per written row.
CREATE INDEX dossiers_applicant_search ON dossiers USING GIN (applicant_search) WITH (fastupdate = off);

-- The open tasks of each dossier (a copy of document.tasks, in order), for the inboxes: an official's inbox
-- is a keyset scan of dossier_tasks_inbox per (agency, role) they hold, in due order. dossier_tasks_agency
-- serves search restricted to the dossiers an agency holds a task of, newest code first.
CREATE TABLE dossier_tasks (
  code            TEXT COLLATE "C" NOT NULL REFERENCES dossiers (code),
  position        INTEGER NOT NULL,
  step_id         TEXT COLLATE "C" NOT NULL,
  branch          INTEGER NOT NULL,
  agency_code     TEXT COLLATE "C" NOT NULL,
  role            TEXT COLLATE "C" NOT NULL,
  started_at      BIGINT NOT NULL,
  due_at          BIGINT NOT NULL,
  allowed_seconds BIGINT NOT NULL,
  PRIMARY KEY (code, position)
);
CREATE INDEX dossier_tasks_inbox ON dossier_tasks (agency_code, role, due_at, code);
CREATE INDEX dossier_tasks_agency ON dossier_tasks (agency_code, code);

-- The history of each dossier, numbered 1, 2, ... per dossier: every action and hand-over (the process-control
-- slip and the dossier's audit trail are views of it). `timeliness` is '' when the row does not finish a step.
CREATE TABLE dossier_events (
  code            TEXT COLLATE "C" NOT NULL REFERENCES dossiers (code),
  seq             INTEGER NOT NULL,
  at              BIGINT NOT NULL,
  actor_user_id   BIGINT NOT NULL DEFAULT 0,
  actor           TEXT NOT NULL,
  action          TEXT COLLATE "C" NOT NULL,
  from_state      TEXT COLLATE "C" NOT NULL,
  to_state        TEXT COLLATE "C" NOT NULL,
  from_step       TEXT COLLATE "C" NOT NULL DEFAULT '',
  to_step         TEXT COLLATE "C" NOT NULL DEFAULT '',
  from_agency     TEXT COLLATE "C" NOT NULL DEFAULT '',
  to_agency       TEXT COLLATE "C" NOT NULL DEFAULT '',
  note            TEXT NOT NULL DEFAULT '',
  timeliness      TEXT NOT NULL DEFAULT '' CHECK (timeliness IN ('', 'early', 'on_time', 'late')),
  used_seconds    BIGINT NOT NULL DEFAULT 0,
  allowed_seconds BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (code, seq)
);
CREATE INDEX dossier_events_at ON dossier_events (at, code);

CREATE FUNCTION dossier_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'dossier_events is append-only';
END;
$$;
CREATE TRIGGER dossier_events_append_only BEFORE UPDATE OR DELETE ON dossier_events
  FOR EACH ROW EXECUTE FUNCTION dossier_events_append_only();

-- The last sequence number given out per agency and day. Allocation is one upsert in the dossier's write
-- transaction: concurrent allocations queue on the row lock, and numbers are gap-free (a rolled-back
-- submission gives its number back).
CREATE TABLE dossier_sequences (
  agency_code TEXT COLLATE "C" NOT NULL,
  day         DATE NOT NULL,
  last_value  INTEGER NOT NULL,
  PRIMARY KEY (agency_code, day)
);

-- Client-supplied keys of submissions: a retry with the same key gets the dossier of the first attempt.
CREATE TABLE idempotency_keys (
  user_id BIGINT NOT NULL,
  key     TEXT COLLATE "C" NOT NULL,
  code    TEXT COLLATE "C" NOT NULL,
  at      BIGINT NOT NULL,
  PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_at ON idempotency_keys (at);

-- Workflow definitions (app/dossier_codec.hpp storage form), versioned per procedure and agency; agency ''
-- is the procedure's default. A stored version is never changed: a change is a new version.
CREATE TABLE workflows (
  procedure_code TEXT COLLATE "C" NOT NULL,
  agency_code    TEXT COLLATE "C" NOT NULL DEFAULT '',
  version        INTEGER NOT NULL CHECK (version > 0),
  definition     JSONB NOT NULL,
  PRIMARY KEY (procedure_code, agency_code, version)
);

-- Events for the outside world (notifications, other agencies, the national portal), written in the
-- transaction of the change they report and delivered after it. `payload` is opaque JSON text, delivered
-- byte for byte. delivered_at is NULL until a dispatcher has delivered the event.
CREATE TABLE outbox (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at           BIGINT NOT NULL,
  topic        TEXT COLLATE "C" NOT NULL,
  aggregate    TEXT COLLATE "C" NOT NULL,
  payload      TEXT NOT NULL,
  request_id   TEXT NOT NULL DEFAULT '',
  delivered_at BIGINT
);
CREATE INDEX outbox_pending ON outbox (id) WHERE delivered_at IS NULL;
