-- A battery round's order on an apartment door no longer gets the note 'Lägenhetsdörr: boka tid
-- med kunden före besöket. (Apartment door: book a time with the customer first.)': the order
-- answers `needsCustomerBooking` (origin battery_round on an apartment door, core's
-- needsCustomerBooking), which the console words in the reader's language, and notes hold what
-- people wrote (docs/batteries.md "Battery rounds"). Old notes are recognisably the server's when
-- the order is a battery round's on an apartment door and its notes are that exact sentence, or
-- begin with it followed by white space (a person's words after it are kept). Anything else stays
-- a person's text. The statement may run again (the storage test runs the file a second time).
UPDATE work_order w
SET notes = nullif(btrim(substr(w.notes, length(old.text) + 1), E' \t\r\n'), '')
FROM door d,
  (SELECT 'Lägenhetsdörr: boka tid med kunden före besöket. (Apartment door: book a time with the customer first.)'
     AS text) old
WHERE d.municipality_id = w.municipality_id AND d.id = w.door_id
  AND w.origin = 'battery_round' AND d.kind = 'apartment_door'
  AND (w.notes = old.text
    OR (starts_with(w.notes, old.text) AND substr(w.notes, length(old.text) + 1) ~ '^\s'));
