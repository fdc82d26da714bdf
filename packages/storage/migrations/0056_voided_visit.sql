-- A visit registered by mistake (wrong customer, wrong day, registered twice) is voided
-- (docs/visits.md "Corrections"): a version that counts nothing, as a declined one, but that
-- relatives' visit list leaves out, since the visit never happened. Its reason is the version's
-- `reason`; `declined_reason` stays the customer's reason for a decline only. A visit voided
-- before it had a departure keeps none, as a declined one.
DO $$
DECLARE r record;
BEGIN
  FOR r IN
    SELECT c.conname FROM pg_constraint c
    WHERE c.conrelid = 'visit'::regclass AND c.contype = 'c'
      AND (pg_get_constraintdef(c.oid) LIKE '%''corrected''%' OR c.conname = 'visit_departure_by_state')
  LOOP
    EXECUTE format('ALTER TABLE visit DROP CONSTRAINT %I', r.conname);
  END LOOP;
END $$;
ALTER TABLE visit
  ADD CONSTRAINT visit_state_known
  CHECK (state IN ('registered', 'incomplete', 'declined', 'voided', 'approved', 'corrected')),
  ADD CONSTRAINT visit_departure_by_state
  CHECK (CASE state WHEN 'incomplete' THEN departure_at IS NULL
                    WHEN 'declined' THEN true
                    WHEN 'voided' THEN true
                    ELSE departure_at IS NOT NULL END);
