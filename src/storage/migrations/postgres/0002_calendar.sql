-- motcua schema version 2, PostgreSQL: the legal calendar's stored data (issue 3). The same logical schema as
-- ../sqlite/0002_calendar.sql. The statutory rules and the 2024-2026 schedules are built into the binary
-- (domain/calendar/holidays.cpp); only what administrators add lives here.

-- Rows of official holiday decisions, one per date: holidays placed by a decision, compensatory days, swapped
-- days off, make-up working days (swap_work) and other days off. `occasion` names the statutory holiday a row
-- places ("tet_nguyen_dan"...), '' for other rows. `source` is the decision or notice and cannot be empty.
CREATE TABLE calendar_days (
  date       DATE PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('holiday', 'compensatory', 'swap_off', 'swap_work', 'extra_off')),
  occasion   TEXT COLLATE "C" NOT NULL DEFAULT '',
  name       TEXT NOT NULL,
  source     TEXT NOT NULL CHECK (source <> ''),
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

-- An agency's working week and office hours, as JSON {"week": {"mon": ["07:30-11:30", ...], ...},
-- "makeup_day": [...]}. An agency without a row works the standard week (Monday-Friday 07:30-11:30,
-- 13:30-17:00).
CREATE TABLE agency_calendars (
  agency_code TEXT COLLATE "C" PRIMARY KEY REFERENCES agencies (code) ON DELETE CASCADE ON UPDATE CASCADE,
  hours       JSONB NOT NULL,
  updated_by  TEXT NOT NULL,
  updated_at  BIGINT NOT NULL
);
