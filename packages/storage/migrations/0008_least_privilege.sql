-- Least privilege, deletions that verify-log can see, and retention of the other logs (issue #9
-- items 6, 7, 12; docs/event-log.md, docs/operations.md "Database roles").
--
-- The migration runner applies this (and every later migration) as `portvakt_owner` when that
-- role exists; the application connects as `portvakt_app`, which gets only the DML it needs.
-- Append-only tables give the app role INSERT and SELECT only; what retention removes goes
-- through `portvakt_run_retention`, a SECURITY DEFINER function that computes its own cutoffs
-- and records every cut it makes. Roles are cluster-wide, so this file creates none: the runner
-- (embedded PostgreSQL, tests) or the DBA (external PostgreSQL) does. Without them (one external
-- login that owns everything, as before) every role-related statement is skipped.

-- 1. One append-only guard for every append-only table, naming the table it guards (event_read_log
-- used to say "audit_entry is append-only"). Retention may delete, and only from inside
-- portvakt_run_retention (owner privileges + a transaction-local flag naming the table).
CREATE OR REPLACE FUNCTION audit_entry_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('portvakt.retention_purge', true) = TG_TABLE_NAME THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER event_read_log_no_truncate BEFORE TRUNCATE ON event_read_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_is_append_only();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
  FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_is_append_only();

-- 2. The audit trail is chained at insert: each entry carries its position in its municipality's
-- chain (`chain_seq`, in commit order: the chain row stays locked until the inserting transaction
-- ends) and `chain_hash = SHA-256(previous chain_hash ‖ SHA-256(audit_entry_bytes(entry)))`.
-- `audit_chain` holds each chain's end; the app role cannot write it (the trigger is SECURITY
-- DEFINER). Signed checkpoints sign a chain position and hash, so an entry removed after the last
-- checkpoint breaks its successor's link or no longer matches the chain's end.
ALTER TABLE audit_entry ADD COLUMN chain_seq bigint, ADD COLUMN chain_hash bytea;

CREATE TABLE audit_chain (
  scope text PRIMARY KEY, -- municipality id, or 'global' for entries without one
  municipality_id uuid,
  last_seq bigint NOT NULL DEFAULT 0,
  last_hash bytea NOT NULL,
  last_entry_id bigint,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Length-prefixed text, so the bytes are easy to rebuild outside the database (verify-log does,
-- in event-verify.ts `auditEntryBytes`): NULL is `N;`, a value `S<octets>:<value>;`.
CREATE FUNCTION audit_field(v text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN v IS NULL THEN 'N;' ELSE 'S' || octet_length(convert_to(v, 'UTF8')) || ':' || v || ';' END
$$;

CREATE FUNCTION audit_entry_bytes(e audit_entry) RETURNS bytea LANGUAGE sql STABLE AS $$
  SELECT convert_to('v2;' || audit_field(e.id::text) || audit_field(e.municipality_id::text)
    || audit_field(((extract(epoch FROM e.occurred_at) * 1000000)::bigint)::text)
    || audit_field(e.actor_user_id::text) || audit_field(e.actor_token_id::text) || audit_field(e.actor_label)
    || audit_field(e.actor_role) || audit_field(e.action) || audit_field(e.entity) || audit_field(e.entity_id)
    || audit_field(e.before::text) || audit_field(e.after::text) || audit_field(e.request_id)
    || audit_field(e.source) || audit_field(e.chain_seq::text), 'UTF8')
$$;

CREATE FUNCTION audit_entry_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
DECLARE
  k text := coalesce(NEW.municipality_id::text, 'global');
  s bigint;
  h bytea;
BEGIN
  INSERT INTO audit_chain (scope, municipality_id, last_hash) VALUES (k, NEW.municipality_id, decode(repeat('00', 32), 'hex'))
    ON CONFLICT (scope) DO NOTHING;
  SELECT last_seq, last_hash INTO s, h FROM audit_chain WHERE scope = k FOR UPDATE;
  NEW.chain_seq := s + 1;
  NEW.chain_hash := sha256(h || sha256(audit_entry_bytes(NEW)));
  UPDATE audit_chain SET last_seq = NEW.chain_seq, last_hash = NEW.chain_hash, last_entry_id = NEW.id, updated_at = now()
    WHERE scope = k;
  RETURN NEW;
END;
$$;

-- Entries written before this migration join the chain in id order (their old checkpoints, which
-- walk by id, still verify).
ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update;
DO $$
DECLARE
  r audit_entry;
  k text;
  s bigint;
  h bytea;
BEGIN
  FOR r IN SELECT * FROM audit_entry ORDER BY id LOOP
    k := coalesce(r.municipality_id::text, 'global');
    INSERT INTO audit_chain (scope, municipality_id, last_hash) VALUES (k, r.municipality_id, decode(repeat('00', 32), 'hex'))
      ON CONFLICT (scope) DO NOTHING;
    SELECT last_seq, last_hash INTO s, h FROM audit_chain WHERE scope = k;
    r.chain_seq := s + 1;
    r.chain_hash := sha256(h || sha256(audit_entry_bytes(r)));
    UPDATE audit_entry SET chain_seq = r.chain_seq, chain_hash = r.chain_hash WHERE id = r.id;
    UPDATE audit_chain SET last_seq = r.chain_seq, last_hash = r.chain_hash, last_entry_id = r.id WHERE scope = k;
  END LOOP;
END;
$$;
ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_update;
CREATE TRIGGER audit_entry_chain BEFORE INSERT ON audit_entry FOR EACH ROW EXECUTE FUNCTION audit_entry_chain();
CREATE UNIQUE INDEX audit_entry_chain_position ON audit_entry (municipality_id, chain_seq);

-- 3. Every accepted signed chain head joins its municipality's head ledger the same way
-- (`ledger_hash = SHA-256(previous ‖ SHA-256(device id ‖ head bytes))`), and checkpoints sign the
-- ledger's end too: removing a device's newest records with their heads, or a device's whole
-- history, leaves a hole in the ledger or a ledger shorter than what was signed.
ALTER TABLE device_chain_head ADD COLUMN ledger_seq bigint, ADD COLUMN ledger_hash bytea;
CREATE TABLE head_ledger (
  municipality_id uuid PRIMARY KEY,
  last_seq bigint NOT NULL DEFAULT 0,
  last_hash bytea NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION device_chain_head_ledger() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
DECLARE
  s bigint;
  h bytea;
BEGIN
  INSERT INTO head_ledger (municipality_id, last_hash) VALUES (NEW.municipality_id, decode(repeat('00', 32), 'hex'))
    ON CONFLICT (municipality_id) DO NOTHING;
  SELECT last_seq, last_hash INTO s, h FROM head_ledger WHERE municipality_id = NEW.municipality_id FOR UPDATE;
  NEW.ledger_seq := s + 1;
  NEW.ledger_hash := sha256(h || sha256(convert_to(NEW.device_id::text, 'UTF8') || NEW.head));
  UPDATE head_ledger SET last_seq = NEW.ledger_seq, last_hash = NEW.ledger_hash, updated_at = now()
    WHERE municipality_id = NEW.municipality_id;
  RETURN NEW;
END;
$$;

DO $$
DECLARE
  r record;
  s bigint;
  h bytea;
BEGIN
  FOR r IN SELECT id, municipality_id, device_id, head FROM device_chain_head ORDER BY id LOOP
    INSERT INTO head_ledger (municipality_id, last_hash) VALUES (r.municipality_id, decode(repeat('00', 32), 'hex'))
      ON CONFLICT (municipality_id) DO NOTHING;
    SELECT last_seq, last_hash INTO s, h FROM head_ledger WHERE municipality_id = r.municipality_id;
    h := sha256(h || sha256(convert_to(r.device_id::text, 'UTF8') || r.head));
    UPDATE device_chain_head SET ledger_seq = s + 1, ledger_hash = h WHERE id = r.id;
    UPDATE head_ledger SET last_seq = s + 1, last_hash = h WHERE municipality_id = r.municipality_id;
  END LOOP;
END;
$$;
CREATE TRIGGER device_chain_head_ledger BEFORE INSERT ON device_chain_head
  FOR EACH ROW EXECUTE FUNCTION device_chain_head_ledger();
CREATE INDEX device_chain_head_ledger_position ON device_chain_head (municipality_id, ledger_seq);
CREATE TRIGGER device_chain_head_no_update BEFORE UPDATE OR DELETE ON device_chain_head
  FOR EACH ROW EXECUTE FUNCTION audit_entry_is_append_only();

-- Checkpoints (payload v2) sign the audit chain's end and the head ledger's end; several
-- checkpoints may share an audit position when only the ledger moved.
ALTER TABLE audit_checkpoint ADD COLUMN head_seq bigint, ADD COLUMN head_hash bytea;
ALTER TABLE audit_checkpoint DROP CONSTRAINT audit_checkpoint_municipality_id_up_to_entry_id_key;
CREATE INDEX audit_checkpoint_position ON audit_checkpoint (municipality_id, entry_count);

-- 4. What retention removed, so verify-log tells a legitimate cut from a deletion.
CREATE TABLE device_retention_cut (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  retention_run_id bigint NOT NULL,
  municipality_id uuid NOT NULL,
  device_id uuid NOT NULL,
  first_sequence bigint NOT NULL,
  last_sequence bigint NOT NULL,
  records bigint NOT NULL
);
CREATE INDEX device_retention_cut_device ON device_retention_cut (device_id, first_sequence);

-- Where retention cut a municipality's audit chain: entries up to `up_to_seq` are gone, and
-- verification starts from `chain_hash` (the removed entry's own chain hash).
CREATE TABLE audit_retention_cut (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  retention_run_id bigint NOT NULL,
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  up_to_seq bigint NOT NULL,
  chain_hash bytea NOT NULL,
  entries_removed bigint NOT NULL,
  cutoff timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_retention_cut_municipality ON audit_retention_cut (municipality_id, up_to_seq);
CREATE TRIGGER device_retention_cut_no_update BEFORE UPDATE OR DELETE ON device_retention_cut
  FOR EACH ROW EXECUTE FUNCTION audit_entry_is_append_only();
CREATE TRIGGER audit_retention_cut_no_update BEFORE UPDATE OR DELETE ON audit_retention_cut
  FOR EACH ROW EXECUTE FUNCTION audit_entry_is_append_only();
CREATE TRIGGER retention_run_no_update BEFORE UPDATE OR DELETE ON retention_run
  FOR EACH ROW EXECUTE FUNCTION audit_entry_is_append_only();

-- verify-log's new finding kinds.
ALTER TABLE event_finding DROP CONSTRAINT event_finding_kind_check;
ALTER TABLE event_finding ADD CONSTRAINT event_finding_kind_check CHECK (kind IN ('gap', 'gap_filled',
  'rejected_batch', 'unknown_device', 'conflicting_record', 'altered_record', 'bad_head_signature',
  'broken_chain', 'audit_trail', 'chain-fork', 'missing_record', 'missing_chain', 'head_ledger'));

-- 5. Partitions: created with owner privileges (the app role may call this), never directly
-- writable by the app role (rows go in and out through device_event only).
CREATE OR REPLACE FUNCTION device_event_ensure_partitions(from_month date, months integer) RETURNS text[]
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  m date := date_trunc('month', from_month)::date;
  name text;
  created text[] := '{}';
BEGIN
  IF months < 0 OR months > 400 THEN
    RAISE EXCEPTION 'months out of range: %', months;
  END IF;
  FOR i IN 0 .. months - 1 LOOP
    name := 'device_event_' || to_char(m, 'YYYY_MM');
    IF to_regclass(name) IS NULL THEN
      PERFORM pg_advisory_xact_lock(hashtext('device_event_partitions'));
      IF to_regclass(name) IS NULL THEN
        CREATE TEMP TABLE IF NOT EXISTS device_event_moving (LIKE device_event) ON COMMIT DROP;
        WITH moved AS (
          DELETE FROM device_event_default
          WHERE occurred_at >= (m::timestamp AT TIME ZONE 'UTC')
            AND occurred_at < ((m + interval '1 month')::timestamp AT TIME ZONE 'UTC')
          RETURNING *
        )
        INSERT INTO device_event_moving SELECT * FROM moved;
        EXECUTE format('CREATE TABLE %I PARTITION OF device_event FOR VALUES FROM (%L) TO (%L)',
          name, m::timestamp AT TIME ZONE 'UTC', (m + interval '1 month')::timestamp AT TIME ZONE 'UTC');
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'portvakt_app') THEN
          EXECUTE format('REVOKE ALL ON %I FROM portvakt_app', name);
        END IF;
        INSERT INTO device_event SELECT * FROM device_event_moving;
        DELETE FROM device_event_moving;
        created := created || name;
      END IF;
    END IF;
    m := (m + interval '1 month')::date;
  END LOOP;
  RETURN created;
END;
$$;

-- 6. Retention of events, the audit trail and the read log, in one function that computes its
-- own cutoffs from the municipality settings (never from arguments: `p_now` may only move the
-- clock back), honours legal holds, and records what it cut. `portvakt purge --dry-run` calls it
-- in a transaction it rolls back, so a dry run leaves no trace.
CREATE FUNCTION portvakt_run_retention(p_now timestamptz, p_trigger text, p_actor text, p_is_dry_run boolean,
  p_months_ahead integer) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET TimeZone = 'UTC' AS $$
DECLARE
  v_now timestamptz := least(coalesce(p_now, now()), now());
  mun record;
  part record;
  v_global timestamptz;
  v_run bigint;
  v_n bigint;
  v_removed bigint := 0;
  v_held bigint := 0;
  v_audit bigint := 0;
  v_reads bigint := 0;
  v_dropped text[] := '{}';
  v_created text[];
  v_cutoffs jsonb := '{}';
  v_audit_cutoffs jsonb := '{}';
  v_read_cutoffs jsonb := '{}';
  v_end timestamptz;
  v_keep bigint;
  v_last bigint;
  v_done bigint;
  v_hash bytea;
  v_audit_cuts jsonb := '[]';
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('portvakt:event-retention')) THEN
    RETURN jsonb_build_object('isSkipped', true);
  END IF;
  IF p_trigger NOT IN ('scheduled', 'manual') THEN
    RAISE EXCEPTION 'unknown trigger %', p_trigger;
  END IF;
  CREATE TEMP TABLE portvakt_limits ON COMMIT DROP AS
    SELECT id,
      v_now - make_interval(months => greatest(1, coalesce((settings->>'eventRetentionMonths')::integer, 24))) AS events,
      v_now - make_interval(months => greatest(1, coalesce((settings->>'auditRetentionMonths')::integer, 36))) AS audit,
      v_now - make_interval(months => greatest(1, coalesce((settings->>'eventReadLogRetentionMonths')::integer, 24))) AS reads
    FROM municipality;
  CREATE TEMP TABLE portvakt_removed (municipality_id uuid, device_id uuid, sequence bigint) ON COMMIT DROP;
  SELECT coalesce(min(events), v_now - interval '24 months') INTO v_global FROM portvakt_limits;

  -- Held ids (text) per municipality: customers and locks under an active legal hold.
  CREATE TEMP TABLE portvakt_held_ids ON COMMIT DROP AS
    SELECT municipality_id, coalesce(customer_id, lock_device_id)::text AS id FROM legal_hold WHERE released_at IS NULL;

  FOR mun IN SELECT * FROM portvakt_limits ORDER BY id LOOP
    v_cutoffs := v_cutoffs || jsonb_build_object(mun.id::text, mun.events);
    v_audit_cutoffs := v_audit_cutoffs || jsonb_build_object(mun.id::text, mun.audit);
    v_read_cutoffs := v_read_cutoffs || jsonb_build_object(mun.id::text, mun.reads);
    -- Events under legal hold are copied out before anything is removed.
    WITH holds AS (
      SELECT h.id, a.door_id, NULL::uuid AS lock_device_id FROM legal_hold h
        JOIN access_path_step a ON a.customer_id = h.customer_id
      WHERE h.municipality_id = mun.id AND h.released_at IS NULL
      UNION ALL
      SELECT h.id, NULL, h.lock_device_id FROM legal_hold h
      WHERE h.municipality_id = mun.id AND h.released_at IS NULL AND h.lock_device_id IS NOT NULL
    )
    INSERT INTO device_event_held (municipality_id, device_id, sequence, occurred_at, device_time, received_at, kind,
      result, reason, battery, key_id, staff_pseudonym, lock_number, lock_device_id, door_id, source, record,
      block_list_version, verified, claimed_key_id, event_count, first_time, held_at, legal_hold_id)
    SELECT DISTINCT ON (e.device_id, e.sequence) e.municipality_id, e.device_id, e.sequence, e.occurred_at,
      e.device_time, e.received_at, e.kind, e.result, e.reason, e.battery, e.key_id, e.staff_pseudonym, e.lock_number,
      e.lock_device_id, e.door_id, e.source, e.record, e.block_list_version, e.verified, e.claimed_key_id,
      e.event_count, e.first_time, now(), holds.id
    FROM device_event e JOIN holds ON holds.door_id = e.door_id OR holds.lock_device_id = e.lock_device_id
    WHERE e.municipality_id = mun.id AND e.occurred_at < mun.events
    ON CONFLICT (device_id, sequence) DO NOTHING;
    GET DIAGNOSTICS v_n = ROW_COUNT;
    v_held := v_held + v_n;
  END LOOP;

  -- Whole months older than every municipality's limit: drop the partition.
  FOR part IN SELECT c.relname AS name, to_date(substr(c.relname, 14), 'YYYY_MM') AS month
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'device_event'::regclass AND c.relname ~ '^device_event_[0-9]{4}_[0-9]{2}$' ORDER BY c.relname
  LOOP
    v_end := (part.month + interval '1 month')::timestamp AT TIME ZONE 'UTC';
    CONTINUE WHEN v_end > v_global;
    EXECUTE format('INSERT INTO portvakt_removed SELECT municipality_id, device_id, sequence FROM %I', part.name);
    GET DIAGNOSTICS v_n = ROW_COUNT;
    v_removed := v_removed + v_n;
    EXECUTE format('DROP TABLE %I', part.name);
    v_dropped := v_dropped || part.name::text;
  END LOOP;

  FOR mun IN SELECT * FROM portvakt_limits ORDER BY id LOOP
    -- Row by row: the boundary month, the default partition, shorter limits.
    WITH d AS (DELETE FROM device_event WHERE municipality_id = mun.id AND occurred_at < mun.events
      RETURNING municipality_id, device_id, sequence)
    INSERT INTO portvakt_removed SELECT * FROM d;
    GET DIAGNOSTICS v_n = ROW_COUNT;
    v_removed := v_removed + v_n;
    -- Held copies whose hold was released go the same way.
    WITH d AS (DELETE FROM device_event_held e WHERE e.municipality_id = mun.id AND e.occurred_at < mun.events
      AND NOT EXISTS (SELECT 1 FROM legal_hold h WHERE h.released_at IS NULL AND h.municipality_id = mun.id
        AND (h.lock_device_id = e.lock_device_id OR h.customer_id IN
          (SELECT a.customer_id FROM access_path_step a WHERE a.door_id = e.door_id)))
      RETURNING municipality_id, device_id, sequence)
    INSERT INTO portvakt_removed SELECT * FROM d;
    GET DIAGNOSTICS v_n = ROW_COUNT;
    v_removed := v_removed + v_n;

    -- The read log: rows older than the limit, except those about a held customer or lock.
    PERFORM set_config('portvakt.retention_purge', 'event_read_log', true);
    DELETE FROM event_read_log r WHERE r.municipality_id = mun.id AND r.occurred_at < mun.reads
      AND NOT (r.subject_id IS NOT NULL AND r.subject_id IN
        (SELECT x.id FROM portvakt_held_ids x WHERE x.municipality_id = mun.id));
    GET DIAGNOSTICS v_n = ROW_COUNT;
    v_reads := v_reads + v_n;

    -- The audit trail: a prefix of the chain, up to the first entry that is young enough or
    -- concerns a held customer or lock, so what remains is one unbroken chain from the cut.
    SELECT min(a.chain_seq) INTO v_keep FROM audit_entry a WHERE a.municipality_id = mun.id
      AND (a.occurred_at >= mun.audit OR EXISTS (SELECT 1 FROM portvakt_held_ids x WHERE x.municipality_id = mun.id
        AND x.id IN (a.entity_id, a.after->>'customerId', a.before->>'customerId', a.after->>'lockDeviceId',
          a.before->>'lockDeviceId')));
    SELECT last_seq INTO v_last FROM audit_chain WHERE scope = mun.id::text;
    SELECT coalesce(max(up_to_seq), 0) INTO v_done FROM audit_retention_cut WHERE municipality_id = mun.id;
    v_keep := coalesce(v_keep, coalesce(v_last, 0) + 1);
    IF v_keep - 1 > v_done THEN
      SELECT chain_hash INTO v_hash FROM audit_entry WHERE municipality_id = mun.id AND chain_seq = v_keep - 1;
      IF v_hash IS NOT NULL THEN
        PERFORM set_config('portvakt.retention_purge', 'audit_entry', true);
        DELETE FROM audit_entry WHERE municipality_id = mun.id AND chain_seq < v_keep;
        GET DIAGNOSTICS v_n = ROW_COUNT;
        v_audit := v_audit + v_n;
        v_audit_cuts := v_audit_cuts || jsonb_build_array(jsonb_build_object('municipalityId', mun.id,
          'upToSeq', v_keep - 1, 'hash', encode(v_hash, 'hex'), 'removed', v_n, 'cutoff', mun.audit));
      END IF;
    END IF;
    PERFORM set_config('portvakt.retention_purge', '', true);
  END LOOP;

  v_created := device_event_ensure_partitions(date_trunc('month', v_now)::date, coalesce(p_months_ahead, 3) + 1);

  IF NOT p_is_dry_run THEN
    INSERT INTO retention_run (finished_at, trigger, is_dry_run, actor, partitions_dropped, partitions_created,
      rows_removed, rows_held, details)
    VALUES (now(), p_trigger, false, p_actor, v_dropped, v_created, v_removed, v_held,
      jsonb_build_object('cutoffs', v_cutoffs, 'auditCutoffs', v_audit_cutoffs, 'readLogCutoffs', v_read_cutoffs,
        'auditEntriesRemoved', v_audit, 'readLogRowsRemoved', v_reads))
    RETURNING id INTO v_run;
    -- Per device, the sequence ranges that are gone for good (held copies are still there).
    INSERT INTO device_retention_cut (retention_run_id, municipality_id, device_id, first_sequence, last_sequence, records)
    SELECT v_run, municipality_id, device_id, min(sequence), max(sequence), count(*)
    FROM (SELECT r.*, r.sequence - row_number() OVER (PARTITION BY r.device_id ORDER BY r.sequence) AS island
      FROM (SELECT DISTINCT municipality_id, device_id, sequence FROM portvakt_removed) r
      WHERE NOT EXISTS (SELECT 1 FROM device_event_held h WHERE h.device_id = r.device_id AND h.sequence = r.sequence)) x
    GROUP BY municipality_id, device_id, island;
    INSERT INTO audit_retention_cut (retention_run_id, municipality_id, up_to_seq, chain_hash, entries_removed, cutoff)
    SELECT v_run, (c->>'municipalityId')::uuid, (c->>'upToSeq')::bigint, decode(c->>'hash', 'hex'),
      (c->>'removed')::bigint, (c->>'cutoff')::timestamptz
    FROM jsonb_array_elements(v_audit_cuts) c;
  END IF;

  RETURN jsonb_build_object('isSkipped', false, 'runId', v_run, 'partitionsDropped', to_jsonb(v_dropped),
    'partitionsCreated', to_jsonb(v_created), 'rowsRemoved', v_removed, 'rowsHeld', v_held,
    'auditEntriesRemoved', v_audit, 'readLogRowsRemoved', v_reads, 'cutoffs', v_cutoffs,
    'auditCutoffs', v_audit_cutoffs, 'readLogCutoffs', v_read_cutoffs);
END;
$$;

REVOKE EXECUTE ON FUNCTION portvakt_run_retention(timestamptz, text, text, boolean, integer),
  device_event_ensure_partitions(date, integer) FROM PUBLIC;

-- 7. The application role's privileges. Re-applied by the migration runner after every run (so
-- tables of later migrations, and partitions, are covered even where default privileges were
-- set by another owner); a no-op where the role does not exist.
CREATE FUNCTION portvakt_apply_grants() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  t record;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'portvakt_app') THEN
    RETURN;
  END IF;
  GRANT USAGE ON SCHEMA public TO portvakt_app;
  GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO portvakt_app;
  GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO portvakt_app;
  ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO portvakt_app;
  ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO portvakt_app;
  -- Append-only for the app: history, evidence and bookkeeping written by triggers or retention.
  REVOKE UPDATE, DELETE, TRUNCATE ON audit_entry, audit_checkpoint, event_read_log, device_event, device_event_held,
    device_chain_head, event_finding, retention_run, schema_migration FROM portvakt_app;
  REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_chain, head_ledger, audit_retention_cut, device_retention_cut,
    retention_run, schema_migration, device_event_held, device_event_all FROM portvakt_app;
  REVOKE DELETE, TRUNCATE ON device_chain FROM portvakt_app;
  FOR t IN SELECT c.oid::regclass AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'device_event'::regclass
  LOOP
    EXECUTE format('REVOKE ALL ON %s FROM portvakt_app', t.name);
  END LOOP;
  GRANT EXECUTE ON FUNCTION portvakt_run_retention(timestamptz, text, text, boolean, integer),
    device_event_ensure_partitions(date, integer) TO portvakt_app;
END;
$$;
SELECT portvakt_apply_grants();
