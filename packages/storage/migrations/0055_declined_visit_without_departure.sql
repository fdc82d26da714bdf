-- A visit declined before it had a departure keeps none (docs/visits.md "Corrections"): it was
-- closed at its arrival + 1 minute before, a departure nobody recorded, which relatives' list
-- showed as a one-minute visit. Only an incomplete or a declined visit may lack a departure; an
-- incomplete one still has none.
DO $$
DECLARE r record;
BEGIN
  FOR r IN
    SELECT c.conname FROM pg_constraint c
    WHERE c.conrelid = 'visit'::regclass AND c.contype = 'c'
      AND pg_get_constraintdef(c.oid) LIKE '%incomplete%'
      AND pg_get_constraintdef(c.oid) LIKE '%departure_at IS NULL%'
      AND pg_get_constraintdef(c.oid) NOT LIKE '%arrival_at%'
  LOOP
    EXECUTE format('ALTER TABLE visit DROP CONSTRAINT %I', r.conname);
  END LOOP;
END $$;
ALTER TABLE visit
  ADD CONSTRAINT visit_departure_by_state
  CHECK (CASE state WHEN 'incomplete' THEN departure_at IS NULL
                    WHEN 'declined' THEN true
                    ELSE departure_at IS NOT NULL END);
