-- motcua schema version 1, SQLite: organisation, accounts, the procedure catalogue with its full-text index,
-- and the audit trail. The same logical schema as ../postgres/0001_init.sql.
-- Conventions: instants are INTEGER unix seconds; dates are TEXT 'YYYY-MM-DD'; booleans are INTEGER 0/1; list
-- fields are JSON documents in TEXT; enums are stored by their stable names ("province", "desk_officer"...).

-- Administrative units, one row per period of existence. valid_from '0001-01-01' means "before our records",
-- valid_to '9999-12-31' means "still in force"; a code reused after the 2025 reorganisation has two rows.
CREATE TABLE units (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL,
  name        TEXT NOT NULL,
  type        TEXT NOT NULL,
  level       TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
  parent_code TEXT NOT NULL DEFAULT '',
  valid_from  TEXT NOT NULL,
  valid_to    TEXT NOT NULL,
  UNIQUE (code, valid_from)
);
CREATE INDEX units_parent ON units (parent_code, code);

-- The units that took over a unit's territory when its period ended.
CREATE TABLE unit_successors (
  unit_id        INTEGER NOT NULL REFERENCES units (id) ON DELETE CASCADE,
  successor_code TEXT NOT NULL,
  PRIMARY KEY (unit_id, successor_code)
);
CREATE INDEX unit_successors_code ON unit_successors (successor_code);

CREATE TABLE agencies (
  code        TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL,
  unit_code   TEXT NOT NULL DEFAULT '',
  parent_code TEXT NOT NULL DEFAULT ''
);

CREATE TABLE users (
  id              INTEGER PRIMARY KEY,
  username        TEXT NOT NULL UNIQUE,
  full_name       TEXT NOT NULL,
  kind            TEXT NOT NULL,
  email           TEXT NOT NULL DEFAULT '',
  phone           TEXT NOT NULL DEFAULT '',
  personal_id     TEXT NOT NULL DEFAULT '',
  password_hash   TEXT NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until    INTEGER NOT NULL DEFAULT 0,
  created_at      INTEGER NOT NULL,
  disabled        INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
);
CREATE INDEX users_kind ON users (kind, id);

CREATE TABLE user_roles (
  user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role        TEXT NOT NULL,
  agency_code TEXT NOT NULL,
  PRIMARY KEY (user_id, role, agency_code)
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL DEFAULT 0,
  revoked    INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- The catalogue. code is the natural key; id is the stable rowid the FTS5 external-content index refers to.
CREATE TABLE procedures (
  id                        INTEGER PRIMARY KEY,
  code                      TEXT NOT NULL UNIQUE,
  name                      TEXT NOT NULL,
  field                     TEXT NOT NULL,
  levels                    TEXT NOT NULL DEFAULT '[]',
  online_level              TEXT NOT NULL,
  time_limit_value          INTEGER NOT NULL,
  time_limit_unit           TEXT NOT NULL,
  time_limit_note           TEXT NOT NULL DEFAULT '',
  time_limit_cutoff_minutes INTEGER,
  fees                      TEXT NOT NULL DEFAULT '[]',
  components                TEXT NOT NULL DEFAULT '[]',
  result                    TEXT NOT NULL DEFAULT '',
  legal_basis               TEXT NOT NULL DEFAULT '[]',
  steps                     TEXT NOT NULL DEFAULT '',
  requirements              TEXT NOT NULL DEFAULT '',
  applicants                TEXT NOT NULL DEFAULT '',
  decision                  TEXT NOT NULL DEFAULT '',
  source_url                TEXT NOT NULL DEFAULT '',
  version                   INTEGER NOT NULL,
  updated_at                INTEGER NOT NULL
);
CREATE INDEX procedures_field ON procedures (field, code);

CREATE TABLE procedure_agencies (
  procedure_code TEXT NOT NULL REFERENCES procedures (code) ON DELETE CASCADE ON UPDATE CASCADE,
  agency_code    TEXT NOT NULL,
  position       INTEGER NOT NULL,
  PRIMARY KEY (procedure_code, agency_code)
);
CREATE INDEX procedure_agencies_agency ON procedure_agencies (agency_code);

-- Full-text index over code, name and field. The "vn" tokenizer (registered by motcua on every connection) is
-- unicode61 with remove_diacritics 2 plus đ/Đ -> d. Triggers keep it in step with procedures.
CREATE VIRTUAL TABLE procedures_fts USING fts5(
  code, name, field, content = 'procedures', content_rowid = 'id', tokenize = 'vn');

CREATE TRIGGER procedures_fts_insert AFTER INSERT ON procedures BEGIN
  INSERT INTO procedures_fts (rowid, code, name, field) VALUES (new.id, new.code, new.name, new.field);
END;
CREATE TRIGGER procedures_fts_delete AFTER DELETE ON procedures BEGIN
  INSERT INTO procedures_fts (procedures_fts, rowid, code, name, field)
  VALUES ('delete', old.id, old.code, old.name, old.field);
END;
CREATE TRIGGER procedures_fts_update AFTER UPDATE OF code, name, field ON procedures BEGIN
  INSERT INTO procedures_fts (procedures_fts, rowid, code, name, field)
  VALUES ('delete', old.id, old.code, old.name, old.field);
  INSERT INTO procedures_fts (rowid, code, name, field) VALUES (new.id, new.code, new.name, new.field);
END;

-- The append-only audit trail: rows can be added, never changed or removed.
CREATE TABLE audit_log (
  id            INTEGER PRIMARY KEY,
  at            INTEGER NOT NULL,
  actor_user_id INTEGER NOT NULL DEFAULT 0,
  actor         TEXT NOT NULL,
  action        TEXT NOT NULL,
  target        TEXT NOT NULL DEFAULT '',
  outcome       TEXT NOT NULL,
  detail        TEXT NOT NULL DEFAULT '',
  remote        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at, id);
CREATE INDEX audit_log_action ON audit_log (action, at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
