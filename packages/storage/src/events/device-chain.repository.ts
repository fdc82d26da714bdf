// Per-device chain state for ingest (docs/event-log.md "Ingest"): enrolments, the chain rows that
// serialise ingest per device, open gaps, the stored records a batch reaches back into, and what
// an accepted batch changes (heads, chain rows, gaps, battery level, block-list report). Every
// function joins the caller's transaction; the rules that decide what to write are the server's.
import type { PublicJwk } from '@portvakt/protocol';
import type { Queryable } from '../registry';
import { hasHeldEvents } from './event-query.repository';
import { createRowsQuery } from '../platform/queryable';
import { replaceRowSet } from '../platform/statements';

export interface DeviceEnrolment {
  id: string;
  kind: string;
  publicJwk: PublicJwk;
  lockDeviceId: string | null;
  digitalKeyId: string | null;
  doorId: string | null;
  lockNumber: number | null;
  /** Key cabinets: the cabinet (its id is also the device id). */
  keyCabinetId: string | null;
}

/** The devices of `deviceIds` enrolled in the municipality, with the lock's door and number. */
export const findDeviceEnrolments = createRowsQuery<
  DeviceEnrolment,
  [municipalityId: string, deviceIds: string[]]
>(`SELECT e.id, e.kind, e.public_jwk AS "publicJwk", e.lock_device_id AS "lockDeviceId",
     e.digital_key_id AS "digitalKeyId", l.door_id AS "doorId", l.lock_number AS "lockNumber",
     e.key_cabinet_id AS "keyCabinetId"
   FROM device_enrolment e LEFT JOIN lock_device l ON l.municipality_id = e.municipality_id AND l.id = e.lock_device_id
   WHERE e.id = ANY($2::uuid[]) AND e.municipality_id = $1`);

export interface DeviceChainRow {
  deviceId: string;
  lastSequence: number;
  lastHash: Uint8Array;
  lastHead: Uint8Array | null;
  samples: number[];
  storedRecords: number;
  /** Open gaps, lowest first. */
  gaps: Array<[number, number]>;
}

/**
 * Creates missing chain rows (last hash `genesis`) and locks every device's row, in device-id
 * order so concurrent ingests cannot deadlock: the chain row is what keeps (device, sequence)
 * unique. Returns the rows with their open gaps.
 */
export async function lockDeviceChains(
  db: Queryable,
  municipalityId: string,
  devices: Array<{ id: string; kind: string }>,
  genesis: Uint8Array,
): Promise<DeviceChainRow[]> {
  if (devices.length === 0) return [];
  const ids = devices.map((device) => device.id);
  await db.query(
    `INSERT INTO device_chain (device_id, municipality_id, device_kind, last_hash)
     SELECT d, $2, k, $4 FROM unnest($1::uuid[], $3::text[]) AS t(d, k)
     ON CONFLICT (municipality_id, device_id) DO NOTHING`,
    [ids, municipalityId, devices.map((device) => device.kind), Buffer.from(genesis)],
  );
  const { rows } = await db.query<{
    deviceId: string;
    lastSequence: string;
    lastHash: Buffer;
    lastHead: Buffer | null;
    samples: number[];
    storedRecords: string;
  }>(
    `SELECT device_id AS "deviceId", last_sequence AS "lastSequence", last_hash AS "lastHash",
       last_head AS "lastHead", clock_samples AS samples, stored_records AS "storedRecords"
     FROM device_chain WHERE municipality_id = $2 AND device_id = ANY($1::uuid[]) ORDER BY device_id FOR UPDATE`,
    [ids, municipalityId],
  );
  const { rows: gapRows } = await db.query<{ deviceId: string; first: string; last: string }>(
    `SELECT device_id AS "deviceId", first_sequence AS first, last_sequence AS last
     FROM device_gap WHERE municipality_id = $2 AND device_id = ANY($1::uuid[]) ORDER BY first_sequence`,
    [ids, municipalityId],
  );
  return rows.map((row) => ({
    deviceId: row.deviceId,
    lastSequence: Number(row.lastSequence),
    lastHash: new Uint8Array(row.lastHash),
    lastHead: row.lastHead ? new Uint8Array(row.lastHead) : null,
    samples: row.samples,
    storedRecords: Number(row.storedRecords),
    gaps: gapRows
      .filter((gap) => gap.deviceId === row.deviceId)
      .map((gap): [number, number] => [Number(gap.first), Number(gap.last)]),
  }));
}

/**
 * The stored records of each device within [first, last] (inclusive), with their bytes, from the
 * legal-hold copies too when the municipality has any.
 */
export async function listStoredRecords(
  db: Queryable,
  municipalityId: string,
  ranges: Array<{ deviceId: string; first: number; last: number }>,
): Promise<Array<{ deviceId: string; sequence: number; record: Uint8Array }>> {
  if (ranges.length === 0) return [];
  const table = (await hasHeldEvents(db, municipalityId)) ? 'device_event_all' : 'device_event';
  const { rows } = await db.query<{ deviceId: string; sequence: string; record: Buffer }>(
    `SELECT e.device_id AS "deviceId", e.sequence, e.record
     FROM unnest($1::uuid[], $2::bigint[], $3::bigint[]) AS r(d, a, b)
       JOIN ${table} e ON e.device_id = r.d AND e.sequence BETWEEN r.a AND r.b`,
    [ranges.map((r) => r.deviceId), ranges.map((r) => r.first), ranges.map((r) => r.last)],
  );
  return rows.map((row) => ({ deviceId: row.deviceId, sequence: Number(row.sequence), record: row.record }));
}

export interface AcceptedHead {
  deviceId: string;
  first: number;
  sequence: number;
  hash: Uint8Array;
  /** The head's time, seconds since the Unix epoch. */
  time: number;
  head: Uint8Array;
}

/** Stores accepted chain heads (the head ledger chains them at insert, migration 0008). */
export async function insertChainHeads(
  db: Queryable,
  municipalityId: string,
  heads: AcceptedHead[],
  received: { at: Date; sourceKind: string; sourceDeviceId: string },
): Promise<void> {
  if (heads.length === 0) return;
  await db.query(
    `INSERT INTO device_chain_head (municipality_id, device_id, first_sequence, sequence, hash, head_time, head,
       received_at, source_kind, source_device_id)
     SELECT $1, d, f, s, h, to_timestamp(t), hd, $8, $9, $10
     FROM unnest($2::uuid[], $3::bigint[], $4::bigint[], $5::bytea[], $6::bigint[], $7::bytea[]) AS x(d, f, s, h, t, hd)`,
    [
      municipalityId,
      heads.map((h) => h.deviceId),
      heads.map((h) => h.first),
      heads.map((h) => h.sequence),
      heads.map((h) => Buffer.from(h.hash)),
      heads.map((h) => h.time),
      heads.map((h) => Buffer.from(h.head)),
      received.at,
      received.sourceKind,
      received.sourceDeviceId,
    ],
  );
}

export interface DeviceChainUpdate {
  deviceId: string;
  lastSequence: number;
  lastHash: Uint8Array;
  lastHead: Uint8Array | null;
  storedRecords: number;
  samples: number[];
  clockOffsetSeconds: number;
  isClockOffsetDirect: boolean;
}

/** Writes the chain rows' new end, count and clock estimate. */
export async function updateDeviceChains(
  db: Queryable,
  municipalityId: string,
  chains: DeviceChainUpdate[],
  receivedAt: Date,
): Promise<void> {
  if (chains.length === 0) return;
  await db.query(
    `UPDATE device_chain c SET last_sequence = x.s, last_hash = x.h, last_head = x.hd, stored_records = x.n,
       clock_samples = ARRAY(SELECT jsonb_array_elements_text(x.samples)::integer),
       clock_offset_seconds = x.off, clock_offset_is_direct = x.direct, last_received_at = $9
     FROM unnest($1::uuid[], $2::bigint[], $3::bytea[], $4::bytea[], $5::bigint[], $6::jsonb[], $7::integer[],
       $8::boolean[]) AS x(d, s, h, hd, n, samples, off, direct)
     WHERE c.municipality_id = $10 AND c.device_id = x.d`,
    [
      chains.map((c) => c.deviceId),
      chains.map((c) => c.lastSequence),
      chains.map((c) => Buffer.from(c.lastHash)),
      chains.map((c) => (c.lastHead ? Buffer.from(c.lastHead) : null)),
      chains.map((c) => c.storedRecords),
      chains.map((c) => JSON.stringify(c.samples)),
      chains.map((c) => c.clockOffsetSeconds),
      chains.map((c) => c.isClockOffsetDirect),
      receivedAt,
      municipalityId,
    ],
  );
}

/** Replaces the open gaps of these devices with `gaps` (devices missing from it have none). */
export async function replaceDeviceGaps(
  db: Queryable,
  municipalityId: string,
  deviceIds: string[],
  gaps: Array<{ deviceId: string; first: number; last: number }>,
): Promise<void> {
  if (deviceIds.length === 0) return;
  await replaceRowSet(
    db,
    [
      'DELETE FROM device_gap WHERE municipality_id = $1 AND device_id = ANY($2::uuid[])',
      [municipalityId, deviceIds],
    ],
    gaps.length > 0 && [
      `INSERT INTO device_gap (municipality_id, device_id, first_sequence, last_sequence)
     SELECT $4, d, f, l FROM unnest($1::uuid[], $2::bigint[], $3::bigint[]) AS x(d, f, l)`,
      [gaps.map((g) => g.deviceId), gaps.map((g) => g.first), gaps.map((g) => g.last), municipalityId],
    ],
  );
}

/** Sets locks' battery level from their newest record. */
export async function updateLockBatteries(
  db: Queryable,
  municipalityId: string,
  batteries: Array<{ lockDeviceId: string; battery: number }>,
): Promise<void> {
  if (batteries.length === 0) return;
  // Only battery_level: the permission-cache trigger ignores it (migration 0004).
  await db.query(
    `UPDATE lock_device l SET battery_level = x.b FROM unnest($1::uuid[], $2::integer[]) AS x(id, b)
     WHERE l.municipality_id = $3 AND l.id = x.id AND l.battery_level IS DISTINCT FROM x.b`,
    [batteries.map((b) => b.lockDeviceId), batteries.map((b) => b.battery), municipalityId],
  );
}

/**
 * Records the block-list version each lock holds (protocol field 12), for GET /api/v1/block-list:
 * the highest reported, and the newest record that reported it. A lower version never replaces
 * a higher one.
 */
export async function recordBlockListReports(
  db: Queryable,
  municipalityId: string,
  reports: Array<{ lockDeviceId: string; version: number; atMs: number }>,
): Promise<void> {
  if (reports.length === 0) return;
  await db.query(
    `INSERT INTO lock_block_list_report (municipality_id, lock_device_id, version, reported_at)
     SELECT $4, id, v, to_timestamp(t / 1000.0) FROM unnest($1::uuid[], $2::integer[], $3::bigint[]) AS x(id, v, t)
     ON CONFLICT (municipality_id, lock_device_id) DO UPDATE SET version = EXCLUDED.version, reported_at = EXCLUDED.reported_at
     WHERE lock_block_list_report.version < EXCLUDED.version
       OR (lock_block_list_report.version = EXCLUDED.version
         AND lock_block_list_report.reported_at < EXCLUDED.reported_at)`,
    [
      reports.map((r) => r.lockDeviceId),
      reports.map((r) => r.version),
      reports.map((r) => r.atMs),
      municipalityId,
    ],
  );
}
