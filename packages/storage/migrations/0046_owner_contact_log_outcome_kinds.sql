-- The contact-log entries the server writes become facts the console puts into words, like a
-- support case's timeline (0044, 0045; docs/consents.md "Contact log"): `outcome_kind` names what
-- happened and `params` holds what the console needs to say it in the reader's language, where
-- the server wrote Swedish sentences in `outcome` ("Samtyckesförfrågan skickad till …",
-- "Påminnelse N skickad till …", "Samtycket återkallat för …"):
-- `consent_request_sent` (params {"contactName", "email", "doorCount", "streetAddress"}),
-- `consent_reminder_sent` ({"reminder", "contactName", "email"}) and `consent_withdrawn`
-- ({"doors": [labels], "note": text or null}); their `outcome` is empty. A person's entry is a
-- `note`, its outcome as written. Entries written before stay as written (what was said to an
-- owner is on record); the server reads the old sentences back.
ALTER TABLE owner_contact_log ADD COLUMN outcome_kind text NOT NULL DEFAULT 'note'
  CHECK (outcome_kind IN ('note', 'consent_request_sent', 'consent_reminder_sent', 'consent_withdrawn'));
ALTER TABLE owner_contact_log ADD COLUMN params jsonb;
