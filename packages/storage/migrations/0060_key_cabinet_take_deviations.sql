-- What a cabinet's signed take record says that the server did not authorise becomes part of the
-- slot's state (docs/key-cabinets.md "Takes that were not authorised"), not only a finding:
-- * `is_unauthorised`: a take the cabinet recorded for a held key with no take authorised. The
--   row keeps the key out (counted, blocking a new take, the key's return or move) until the
--   cabinet's return record closes it. It has no reason and no staff member of its own;
--   `authorised_at` holds the record's time (the row's place in the log), never shown as an
--   authorisation.
-- * `taken_by_pseudonym`: the staff pseudonym the take record named, where it is not the
--   authorised staff member's (or on an unauthorised take): the key is with that person.
-- The timeline of the support case an authorised take links to says when the take was withdrawn
-- or lapsed unused (`key_take_withdrawn`, `key_take_lapsed`; params {"keyCabinetName", "slot"}).
ALTER TABLE key_cabinet_take ADD COLUMN is_unauthorised boolean NOT NULL DEFAULT false;
ALTER TABLE key_cabinet_take ADD COLUMN taken_by_pseudonym text;
ALTER TABLE key_cabinet_take ALTER COLUMN reason DROP NOT NULL;
ALTER TABLE key_cabinet_take ADD CONSTRAINT key_cabinet_take_reason_of_authorised
  CHECK (is_unauthorised OR reason IS NOT NULL);
ALTER TABLE support_case_note DROP CONSTRAINT support_case_note_kind_check;
ALTER TABLE support_case_note ADD CONSTRAINT support_case_note_kind_check
  CHECK (kind IN ('note', 'status', 'priority', 'assignee', 'link', 'arrival_link_mailed',
    'locksmith_on_site', 'door_opened', 'emergency_closed', 'follow_up_opened',
    'key_take_withdrawn', 'key_take_lapsed'));
