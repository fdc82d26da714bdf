-- A serial is read off a key or a lock and typed by a person: "pv-ph-test04" is the key
-- "PV-PH-TEST04". Two serials that differ only in case are therefore one serial, and the database
-- refuses the second (the registry's own check names it first, storage findSameSerial).
--
-- - A digital key's serial: unique per municipality regardless of case, replacing the
--   case-sensitive (municipality_id, serial) key of 0001/0041. The plain index on serial that
--   0041 left for lookups (digital_key_serial_key_lookup) stays.
-- - A lock's serial stays unique across municipalities, as 0041 kept it on purpose (an installer's
--   scanned serial finds its lock in any municipality, findLockBySerial; docs/sharding.md), now
--   regardless of case too, which makes it unique per municipality regardless of case as well.
--   The new indexes keep the old keys' names, so the sharding check's list of global keys and
--   the conflict answer's field (`serial`) stay as they were.
--
-- Serials that already differ only in case stop the migration, naming them, rather than one of
-- them being renamed or lost: give all but one another serial and migrate again.
DO $$
DECLARE
  clashes text;
BEGIN
  SELECT string_agg(format('%s (%s)', serials, municipality), '; ') INTO clashes
  FROM (
    SELECT m.name AS municipality, string_agg(k.serial, ', ' ORDER BY k.serial) AS serials
    FROM digital_key k JOIN municipality m ON m.id = k.municipality_id
    GROUP BY m.id, m.name, lower(k.serial) HAVING count(*) > 1
    ORDER BY m.name, lower(k.serial)
  ) clash;
  IF clashes IS NOT NULL THEN
    RAISE EXCEPTION 'Digital keys whose serials differ only in case: %. Serials are now the same regardless of case; give all but one of each another serial, then migrate again.', clashes;
  END IF;
  SELECT string_agg(serials, '; ') INTO clashes
  FROM (
    SELECT string_agg(l.serial, ', ' ORDER BY l.serial) AS serials
    FROM lock_device l
    GROUP BY lower(l.serial) HAVING count(*) > 1
    ORDER BY lower(l.serial)
  ) clash;
  IF clashes IS NOT NULL THEN
    RAISE EXCEPTION 'Locks whose serials differ only in case: %. Serials are now the same regardless of case; give all but one of each another serial, then migrate again.', clashes;
  END IF;
END;
$$;

ALTER TABLE digital_key DROP CONSTRAINT digital_key_serial_key;
CREATE UNIQUE INDEX digital_key_serial_key ON digital_key (municipality_id, lower(serial));

ALTER TABLE lock_device DROP CONSTRAINT lock_device_serial_key;
CREATE UNIQUE INDEX lock_device_serial_key ON lock_device (lower(serial));
