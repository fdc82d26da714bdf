-- The titles the server gives the support cases it opens become facts the console puts into words
-- in the reader's language, like the timeline's entries (0044, 0045; docs/support.md "Support
-- cases"): `title_kind` names the title and `title_params` holds what a client needs to word it,
-- where the server wrote Swedish text in `title` (left empty for these kinds):
-- `emergency_opening` ("Nödöppning: kommer inte in"), `backup_key_taken` ({"cabinetName",
-- "slot"}; "Reservnyckel tagen ur …, fack N") and `emergency_follow_up` ({"emergencyReference"};
-- "Uppföljning av nödöppning …"). A title a person wrote is `text`, as written.
--
-- An emergency's follow-up work order said "Uppföljning av nödöppning … [: note]" in its notes;
-- which emergencies an order follows up is already on record (emergency_opening's
-- follow_up_work_order_id), so the server answers it as a fact and the notes keep only what the
-- person following up wrote.
--
-- Rows written before are converted where they are recognisably the server's: a title of the
-- exact form, on a case a take (or an emergency, as its own case or its follow-up) links to, with
-- the take's slot (the emergency's reference); notes of the exact form on an order that emergency
-- links to. Anything else stays a person's text. Every statement may run again (the storage test
-- runs the file a second time over old rows).
ALTER TABLE support_case ADD COLUMN IF NOT EXISTS title_kind text NOT NULL DEFAULT 'text';
ALTER TABLE support_case ADD COLUMN IF NOT EXISTS title_params jsonb;
ALTER TABLE support_case DROP CONSTRAINT IF EXISTS support_case_title_kind_check;
ALTER TABLE support_case ADD CONSTRAINT support_case_title_kind_check
  CHECK (title_kind IN ('text', 'emergency_opening', 'backup_key_taken', 'emergency_follow_up'));
CREATE INDEX IF NOT EXISTS emergency_opening_follow_up_work_order
  ON emergency_opening (municipality_id, follow_up_work_order_id) WHERE follow_up_work_order_id IS NOT NULL;

UPDATE support_case s SET title_kind = 'emergency_opening', title = ''
WHERE s.title_kind = 'text' AND s.is_emergency AND s.title = 'Nödöppning: kommer inte in'
  AND EXISTS (SELECT 1 FROM emergency_opening e
              WHERE e.municipality_id = s.municipality_id AND e.support_case_id = s.id);

UPDATE support_case s SET title_kind = 'backup_key_taken', title = '',
  title_params = jsonb_build_object('cabinetName', m.found[1], 'slot', m.found[2]::int)
FROM (SELECT id, regexp_match(title, '^Reservnyckel tagen ur (.+), fack (\d{1,9})$') AS found
      FROM support_case WHERE title_kind = 'text') m
WHERE m.id = s.id AND m.found IS NOT NULL
  AND EXISTS (SELECT 1 FROM key_cabinet_take k
              WHERE k.municipality_id = s.municipality_id AND k.support_case_id = s.id
                AND k.slot = m.found[2]::int);

UPDATE support_case s SET title_kind = 'emergency_follow_up', title = '',
  title_params = jsonb_build_object('emergencyReference', own.reference)
FROM emergency_opening e
JOIN support_case own ON own.municipality_id = e.municipality_id AND own.id = e.support_case_id
WHERE s.title_kind = 'text' AND e.municipality_id = s.municipality_id AND e.follow_up_case_id = s.id
  AND s.title = 'Uppföljning av nödöppning ' || own.reference;

UPDATE work_order w SET notes = nullif(substr(w.notes, length(prefix.text) + 3), '')
FROM (SELECT e.municipality_id, e.follow_up_work_order_id, 'Uppföljning av nödöppning ' || own.reference AS text
      FROM emergency_opening e
      JOIN support_case own ON own.municipality_id = e.municipality_id AND own.id = e.support_case_id
      WHERE e.follow_up_work_order_id IS NOT NULL) prefix
WHERE prefix.municipality_id = w.municipality_id AND prefix.follow_up_work_order_id = w.id
  AND (w.notes = prefix.text OR starts_with(w.notes, prefix.text || ': '));
