-- The tamper-evident event log (R4, issue #5; docs/event-log.md): every record that locks, keys
-- and phones write, verified against the device's signed chain head and stored once per
-- (device, sequence); the chains and heads it was verified with; findings (gaps, rejected
-- batches, alterations); clock-offset estimates; retention runs, legal holds and who read what.

-- One row per device record. Range-partitioned by month on `occurred_at`: the device time
-- corrected by the device's estimated clock offset and never later than the receive time (a
-- record cannot happen after it arrived). Retention drops whole months. Records whose time falls
-- outside every monthly partition (a lock clock reset to 1970) land in the default partition,
-- which retention cleans row by row.
--
-- (device_id, sequence) is unique across partitions, but PostgreSQL only enforces unique indexes
-- that contain the partition key. Uniqueness is therefore kept by ingest: it locks the device's
-- device_chain row, and a sequence is new only when it is above last_sequence or inside an open
-- device_gap. The non-unique (device_id, sequence) index serves verification and duplicate checks.
--
-- Lock, door and lock number are resolved at ingest (where the lock hung when the record
-- arrived: a lock moved later must not move its history). Customers are resolved at query time
-- through access_path_step, staff through staff_member.pseudonym.
--
-- `record` is the exact CBOR the device hashed: its own hash and its `prev` are derived from it,
-- so verify-log recomputes both instead of trusting stored copies.
CREATE TABLE device_event (
  municipality_id uuid NOT NULL,
  device_id uuid NOT NULL,
  sequence bigint NOT NULL,
  occurred_at timestamptz NOT NULL,
  device_time timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  kind smallint NOT NULL,
  result smallint NOT NULL,
  reason smallint NOT NULL,
  battery smallint NOT NULL,
  key_id uuid,
  staff_pseudonym text,
  lock_number bigint,
  lock_device_id uuid,
  door_id uuid,
  source text NOT NULL,
  record bytea NOT NULL
) PARTITION BY RANGE (occurred_at);

CREATE TABLE device_event_default PARTITION OF device_event DEFAULT;

CREATE INDEX device_event_device_seq ON device_event (device_id, sequence);
CREATE INDEX device_event_door_time ON device_event (door_id, occurred_at) WHERE door_id IS NOT NULL;
CREATE INDEX device_event_staff_time ON device_event (staff_pseudonym, occurred_at) WHERE staff_pseudonym IS NOT NULL;
CREATE INDEX device_event_key_time ON device_event (key_id, occurred_at) WHERE key_id IS NOT NULL;

-- Records kept past retention because of a legal hold: copied here before their partition is
-- dropped. Queries read device_event_all.
CREATE TABLE device_event_held (LIKE device_event);
ALTER TABLE device_event_held ADD COLUMN held_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE device_event_held ADD COLUMN legal_hold_id uuid NOT NULL;
CREATE UNIQUE INDEX device_event_held_device_seq ON device_event_held (device_id, sequence);
CREATE INDEX device_event_held_door_time ON device_event_held (door_id, occurred_at);
CREATE INDEX device_event_held_staff_time ON device_event_held (staff_pseudonym, occurred_at);
CREATE INDEX device_event_held_key_time ON device_event_held (key_id, occurred_at);

CREATE VIEW device_event_all AS
  SELECT municipality_id, device_id, sequence, occurred_at, device_time, received_at, kind, result, reason,
    battery, key_id, staff_pseudonym, lock_number, lock_device_id, door_id, source, record
  FROM device_event
  UNION ALL
  SELECT municipality_id, device_id, sequence, occurred_at, device_time, received_at, kind, result, reason,
    battery, key_id, staff_pseudonym, lock_number, lock_device_id, door_id, source, record
  FROM device_event_held;

-- Per device: where the stored chain ends, the newest signed head, and the clock estimate.
CREATE TABLE device_chain (
  device_id uuid PRIMARY KEY,
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  device_kind text NOT NULL,
  last_sequence bigint NOT NULL DEFAULT 0,
  last_hash bytea NOT NULL,
  last_head bytea,
  stored_records bigint NOT NULL DEFAULT 0,
  -- Estimated clock offset (server − device, seconds) and the recent samples it came from:
  -- receive time − signed head time per batch (see docs/event-log.md, "Clock drift").
  clock_offset_seconds integer NOT NULL DEFAULT 0,
  clock_offset_is_direct boolean NOT NULL DEFAULT false,
  clock_samples integer[] NOT NULL DEFAULT '{}',
  first_received_at timestamptz NOT NULL DEFAULT now(),
  last_received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX device_chain_municipality ON device_chain (municipality_id);

-- Sequence ranges of a device still missing (a gap). Filled ranges are removed or split.
CREATE TABLE device_gap (
  device_id uuid NOT NULL,
  first_sequence bigint NOT NULL,
  last_sequence bigint NOT NULL,
  found_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (device_id, first_sequence),
  CHECK (last_sequence >= first_sequence)
);

-- Every accepted signed chain head, so verify-log can re-verify every signature later.
CREATE TABLE device_chain_head (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id uuid NOT NULL,
  device_id uuid NOT NULL,
  first_sequence bigint NOT NULL,
  sequence bigint NOT NULL,
  hash bytea NOT NULL,
  head_time timestamptz NOT NULL,
  head bytea NOT NULL,
  received_at timestamptz NOT NULL,
  source_kind text NOT NULL,
  source_device_id text NOT NULL
);
CREATE INDEX device_chain_head_device ON device_chain_head (device_id, sequence);

-- What ingest, verify-log and reports found. Rejected batches keep their bytes as evidence.
CREATE TABLE event_finding (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  kind text NOT NULL CHECK (kind IN ('gap', 'gap_filled', 'rejected_batch', 'unknown_device',
    'conflicting_record', 'altered_record', 'bad_head_signature', 'broken_chain', 'audit_trail')),
  device_id uuid,
  first_sequence bigint,
  last_sequence bigint,
  message text NOT NULL,
  source_kind text,
  source_device_id text,
  batch bytea,
  found_by text NOT NULL DEFAULT 'ingest',
  found_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX event_finding_municipality ON event_finding (municipality_id, id);
CREATE INDEX event_finding_device ON event_finding (device_id, id);

-- A legal hold keeps a customer's (every door on their access path) or a lock's records past
-- the retention limit until it is released.
CREATE TABLE legal_hold (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  customer_id uuid REFERENCES customer(id),
  lock_device_id uuid REFERENCES lock_device(id),
  reason text NOT NULL CHECK (length(reason) > 0),
  placed_by text NOT NULL,
  placed_at timestamptz NOT NULL DEFAULT now(),
  released_by text,
  released_at timestamptz,
  CHECK ((customer_id IS NULL) <> (lock_device_id IS NULL))
);
CREATE INDEX legal_hold_municipality ON legal_hold (municipality_id) WHERE released_at IS NULL;

-- Every retention run (scheduled, `portvakt purge`, or a dry run) and what it removed.
CREATE TABLE retention_run (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  trigger text NOT NULL CHECK (trigger IN ('scheduled', 'manual')),
  is_dry_run boolean NOT NULL DEFAULT false,
  actor text NOT NULL,
  partitions_dropped text[] NOT NULL DEFAULT '{}',
  partitions_created text[] NOT NULL DEFAULT '{}',
  rows_removed bigint NOT NULL DEFAULT 0,
  rows_held bigint NOT NULL DEFAULT 0,
  details jsonb NOT NULL DEFAULT '{}'::jsonb
);

-- Who read whose events, when (R4, DESIGN §2): written by every event-log read, in API and CLI.
CREATE TABLE event_read_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  occurred_at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid,
  actor_token_id uuid,
  actor_label text NOT NULL,
  actor_role text,
  query_kind text NOT NULL,
  subject_kind text NOT NULL,
  subject_id text,
  time_from timestamptz,
  time_to timestamptz,
  row_count integer NOT NULL,
  request_id text
);
CREATE INDEX event_read_log_time ON event_read_log (municipality_id, id);
CREATE INDEX event_read_log_subject ON event_read_log (municipality_id, subject_kind, subject_id);

-- Signed checkpoints over the append-only audit trail: a hash chain over each municipality's
-- audit entries in id order, signed with the municipality's issuer key.
CREATE TABLE audit_checkpoint (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  up_to_entry_id bigint NOT NULL,
  entry_count bigint NOT NULL,
  chain_hash bytea NOT NULL,
  payload bytea NOT NULL,
  signature bytea NOT NULL,
  kid bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, up_to_entry_id)
);

-- Append-only below the API, like audit_entry.
CREATE TRIGGER event_read_log_no_update BEFORE UPDATE OR DELETE ON event_read_log
  FOR EACH ROW EXECUTE FUNCTION audit_entry_is_append_only();
CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE OR DELETE ON audit_checkpoint
  FOR EACH ROW EXECUTE FUNCTION audit_entry_is_append_only();

-- Creates the monthly partitions covering [from_month, from_month + months); returns the names
-- it created. Months are UTC calendar months. Rows already in the default partition for a new month are moved into it.
CREATE FUNCTION device_event_ensure_partitions(from_month date, months integer) RETURNS text[]
LANGUAGE plpgsql AS $$
DECLARE
  m date := date_trunc('month', from_month)::date;
  name text;
  created text[] := '{}';
BEGIN
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

-- Two years back and three months ahead from the day the migration runs; the retention job
-- keeps creating months ahead.
SELECT device_event_ensure_partitions((date_trunc('month', now() AT TIME ZONE 'UTC') - interval '25 months')::date, 29);
