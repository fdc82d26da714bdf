// Ingest of device record batches (R4.1, R4.5; docs/event-log.md "Ingest"): the seam the device
// gateway calls with what sync stations, phones and adapters hand over. Each batch is verified
// (head signature with the device's enrolled key, hash chain, link to what is stored) and then
// applied whole or not at all; every record is stored once per (device, sequence), gaps become
// findings, and a rejected batch is recorded with its bytes.
import { createHash } from 'node:crypto';
import {
  bytesToUuid,
  decodeRecordBatch,
  eventKinds,
  eventResults,
  isProtocolError,
  parseChainHead,
  reasonCodes,
  decodeEventRecord,
  equalBytes,
  genesisHash,
  importPublicJwk,
  ProtocolError,
  verifyChainHead,
  type ChainAnchor,
  type EventRecord,
  type PublicJwk,
  type RecordBatch,
} from '@portvakt/protocol';
import {
  copyEventRows,
  insertEventFindings,
  type DeviceEventRow,
  type EventFindingInput,
} from '@portvakt/storage';
import type pg from 'pg';

export interface IngestSource {
  kind: 'sync_station' | 'phone' | 'adapter';
  deviceId: string;
}

export interface IngestResult {
  stored: number;
  duplicates: number;
  findings: string[];
}

interface Enrolment {
  id: string;
  kind: string;
  publicJwk: PublicJwk;
  lockDeviceId: string | null;
  digitalKeyId: string | null;
  doorId: string | null;
  lockNumber: number | null;
}

interface ChainState {
  deviceId: string;
  lastSequence: number;
  lastHash: Uint8Array;
  lastHead: Uint8Array | null;
  samples: number[];
  gaps: Array<[number, number]>;
  isNew: boolean;
  stored: number;
  newestBattery?: { sequence: number; battery: number };
  touched: boolean;
}

/** How many recent clock samples a device's offset estimate is taken from. */
const clockSampleCount = 20;
const genesis = new Uint8Array(32);

const keyCache = new Map<string, Promise<CryptoKey>>();
function publicKeyOf(jwk: PublicJwk): Promise<CryptoKey> {
  const cacheKey = `${jwk.x}.${jwk.y}`;
  let key = keyCache.get(cacheKey);
  if (!key) {
    key = importPublicJwk(jwk);
    keyCache.set(cacheKey, key);
    if (keyCache.size > 100_000) keyCache.delete(keyCache.keys().next().value!);
  }
  return key;
}

const sha256 = (bytes: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(bytes).digest());

function isStored(state: ChainState, sequence: number): boolean {
  if (sequence > state.lastSequence) return false;
  return !state.gaps.some(([first, last]) => sequence >= first && sequence <= last);
}

/** Removes [first, last] from the open gaps; returns the sequences that were filled. */
function fillGaps(state: ChainState, first: number, last: number): Array<[number, number]> {
  const filled: Array<[number, number]> = [];
  const next: Array<[number, number]> = [];
  for (const [a, b] of state.gaps) {
    if (b < first || a > last) {
      next.push([a, b]);
      continue;
    }
    filled.push([Math.max(a, first), Math.min(b, last)]);
    if (a < first) next.push([a, first - 1]);
    if (b > last) next.push([last + 1, b]);
  }
  state.gaps = next;
  return filled;
}

/**
 * The clock correction applied to a device's records (seconds to add to device time). Keys and
 * phones sign their own heads at upload, so receive − head time is their offset plus a small
 * transport delay, and the smallest recent sample is the estimate. A lock's head was signed when
 * a key collected it, possibly hours before upload, so its samples only bound the offset: they
 * can prove a lock clock runs ahead (negative), never that it runs behind (the protocol pulls a
 * slow lock forward to every ticket's issued-at anyway).
 */
export function clockCorrection(samples: number[], isDirect: boolean): number {
  if (samples.length === 0) return 0;
  const estimate = Math.min(...samples);
  return isDirect ? estimate : Math.min(0, estimate);
}

async function loadStoredRecords(
  client: pg.PoolClient,
  deviceId: string,
  sequences: number[],
): Promise<Map<number, Uint8Array>> {
  if (sequences.length === 0) return new Map();
  const { rows } = await client.query<{ sequence: number; record: Buffer }>(
    'SELECT sequence, record FROM device_event_all WHERE device_id = $1 AND sequence = ANY($2::bigint[])',
    [deviceId, sequences],
  );
  return new Map(rows.map((row) => [Number(row.sequence), new Uint8Array(row.record)]));
}

/**
 * Verifies and stores record batches for one municipality. Batches from devices not enrolled in
 * it, with a bad head signature, a broken chain, or records that contradict what is stored, are
 * rejected whole and recorded as findings; the others are applied in one transaction.
 */
export async function ingestRecordBatches(
  pool: pg.Pool,
  municipalityId: string,
  batches: Uint8Array[],
  source: IngestSource,
): Promise<IngestResult> {
  const receivedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
  const result: IngestResult = { stored: 0, duplicates: 0, findings: [] };
  const findings: EventFindingInput[] = [];
  const find = (finding: Omit<EventFindingInput, 'municipalityId' | 'sourceKind' | 'sourceDeviceId'>) => {
    findings.push({ ...finding, municipalityId, sourceKind: source.kind, sourceDeviceId: source.deviceId });
    result.findings.push(finding.message);
  };

  // 1. Framing, outside the transaction: a batch that does not parse is rejected as it is.
  const parsed: Array<{ bytes: Uint8Array; batch: RecordBatch; deviceId: string }> = [];
  for (const bytes of batches) {
    try {
      const batch = decodeRecordBatch(bytes);
      const { head } = parseChainHead(batch.head);
      parsed.push({ bytes, batch, deviceId: bytesToUuid(head.deviceId) });
    } catch (error) {
      if (!isProtocolError(error)) throw error;
      find({ kind: 'rejected_batch', message: `batch refused: ${error.message}`, batch: bytes });
    }
  }

  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const deviceIds = [...new Set(parsed.map((p) => p.deviceId))].sort();
    const { rows: enrolmentRows } = await client.query<Enrolment>(
      `SELECT e.id, e.kind, e.public_jwk AS "publicJwk", e.lock_device_id AS "lockDeviceId",
         e.digital_key_id AS "digitalKeyId", l.door_id AS "doorId", l.lock_number AS "lockNumber"
       FROM device_enrolment e LEFT JOIN lock_device l ON l.id = e.lock_device_id
       WHERE e.id = ANY($1::uuid[]) AND e.municipality_id = $2`,
      [deviceIds, municipalityId],
    );
    const enrolments = new Map(enrolmentRows.map((row) => [row.id, row]));
    const known = deviceIds.filter((id) => enrolments.has(id));
    // 2. Serialise per device: the chain row is the lock that keeps (device, sequence) unique.
    if (known.length > 0) {
      await client.query(
        `INSERT INTO device_chain (device_id, municipality_id, device_kind, last_hash)
         SELECT d, $2, k, $4 FROM unnest($1::uuid[], $3::text[]) AS t(d, k)
         ON CONFLICT (device_id) DO NOTHING`,
        [known, municipalityId, known.map((id) => enrolments.get(id)!.kind), Buffer.from(genesis)],
      );
    }
    const { rows: chainRows } = await client.query<{
      deviceId: string;
      lastSequence: number;
      lastHash: Buffer;
      lastHead: Buffer | null;
      samples: number[];
      storedRecords: number;
    }>(
      `SELECT device_id AS "deviceId", last_sequence AS "lastSequence", last_hash AS "lastHash",
         last_head AS "lastHead", clock_samples AS samples, stored_records AS "storedRecords"
       FROM device_chain WHERE device_id = ANY($1::uuid[]) ORDER BY device_id FOR UPDATE`,
      [known],
    );
    const { rows: gapRows } = await client.query<{ deviceId: string; first: number; last: number }>(
      `SELECT device_id AS "deviceId", first_sequence AS first, last_sequence AS last
       FROM device_gap WHERE device_id = ANY($1::uuid[]) ORDER BY first_sequence`,
      [known],
    );
    const chains = new Map<string, ChainState>();
    for (const row of chainRows) {
      chains.set(row.deviceId, {
        deviceId: row.deviceId,
        lastSequence: Number(row.lastSequence),
        lastHash: new Uint8Array(row.lastHash),
        lastHead: row.lastHead ? new Uint8Array(row.lastHead) : null,
        samples: row.samples,
        gaps: gapRows
          .filter((g) => g.deviceId === row.deviceId)
          .map((g) => [Number(g.first), Number(g.last)]),
        isNew: Number(row.storedRecords) === 0 && Number(row.lastSequence) === 0,
        stored: Number(row.storedRecords),
        touched: false,
      });
    }
    const originalGaps = new Map([...chains].map(([id, c]) => [id, JSON.stringify(c.gaps)]));

    const rows: DeviceEventRow[] = [];
    const heads: Array<{
      deviceId: string;
      first: number;
      sequence: number;
      hash: Uint8Array;
      time: number;
      head: Uint8Array;
    }> = [];

    for (const { bytes, batch, deviceId } of parsed) {
      const enrolment = enrolments.get(deviceId);
      if (!enrolment) {
        find({
          kind: 'unknown_device',
          deviceId: null,
          message: `records from device ${deviceId}, which is not enrolled in this municipality`,
          batch: bytes,
        });
        continue;
      }
      const state = chains.get(deviceId)!;
      const reject = (message: string, first?: number, last?: number) =>
        find({
          kind: 'rejected_batch',
          deviceId,
          firstSequence: first ?? null,
          lastSequence: last ?? null,
          message: `device ${deviceId}: batch refused: ${message}`,
          batch: bytes,
        });
      let head: ReturnType<typeof parseChainHead>['head'];
      try {
        head = parseChainHead(batch.head).head;
      } catch (error) {
        if (!isProtocolError(error)) throw error;
        reject(error.message);
        continue;
      }
      const first = head.firstSequence;
      const last = head.sequence;
      // What the batch must link to: the record before it, and the record after it if stored.
      const need: number[] = [];
      if (first > 1 && first - 1 !== state.lastSequence && isStored(state, first - 1)) need.push(first - 1);
      if (last < state.lastSequence && isStored(state, last + 1)) need.push(last + 1);
      let highestDuplicate = 0;
      for (let s = Math.min(last, state.lastSequence); s >= first; s--) {
        if (isStored(state, s)) {
          highestDuplicate = s;
          break;
        }
      }
      if (highestDuplicate > 0) need.push(highestDuplicate);
      const stored = await loadStoredRecords(client, deviceId, need);
      let anchor: ChainAnchor | undefined;
      if (first > 1 && first - 1 === state.lastSequence)
        anchor = { sequence: state.lastSequence, hash: state.lastHash };
      else if (stored.has(first - 1)) anchor = { sequence: first - 1, hash: sha256(stored.get(first - 1)!) };

      let records: EventRecord[];
      let hashes: Uint8Array[];
      try {
        ({ records, hashes } = await verifyBatch(batch, await publicKeyOf(enrolment.publicJwk), anchor));
      } catch (error) {
        if (!isProtocolError(error)) throw error;
        reject(error.message, first, last);
        continue;
      }
      if (records.length === 0) continue;
      // A duplicate must be the very record stored (then, by the chain, all before it are too).
      if (highestDuplicate > 0) {
        const storedBytes = stored.get(highestDuplicate);
        const mine = hashes[highestDuplicate - first]!;
        if (storedBytes && Buffer.compare(Buffer.from(sha256(storedBytes)), Buffer.from(mine)) !== 0) {
          reject(`record ${highestDuplicate} differs from the one stored`, first, last);
          find({
            kind: 'conflicting_record',
            deviceId,
            firstSequence: highestDuplicate,
            lastSequence: highestDuplicate,
            message: `device ${deviceId}: record ${highestDuplicate} arrived with different contents than stored`,
          });
          continue;
        }
      }
      const after = stored.get(last + 1);
      if (after && last + 1 <= state.lastSequence) {
        const prev = after.subarray(after.length - 32);
        if (Buffer.compare(Buffer.from(prev), Buffer.from(hashes[hashes.length - 1]!)) !== 0) {
          reject(`record ${last} does not link to the stored record ${last + 1}`, first, last);
          continue;
        }
      }

      // Verified: apply.
      state.touched = true;
      const sample = Math.round(receivedAt.getTime() / 1000 - head.time);
      state.samples = [...state.samples, sample].slice(-clockSampleCount);
      const isDirect = enrolment.kind === 'key' || enrolment.kind === 'phone';
      const correction = clockCorrection(state.samples, isDirect);
      heads.push({ deviceId, first, sequence: last, hash: head.hash, time: head.time, head: batch.head });
      const wasLast = state.lastSequence;
      const gapsBefore = state.gaps.slice();
      const isNewSequence = (sequence: number) =>
        sequence > wasLast || gapsBefore.some(([a, b]) => sequence >= a && sequence <= b);
      if (first > state.lastSequence + 1) {
        state.gaps.push([state.lastSequence + 1, first - 1]);
        find({
          kind: 'gap',
          deviceId,
          firstSequence: state.lastSequence + 1,
          lastSequence: first - 1,
          message: `device ${deviceId}: records ${state.lastSequence + 1}..${first - 1} missing`,
        });
      } else if (first <= state.lastSequence) {
        for (const [a, b] of fillGaps(state, first, Math.min(last, state.lastSequence))) {
          find({
            kind: 'gap_filled',
            deviceId,
            firstSequence: a,
            lastSequence: b,
            message: `device ${deviceId}: missing records ${a}..${b} arrived`,
          });
        }
      }
      for (const [i, record] of records.entries()) {
        if (!isNewSequence(record.sequence)) {
          result.duplicates++;
          continue;
        }
        result.stored++;
        state.stored++;
        const deviceTime = record.time * 1000;
        const occurred = Math.min(deviceTime + correction * 1000, receivedAt.getTime());
        rows.push({
          municipalityId,
          deviceId,
          sequence: record.sequence,
          occurredAt: new Date(occurred),
          deviceTime: new Date(deviceTime),
          receivedAt,
          kind: eventKinds[record.kind],
          result: eventResults[record.result],
          reason: reasonCodes[record.reason],
          battery: record.battery,
          keyId: record.keyId ? bytesToUuid(record.keyId) : enrolment.digitalKeyId,
          staffPseudonym: record.staff ?? null,
          lockNumber: record.lock ?? enrolment.lockNumber,
          lockDeviceId: enrolment.lockDeviceId,
          doorId: enrolment.doorId,
          source: source.kind,
          record: batch.records[i]!,
        });
        if (enrolment.kind === 'lock' && record.sequence > (state.newestBattery?.sequence ?? wasLast)) {
          state.newestBattery = { sequence: record.sequence, battery: record.battery };
        }
      }
      if (last > state.lastSequence) {
        state.lastSequence = last;
        state.lastHash = hashes[hashes.length - 1]!;
        state.lastHead = batch.head;
      }
    }

    // 3. Write: records by COPY, then heads, chains, gaps, battery levels and findings.
    await copyEventRows(client, rows);
    if (heads.length > 0) {
      await client.query(
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
          receivedAt,
          source.kind,
          source.deviceId,
        ],
      );
    }
    const touched = [...chains.values()].filter((c) => c.touched);
    if (touched.length > 0) {
      await client.query(
        `UPDATE device_chain c SET last_sequence = x.s, last_hash = x.h, last_head = x.hd, stored_records = x.n,
           clock_samples = ARRAY(SELECT jsonb_array_elements_text(x.samples)::integer),
           clock_offset_seconds = x.off, clock_offset_is_direct = x.direct, last_received_at = $9
         FROM unnest($1::uuid[], $2::bigint[], $3::bytea[], $4::bytea[], $5::bigint[], $6::jsonb[], $7::integer[],
           $8::boolean[]) AS x(d, s, h, hd, n, samples, off, direct)
         WHERE c.device_id = x.d`,
        [
          touched.map((c) => c.deviceId),
          touched.map((c) => c.lastSequence),
          touched.map((c) => Buffer.from(c.lastHash)),
          touched.map((c) => (c.lastHead ? Buffer.from(c.lastHead) : null)),
          touched.map((c) => c.stored),
          touched.map((c) => JSON.stringify(c.samples)),
          touched.map((c) => clockCorrection(c.samples, isDirectKind(enrolments.get(c.deviceId)!.kind))),
          touched.map((c) => isDirectKind(enrolments.get(c.deviceId)!.kind)),
          receivedAt,
        ],
      );
      const changedGaps = touched.filter((c) => JSON.stringify(c.gaps) !== originalGaps.get(c.deviceId));
      if (changedGaps.length > 0) {
        await client.query('DELETE FROM device_gap WHERE device_id = ANY($1::uuid[])', [
          changedGaps.map((c) => c.deviceId),
        ]);
        const gapList = changedGaps.flatMap((c) => c.gaps.map(([a, b]) => ({ d: c.deviceId, a, b })));
        if (gapList.length > 0) {
          await client.query(
            `INSERT INTO device_gap (device_id, first_sequence, last_sequence)
             SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::bigint[])`,
            [gapList.map((g) => g.d), gapList.map((g) => g.a), gapList.map((g) => g.b)],
          );
        }
      }
      const batteries = touched.filter((c) => c.newestBattery && enrolments.get(c.deviceId)!.lockDeviceId);
      if (batteries.length > 0) {
        // Only battery_level: the permission-cache trigger ignores it (migration 0004).
        await client.query(
          `UPDATE lock_device l SET battery_level = x.b FROM unnest($1::uuid[], $2::integer[]) AS x(id, b)
           WHERE l.id = x.id AND l.battery_level IS DISTINCT FROM x.b`,
          [
            batteries.map((c) => enrolments.get(c.deviceId)!.lockDeviceId),
            batteries.map((c) => c.newestBattery!.battery),
          ],
        );
      }
    }
    await insertEventFindings(client, findings);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  return result;
}

/**
 * The protocol's verifyRecordBatch, step for step (head signature, contiguous sequences, every
 * prev, link to the anchor, last hash = head hash; same `chain-broken` messages), with Node's
 * synchronous SHA-256 instead of WebCrypto's per-record promise: ingest hashes millions of records.
 * Returns the records and their hashes. The equivalence is checked in event-ingest tests.
 */
export async function verifyBatch(
  batch: RecordBatch,
  devicePublicKey: CryptoKey,
  anchor?: ChainAnchor,
): Promise<{ records: EventRecord[]; hashes: Uint8Array[] }> {
  const head = await verifyChainHead(batch.head, devicePublicKey);
  const broken = (message: string): never => {
    throw new ProtocolError('chain-broken', `record-batch: ${message}`);
  };
  if (batch.records.length === 0) {
    if (head.sequence !== 0 && head.firstSequence <= head.sequence) broken('records missing');
    return { records: [], hashes: [] };
  }
  const expectedCount = head.sequence - head.firstSequence + 1;
  if (expectedCount !== batch.records.length)
    broken(`head covers ${expectedCount} records, batch has ${batch.records.length}`);
  const records: EventRecord[] = [];
  const hashes: Uint8Array[] = [];
  let previousHash: Uint8Array | undefined;
  for (const [i, bytes] of batch.records.entries()) {
    const record = decodeEventRecord(bytes);
    if (!equalBytes(record.deviceId, head.deviceId)) broken(`record ${i} is from another device`);
    if (record.sequence !== head.firstSequence + i) broken(`record ${i} has sequence ${record.sequence}`);
    if (previousHash) {
      if (!equalBytes(record.prev, previousHash))
        broken(`record ${record.sequence} does not link to its predecessor`);
    } else if (record.sequence === 1) {
      if (!equalBytes(record.prev, genesisHash)) broken('first record does not start from the genesis hash');
    } else if (anchor && anchor.sequence === record.sequence - 1 && !equalBytes(record.prev, anchor.hash)) {
      broken(`record ${record.sequence} does not link to the stored record ${anchor.sequence}`);
    }
    previousHash = sha256(bytes);
    hashes.push(previousHash);
    records.push(record);
  }
  if (!equalBytes(previousHash!, head.hash)) broken('last record does not match the signed head');
  return { records, hashes };
}

function isDirectKind(kind: string): boolean {
  return kind === 'key' || kind === 'phone';
}
