-- Opening or extending a key holder's work shift (docs/visits.md "Work shifts") in one call, under
-- the holder's shift lock. Activations or phone logins sent at once must open one shift, not one
-- each; a single statement cannot take a lock and then see what the lock's previous holder wrote
-- (its snapshot is older), but each statement of a volatile function gets a fresh one. So the
-- activation's one statement, a phone login and a phone check-in call this, and no extra
-- transaction or round trip is needed (bench/load.bench.ts measures the activation path).
CREATE FUNCTION open_work_shift(
  p_municipality uuid,
  p_key uuid,
  p_ends_at timestamptz,
  p_source text,
  p_now timestamptz
) RETURNS integer LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  k record;
  touched integer;
BEGIN
  SELECT municipality_id, provider_id, holder_staff_member_id INTO k
  FROM digital_key WHERE municipality_id = p_municipality AND id = p_key;
  IF k.holder_staff_member_id IS NULL THEN
    RETURN 0;
  END IF;
  -- Held until the caller's transaction ends: the next caller's statements see this one's shift.
  PERFORM pg_advisory_xact_lock(hashtextextended('work-shift:' || k.holder_staff_member_id::text, 0));
  UPDATE work_shift SET ends_at = greatest(ends_at, p_ends_at)
  WHERE municipality_id = k.municipality_id AND staff_member_id = k.holder_staff_member_id
    AND source = p_source AND ends_at > p_now;
  GET DIAGNOSTICS touched = ROW_COUNT;
  IF touched = 0 AND p_ends_at > p_now THEN
    INSERT INTO work_shift (municipality_id, provider_id, staff_member_id, source, digital_key_id, starts_at, ends_at)
    VALUES (k.municipality_id, k.provider_id, k.holder_staff_member_id, p_source, p_key, p_now, p_ends_at);
    touched = 1;
  END IF;
  RETURN touched;
END;
$$;
