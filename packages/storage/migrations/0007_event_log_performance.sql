-- Event log, second round (issue #5; docs/event-log.md): query indexes that match the queries,
-- the record fields the protocol added (docs/protocol.md §6: block-list version, verified
-- identity, unverified claimed key id, aggregate count and first time), and chain-fork findings.

-- Protocol fields 12–16, stored as signed (verify-log compares them with the record).
ALTER TABLE device_event
  ADD COLUMN block_list_version bigint,
  ADD COLUMN verified boolean,
  ADD COLUMN claimed_key_id uuid,
  ADD COLUMN event_count bigint,
  ADD COLUMN first_time timestamptz;
ALTER TABLE device_event_held
  ADD COLUMN block_list_version bigint,
  ADD COLUMN verified boolean,
  ADD COLUMN claimed_key_id uuid,
  ADD COLUMN event_count bigint,
  ADD COLUMN first_time timestamptz;

CREATE OR REPLACE VIEW device_event_all AS
  SELECT municipality_id, device_id, sequence, occurred_at, device_time, received_at, kind, result, reason,
    battery, key_id, staff_pseudonym, lock_number, lock_device_id, door_id, source, record,
    block_list_version, verified, claimed_key_id, event_count, first_time
  FROM device_event
  UNION ALL
  SELECT municipality_id, device_id, sequence, occurred_at, device_time, received_at, kind, result, reason,
    battery, key_id, staff_pseudonym, lock_number, lock_device_id, door_id, source, record,
    block_list_version, verified, claimed_key_id, event_count, first_time
  FROM device_event_held;

-- A lock's history is read by the lock's enrolment ids (usually one) through the existing
-- (device_id, sequence) index inside the month partitions the time range prunes to: no fifth
-- index to maintain on every insert. The enrolments of a lock (all of them, revoked ones too,
-- since a replaced lock's records stay the lock's history) are found by this index.
CREATE INDEX device_enrolment_lock_device ON device_enrolment (lock_device_id) WHERE lock_device_id IS NOT NULL;

-- Chain forks: a device that signed two different histories (docs/protocol.md §6, "Forks").
ALTER TABLE event_finding DROP CONSTRAINT event_finding_kind_check;
ALTER TABLE event_finding ADD CONSTRAINT event_finding_kind_check CHECK (kind IN ('gap', 'gap_filled',
  'rejected_batch', 'unknown_device', 'conflicting_record', 'altered_record', 'bad_head_signature',
  'broken_chain', 'audit_trail', 'chain-fork'));
