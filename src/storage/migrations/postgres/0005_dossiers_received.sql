-- A desk's tracking book lists the dossiers it received in a month, oldest first: this index drives that
-- range (SqlDossierRepository::received_by) instead of a scan of every dossier the agency ever received.
CREATE INDEX dossiers_received ON dossiers (receiving_agency, received_at, code);
