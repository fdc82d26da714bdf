-- Ready to shard by municipality, part 2 (docs/sharding.md): a distributed database (Citus) can
-- only enforce a primary key, a unique key or a foreign key inside one shard, so each must include
-- the distribution column, municipality_id. Within one municipality every key keeps meaning what
-- it meant: (municipality_id, id) is unique exactly when id is, because an id belongs to one
-- municipality; serials and names stay unique per municipality as the screens already treat them.
-- Three keys stay global on purpose (scripts/check-sharding.ts says why): user_account.username and
-- passkey_credential.credential_id, because signing in finds the account before anyone knows its
-- municipality, and lock_device.serial, because an installer's scanned serial finds its lock in
-- any municipality.
--
-- Each rewritten key keeps a plain index on its old columns (`<key>_lookup`), so a lookup by id
-- or token alone stays an index lookup.
--
-- Done from the catalogue rather than by hand for ~90 keys and ~130 foreign keys, so the result
-- is checked by `npm run sharding:check` against the real database, not against a list here.

-- A sign-in challenge for a discoverable passkey is issued before anyone is known, so the column
-- stays empty there; a challenge for a named account carries the account's municipality, so its
-- foreign key can include the column like every other.
ALTER TABLE passkey_challenge ADD COLUMN municipality_id uuid REFERENCES municipality (id);
UPDATE passkey_challenge c SET municipality_id = u.municipality_id FROM user_account u WHERE u.id = c.user_id;
CREATE TRIGGER passkey_challenge_fills_municipality BEFORE INSERT ON passkey_challenge
  FOR EACH ROW EXECUTE FUNCTION fill_municipality_from_parent('user_account', 'id', 'user_id');

DO $$
DECLARE
  r record;
  key_columns text;
  new_index text;
BEGIN
  -- The tables holding one municipality's data: municipality_id NOT NULL (partitions follow their
  -- parent). The audit trail and passkey sign-in challenges also hold rows of no municipality, so
  -- their keys stay as they are (docs/sharding.md); their foreign keys still gain the column.
  CREATE TEMP TABLE municipal_table ON COMMIT DROP AS
    SELECT c.oid AS relid
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'municipality_id' AND a.attnotnull
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition;

  -- 1. Each key a foreign key points at gets a twin with municipality_id first.
  FOR r IN
    SELECT DISTINCT f.confrelid::regclass AS target, f.confkey
    FROM pg_constraint f
    JOIN pg_attribute m ON m.attrelid = f.conrelid AND m.attname = 'municipality_id'
    WHERE f.contype = 'f' AND f.confrelid IN (SELECT relid FROM municipal_table)
      AND NOT m.attnum = ANY (f.conkey) AND f.conparentid = 0
  LOOP
    SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord) INTO key_columns
    FROM unnest(r.confkey) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = r.target AND a.attnum = k.attnum;
    new_index := left(replace(r.target::text, '"', '') || '_' || replace(replace(key_columns, ', ', '_'), '"', ''), 55) || '_mkey';
    EXECUTE format('CREATE UNIQUE INDEX %I ON %s (municipality_id, %s)', new_index, r.target, key_columns);
  END LOOP;

  -- 2. Each foreign key between two municipality tables includes municipality_id on both sides.
  FOR r IN
    SELECT f.conname, f.conrelid::regclass AS source, pg_get_constraintdef(f.oid) AS def
    FROM pg_constraint f
    JOIN pg_attribute m ON m.attrelid = f.conrelid AND m.attname = 'municipality_id'
    WHERE f.contype = 'f' AND f.confrelid IN (SELECT relid FROM municipal_table)
      AND NOT m.attnum = ANY (f.conkey) AND f.conparentid = 0
  LOOP
    IF r.def ~ 'SET NULL|SET DEFAULT' THEN
      RAISE EXCEPTION 'foreign key % would clear municipality_id: rewrite it by hand', r.conname;
    END IF;
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.source, r.conname);
    EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', r.source, r.conname,
      regexp_replace(regexp_replace(r.def, '^FOREIGN KEY \(', 'FOREIGN KEY (municipality_id, '),
        'REFERENCES ([^(]+)\(', 'REFERENCES \1(municipality_id, '));
  END LOOP;

  -- 3. Each primary key and unique constraint includes municipality_id (first, so lookups of one
  --    municipality use it). A twin made in step 1 becomes the constraint itself.
  FOR r IN
    SELECT k.conname, k.contype, k.conrelid::regclass AS target, k.conkey
    FROM pg_constraint k
    JOIN pg_attribute m ON m.attrelid = k.conrelid AND m.attname = 'municipality_id'
    WHERE k.contype IN ('p', 'u') AND k.conrelid IN (SELECT relid FROM municipal_table)
      AND NOT m.attnum = ANY (k.conkey) AND k.conparentid = 0
      AND k.conname NOT IN ('user_account_username_key', 'passkey_credential_credential_id_key',
        'lock_device_serial_key')
  LOOP
    SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY o.ord) INTO key_columns
    FROM unnest(r.conkey) WITH ORDINALITY AS o(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = r.target AND a.attnum = o.attnum;
    new_index := left(replace(r.target::text, '"', '') || '_' || replace(replace(key_columns, ', ', '_'), '"', ''), 55) || '_mkey';
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.target, r.conname);
    IF to_regclass(quote_ident(new_index)) IS NULL THEN
      EXECUTE format('CREATE UNIQUE INDEX %I ON %s (municipality_id, %s)', new_index, r.target, key_columns);
    END IF;
    EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s USING INDEX %I', r.target, r.conname,
      CASE r.contype WHEN 'p' THEN 'PRIMARY KEY' ELSE 'UNIQUE' END, new_index);
    -- Lookups by the old key alone (by id, by token) stay index lookups: PostgreSQL before 18
    -- cannot skip the leading municipality_id. A plain index needs no distribution column.
    EXECUTE format('CREATE INDEX %I ON %s (%s)', left(r.conname, 55) || '_lookup', r.target, key_columns);
  END LOOP;

  -- 4. Unique indexes that are not constraints (partial ones: "one open work order per door")
  --    get municipality_id as their first column; the condition stays as it was.
  FOR r IN
    SELECT i.relname AS index_name, pg_get_indexdef(i.oid) AS def
    FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid
    JOIN pg_attribute m ON m.attrelid = x.indrelid AND m.attname = 'municipality_id'
    WHERE x.indisunique AND x.indrelid IN (SELECT relid FROM municipal_table)
      AND NOT m.attnum = ANY (x.indkey)
      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.oid)
  LOOP
    EXECUTE format('DROP INDEX %I', r.index_name);
    EXECUTE regexp_replace(r.def, 'USING (\w+) \(', 'USING \1 (municipality_id, ');
    EXECUTE regexp_replace(r.def, '^CREATE UNIQUE INDEX (\S+)', 'CREATE INDEX \1_lookup');
  END LOOP;
END;
$$;

-- Retention copies held events with ON CONFLICT on the held table's unique key, which now starts
-- with municipality_id; the function is otherwise unchanged.
DO $$
BEGIN
  EXECUTE replace(pg_get_functiondef('portvakt_run_retention'::regproc),
    'ON CONFLICT (device_id, sequence)', 'ON CONFLICT (municipality_id, device_id, sequence)');
END;
$$;
