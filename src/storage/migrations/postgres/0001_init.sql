-- motcua schema version 1, PostgreSQL: organisation, accounts, the procedure catalogue with its full-text
-- index, and the audit trail. The same logical schema as ../sqlite/0001_init.sql.
-- Conventions: instants are BIGINT unix seconds; dates are DATE; booleans are INTEGER 0/1 (as on SQLite);
-- list fields are JSONB; enums are stored by their stable names. Codes and other keys compare bytewise
-- (COLLATE "C") so that keyset pagination orders them exactly as SQLite does, whatever the database locale.

-- Vietnamese full-text search: unaccent removes diacritics (đ/Đ included), simple lower-cases; no stemming.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION vn (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION vn
  ALTER MAPPING FOR word, hword, hword_part, numword, numhword, hword_numpart WITH unaccent, simple;

-- Administrative units, one row per period of existence. valid_from 0001-01-01 means "before our records",
-- valid_to 9999-12-31 means "still in force"; a code reused after the 2025 reorganisation has two rows.
CREATE TABLE units (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code        TEXT COLLATE "C" NOT NULL,
  name        TEXT NOT NULL,
  type        TEXT NOT NULL,
  level       TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
  parent_code TEXT COLLATE "C" NOT NULL DEFAULT '',
  valid_from  DATE NOT NULL,
  valid_to    DATE NOT NULL,
  UNIQUE (code, valid_from)
);
CREATE INDEX units_parent ON units (parent_code, code);

-- The units that took over a unit's territory when its period ended.
CREATE TABLE unit_successors (
  unit_id        BIGINT NOT NULL REFERENCES units (id) ON DELETE CASCADE,
  successor_code TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (unit_id, successor_code)
);
CREATE INDEX unit_successors_code ON unit_successors (successor_code);

CREATE TABLE agencies (
  code        TEXT COLLATE "C" PRIMARY KEY,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL,
  unit_code   TEXT COLLATE "C" NOT NULL DEFAULT '',
  parent_code TEXT COLLATE "C" NOT NULL DEFAULT ''
);

CREATE TABLE users (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username        TEXT COLLATE "C" NOT NULL UNIQUE,
  full_name       TEXT NOT NULL,
  kind            TEXT NOT NULL,
  email           TEXT NOT NULL DEFAULT '',
  phone           TEXT NOT NULL DEFAULT '',
  personal_id     TEXT NOT NULL DEFAULT '',
  password_hash   TEXT NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until    BIGINT NOT NULL DEFAULT 0,
  created_at      BIGINT NOT NULL,
  disabled        INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
);
CREATE INDEX users_kind ON users (kind, id);

CREATE TABLE user_roles (
  user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role        TEXT COLLATE "C" NOT NULL,
  agency_code TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (user_id, role, agency_code)
);

CREATE TABLE sessions (
  token_hash TEXT COLLATE "C" PRIMARY KEY,
  user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
  token_hash TEXT COLLATE "C" PRIMARY KEY,
  user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL DEFAULT 0,
  revoked    INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- The catalogue. `search` is the full-text document: code and name weighted A, field B. Punctuation that
-- PostgreSQL's parser would keep inside one token (versions, hosts, paths, signed numbers, hyphenated
-- words) is turned into spaces first, so that the words are the ones SQLite's unicode61 tokenizer finds and
-- both engines match the same rows.
CREATE TABLE procedures (
  code                      TEXT COLLATE "C" PRIMARY KEY,
  name                      TEXT NOT NULL,
  field                     TEXT COLLATE "C" NOT NULL,
  levels                    JSONB NOT NULL DEFAULT '[]',
  online_level              TEXT NOT NULL,
  time_limit_value          INTEGER NOT NULL,
  time_limit_unit           TEXT NOT NULL,
  time_limit_note           TEXT NOT NULL DEFAULT '',
  time_limit_cutoff_minutes INTEGER,
  fees                      JSONB NOT NULL DEFAULT '[]',
  components                JSONB NOT NULL DEFAULT '[]',
  result                    TEXT NOT NULL DEFAULT '',
  legal_basis               JSONB NOT NULL DEFAULT '[]',
  steps                     TEXT NOT NULL DEFAULT '',
  requirements              TEXT NOT NULL DEFAULT '',
  applicants                TEXT NOT NULL DEFAULT '',
  decision                  TEXT NOT NULL DEFAULT '',
  source_url                TEXT NOT NULL DEFAULT '',
  version                   BIGINT NOT NULL,
  updated_at                BIGINT NOT NULL,
  search                    TSVECTOR GENERATED ALWAYS AS (
    setweight(to_tsvector('vn', translate(code, './@:<>&_-', '         ')), 'A') ||
    setweight(to_tsvector('vn', translate(name, './@:<>&_-', '         ')), 'A') ||
    setweight(to_tsvector('vn', translate(field, './@:<>&_-', '         ')), 'B')) STORED
);
CREATE INDEX procedures_field ON procedures (field, code);
CREATE INDEX procedures_search ON procedures USING GIN (search);

CREATE TABLE procedure_agencies (
  procedure_code TEXT COLLATE "C" NOT NULL REFERENCES procedures (code) ON DELETE CASCADE ON UPDATE CASCADE,
  agency_code    TEXT COLLATE "C" NOT NULL,
  position       INTEGER NOT NULL,
  PRIMARY KEY (procedure_code, agency_code)
);
CREATE INDEX procedure_agencies_agency ON procedure_agencies (agency_code);

-- The append-only audit trail: rows can be added, never changed or removed.
CREATE TABLE audit_log (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at            BIGINT NOT NULL,
  actor_user_id BIGINT NOT NULL DEFAULT 0,
  actor         TEXT NOT NULL,
  action        TEXT COLLATE "C" NOT NULL,
  target        TEXT NOT NULL DEFAULT '',
  outcome       TEXT NOT NULL,
  detail        TEXT NOT NULL DEFAULT '',
  remote        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at, id);
CREATE INDEX audit_log_action ON audit_log (action, at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
