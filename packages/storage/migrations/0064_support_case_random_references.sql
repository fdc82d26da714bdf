-- A support case's reference no longer counts the cases (docs/support.md "References"). It was the
-- year and a number from one sequence (SUP-2027-000042), so a property owner or a provider who
-- raised two cases learnt from the numbers how many everybody else had raised in between, though
-- they are never to learn anything of others, counts included (R2.7). A new case's code is random
-- (storage insertSupportCase, core makeSupportCaseReference, e.g. SUP-2027-K7QX4M, unique per
-- municipality). This gives every case made before a random code too, in the year it had, and
-- keeps the number in `former_reference`, which the municipality's readers are answered, so a
-- reference in an old mail, note or audit entry still finds its case: nothing is lost. The facts
-- that name a case by its reference follow it (an emergency follow-up's title, the timeline's
-- follow_up_opened entry); sentences written before 0044 and audit entries stay as recorded.
-- May run again: codes are drawn only while the sequence that counted the cases is still there,
-- and only for a case with no former reference.
ALTER TABLE support_case ADD COLUMN IF NOT EXISTS former_reference text;

-- Gives every row of `tab` whose reference matches `counted` and that has no former reference a
-- random one in its own year: the head it had (`SUP-2026-`, `head_length` characters) and six
-- letters of Crockford's base32 (no I, L, O, U; a byte's low five bits pick one without bias, from
-- the first six bytes of a version 4 UUID, which are random), unique in its municipality among
-- references and former ones; the counted one is kept as `former_reference`. Storage draws new
-- references alike (makeRandomReference). Used by 0064 (support cases) and 0065 (work orders).
CREATE OR REPLACE FUNCTION replace_counted_references(tab regclass, counted text, head_length int)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  alphabet constant text := '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  item record;
  bytes bytea;
  fresh text;
  is_taken boolean;
BEGIN
  FOR item IN EXECUTE format(
    'SELECT id, municipality_id, reference FROM %s WHERE former_reference IS NULL AND reference ~ $1 ORDER BY id',
    tab) USING counted
  LOOP
    LOOP
      bytes := uuid_send(gen_random_uuid());
      fresh := substr(item.reference, 1, head_length);
      FOR position IN 0..5 LOOP
        fresh := fresh || substr(alphabet, (get_byte(bytes, position) & 31) + 1, 1);
      END LOOP;
      EXECUTE format(
        'SELECT EXISTS (SELECT 1 FROM %s WHERE municipality_id = $1 AND (reference = $2 OR former_reference = $2))',
        tab) INTO is_taken USING item.municipality_id, fresh;
      EXIT WHEN NOT is_taken;
    END LOOP;
    EXECUTE format('UPDATE %s SET reference = $1, former_reference = $2 WHERE municipality_id = $3 AND id = $4', tab)
      USING fresh, item.reference, item.municipality_id, item.id;
  END LOOP;
END $$;

DO $$
BEGIN
  -- Only while the sequence that counted them is there: a random code may be all digits too.
  IF to_regclass('support_case_number') IS NOT NULL THEN
    PERFORM replace_counted_references('support_case', '^SUP-\d{4}-\d{6}$', 9);
  END IF;
END $$;

UPDATE support_case s SET title_params = jsonb_set(s.title_params, '{emergencyReference}', to_jsonb(own.reference))
FROM support_case own
WHERE s.title_kind = 'emergency_follow_up' AND own.municipality_id = s.municipality_id
  AND own.former_reference = s.title_params->>'emergencyReference';

UPDATE support_case_note n SET params = jsonb_set(n.params, '{reference}', to_jsonb(c.reference))
FROM support_case c
WHERE n.kind = 'follow_up_opened' AND n.params->>'followUp' = 'support_case'
  AND c.municipality_id = n.municipality_id AND c.former_reference = n.params->>'reference';

-- Nothing counts cases any more.
DROP SEQUENCE IF EXISTS support_case_number;
