-- The desk's own queue (Một cửa): dossiers waiting for the one-stop desk to act (receive an online
-- submission, transfer a received dossier, return a completed one's result) have desk_due_at > 0, the time
-- the desk should have acted by (domain::desk_due). Inboxes read it through the partial index below.
ALTER TABLE dossiers ADD COLUMN desk_due_at INTEGER NOT NULL DEFAULT 0;
-- Dossiers stored before this column: the moment they reached the desk's queue (the domain recomputes the
-- due time at their next action).
UPDATE dossiers SET desk_due_at = CASE state
    WHEN 'submitted_online' THEN submitted_at
    WHEN 'received' THEN received_at
    WHEN 'completed' THEN CASE WHEN due_at > 0 THEN due_at ELSE finished_at END
    ELSE 0 END;
CREATE INDEX dossiers_desk_queue ON dossiers (receiving_agency, desk_due_at, code) WHERE desk_due_at > 0;
