-- The emergency steps' timeline entries become facts the console puts into words, like
-- `arrival_link_mailed` (0044; docs/support.md "Support cases"): `locksmith_on_site`,
-- `door_opened`, `emergency_closed` (params {"cause": code, "note": text or null}) and
-- `follow_up_opened` (params {"followUp", "reference", "workOrderKind"}), where the server wrote
-- Swedish sentences. `author_kind` says who the author is: an `actor` (user or API token) named
-- by its label, or the locksmith on an `arrival_link`, named by the company alone so the console
-- can say "Locksmith (company) via arrival link" in the reader's language. Entries written before
-- stay as written (the timeline is on record); the server reads the old sentences back.
ALTER TABLE support_case_note ADD COLUMN author_kind text NOT NULL DEFAULT 'actor'
  CHECK (author_kind IN ('actor', 'arrival_link'));
ALTER TABLE support_case_note DROP CONSTRAINT support_case_note_kind_check;
ALTER TABLE support_case_note ADD CONSTRAINT support_case_note_kind_check
  CHECK (kind IN ('note', 'status', 'priority', 'assignee', 'link', 'arrival_link_mailed',
    'locksmith_on_site', 'door_opened', 'emergency_closed', 'follow_up_opened'));
