-- Search restricted to an official's units also finds the dossiers handed to those units at an earlier step
-- (their history), not only those they received or hold an open task of: the same rule as reading one
-- dossier. This index drives that part of the search, newest code first, one row per dossier.
CREATE INDEX dossier_events_to_agency ON dossier_events (to_agency, code, seq);
