// Ingest of device record batches (R4.1, R4.5; docs/event-log.md "Ingest"): the seam the device
// gateway calls with what sync stations, phones and adapters hand over. Each batch is verified
// (head signature with the device's enrolled key, hash chain, link to what is stored) and then
// applied whole or not at all; every record is stored once per (device, sequence), gaps become
// findings, and a rejected batch is recorded with its bytes.
import { hash as nodeHash } from 'node:crypto';
import {
  bytesToUuid,
  findChainConflicts,
  isProtocolError,
  parseChainHead,
  importPublicJwk,
  ProtocolError,
  verifyChainHead,
  type ChainHead,
  type PublicJwk,
  type RecordBatch,
  type StoredRecordRef,
} from '@portvakt/protocol';
import {
  CopyBinaryWriter,
  deviceEventColumns,
  hasHeldEvents,
  insertEventFindings,
  openEventCopy,
  type EventCopy,
  type EventFindingInput,
} from '@portvakt/storage';
import type pg from 'pg';
import { equalAt, fastScan, frameRecordBatch, newScannedRecord, scanEventRecord } from './event-record-scan';

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
  /** Highest block-list version the lock reported in this call, and when (newest such record). */
  blockList?: { version: number; at: number };
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

/** Node's one-shot SHA-256 (no hash object per record). */
const sha256 = (bytes: Uint8Array): Buffer => nodeHash('sha256', bytes, 'buffer');

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
  /** The receiving clock; only simulations replaying the past (seed-demo) pass one. */
  options: { now?: Date } = {},
): Promise<IngestResult> {
  const receivedMs = Math.floor((options.now ?? new Date()).getTime() / 1000) * 1000;
  const receivedAt = new Date(receivedMs);
  const result: IngestResult = { stored: 0, duplicates: 0, findings: [] };
  const findings: EventFindingInput[] = [];
  const find = (finding: Omit<EventFindingInput, 'municipalityId' | 'sourceKind' | 'sourceDeviceId'>) => {
    findings.push({ ...finding, municipalityId, sourceKind: source.kind, sourceDeviceId: source.deviceId });
    result.findings.push(finding.message);
  };

  // 1. Framing, outside the transaction: a batch that does not parse is rejected as it is.
  const parsed: Array<{ bytes: Uint8Array; batch: RecordBatch; deviceId: string; head: ChainHead }> = [];
  for (const bytes of batches) {
    try {
      const batch = frameRecordBatch(bytes);
      const { head } = parseChainHead(batch.head);
      parsed.push({ bytes, batch, deviceId: bytesToUuid(head.deviceId), head });
    } catch (error) {
      if (!isProtocolError(error)) throw error;
      find({ kind: 'rejected_batch', message: `batch refused: ${error.message}`, batch: bytes });
    }
  }

  const client = await pool.connect();
  let copy: EventCopy | undefined;
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

    // What a fork check compares with: the stored records a batch overlaps or touches (only for
    // batches reaching back into what is stored; a batch continuing the chain needs only its hash).
    const refs = new Map<string, Map<number, StoredRecordRef>>();
    const ranges = new Map<string, [number, number]>();
    const batchesPerDevice = new Map<string, number>();
    for (const { deviceId, head } of parsed) {
      batchesPerDevice.set(deviceId, (batchesPerDevice.get(deviceId) ?? 0) + 1);
      const state = chains.get(deviceId);
      if (!state || head.firstSequence > state.lastSequence) continue;
      const from = Math.max(1, head.firstSequence - 1);
      const to = Math.min(head.sequence + 1, state.lastSequence);
      const range = ranges.get(deviceId);
      ranges.set(deviceId, range ? [Math.min(range[0], from), Math.max(range[1], to)] : [from, to]);
    }
    if (ranges.size > 0) {
      const table = (await hasHeldEvents(client, municipalityId)) ? 'device_event_all' : 'device_event';
      const list = [...ranges];
      const { rows } = await client.query<{ deviceId: string; sequence: string; record: Buffer }>(
        `SELECT e.device_id AS "deviceId", e.sequence, e.record
         FROM unnest($1::uuid[], $2::bigint[], $3::bigint[]) AS r(d, a, b)
           JOIN ${table} e ON e.device_id = r.d AND e.sequence BETWEEN r.a AND r.b`,
        [list.map(([d]) => d), list.map(([, r]) => r[0]), list.map(([, r]) => r[1])],
      );
      const scanned = newScannedRecord();
      for (const row of rows) {
        const bytes = new Uint8Array(row.record);
        let prev: Uint8Array;
        try {
          scanEventRecord(bytes, scanned);
          prev = scanned.src.slice(scanned.prevAt, scanned.prevAt + 32);
        } catch {
          prev = genesis; // a stored record that no longer decodes: verify-log reports it
        }
        let map = refs.get(row.deviceId);
        if (!map) refs.set(row.deviceId, (map = new Map<number, StoredRecordRef>()));
        map.set(Number(row.sequence), { hash: sha256(bytes), prev });
      }
    }

    const heads: Array<{
      deviceId: string;
      first: number;
      sequence: number;
      hash: Uint8Array;
      time: number;
      head: Uint8Array;
    }> = [];
    const record = newScannedRecord();
    const writer = new CopyBinaryWriter();

    // 3. Verify batch by batch and stream each accepted batch into COPY at once: PostgreSQL
    //    stores batch N while batch N + 1 is verified here.
    if (known.length > 0) copy = openEventCopy(client);
    for (const { bytes, batch, deviceId, head: unverifiedHead } of parsed) {
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
      const first = unverifiedHead.firstSequence;
      const last = unverifiedHead.sequence;
      const reject = (message: string) =>
        find({
          kind: 'rejected_batch',
          deviceId,
          firstSequence: first,
          lastSequence: last,
          message: `device ${deviceId}: batch refused: ${message}`,
          batch: bytes,
        });
      const sample = Math.round(receivedMs / 1000 - unverifiedHead.time);
      const samples = [...state.samples, sample].slice(-clockSampleCount);
      const correctionMs = clockCorrection(samples, isDirectKind(enrolment.kind)) * 1000;
      const wasLast = state.lastSequence;
      const gapsBefore = state.gaps;
      const isNewSequence = (sequence: number) =>
        sequence > wasLast || gapsBefore.some(([a, b]) => sequence >= a && sequence <= b);

      let verified: Verified;
      try {
        const head = await verifyChainHead(batch.head, await publicKeyOf(enrolment.publicJwk));
        verified = verifyRecords(batch, head, record, {
          writer,
          municipalityId,
          source: source.kind,
          receivedMs,
          correctionMs,
          isNewSequence,
          enrolment,
        });
      } catch (error) {
        if (!isProtocolError(error)) throw error;
        reject(error.message);
        continue;
      }
      if (batch.records.length === 0) continue;

      // Forks: records already stored must come back identical and link both ways.
      // A batch continuing the chain needs only the chain's last hash (as "the record before");
      // one reaching back compares with the stored records loaded for it.
      const stored = refs.get(deviceId);
      const continues = first > state.lastSequence && state.lastSequence > 0;
      const lastRef: StoredRecordRef = { hash: state.lastHash, prev: genesis };
      const lookup = (sequence: number): StoredRecordRef | undefined =>
        stored?.get(sequence) ?? (continues && sequence === state.lastSequence ? lastRef : undefined);
      const touching = batch.records.filter((_, i) => {
        const s = first + i;
        return lookup(s) !== undefined || lookup(s - 1) !== undefined || lookup(s + 1) !== undefined;
      });
      if (touching.length > 0) {
        const conflict = await findChainConflicts({ head: batch.head, records: touching }, lookup);
        if (conflict) {
          find({
            kind: 'chain-fork',
            deviceId,
            firstSequence: conflict.sequence,
            lastSequence: conflict.sequence,
            message: `chain-fork: device ${deviceId}: ${conflict.message}; batch of records ${first}..${last} refused, nothing stored`,
            batch: bytes,
          });
          continue;
        }
      }

      // Verified: apply.
      state.touched = true;
      state.samples = samples;
      heads.push({
        deviceId,
        first,
        sequence: last,
        hash: unverifiedHead.hash,
        time: unverifiedHead.time,
        head: batch.head,
      });
      if (first > state.lastSequence + 1) {
        state.gaps = [...state.gaps, [state.lastSequence + 1, first - 1]];
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
      result.stored += verified.stored;
      result.duplicates += batch.records.length - verified.stored;
      state.stored += verified.stored;
      if (verified.chunk) await copy!.write(verified.chunk);
      if (enrolment.kind === 'lock' && verified.newestBattery && verified.newestBattery.sequence > wasLast)
        if (verified.newestBattery.sequence > (state.newestBattery?.sequence ?? 0))
          state.newestBattery = verified.newestBattery;
      if (enrolment.lockDeviceId && verified.blockList) {
        const current = state.blockList;
        if (
          !current ||
          verified.blockList.version > current.version ||
          (verified.blockList.version === current.version && verified.blockList.at > current.at)
        )
          state.blockList = verified.blockList;
      }
      if ((batchesPerDevice.get(deviceId) ?? 0) > 1) {
        // A later batch of this device in the same call is compared with this one's records.
        let map = refs.get(deviceId);
        if (!map) refs.set(deviceId, (map = new Map<number, StoredRecordRef>()));
        for (let i = 0; i < batch.records.length; i++)
          map.set(first + i, { hash: verified.hashes[i]!, prev: verified.prevs[i]! });
      }
      if (last > state.lastSequence) {
        state.lastSequence = last;
        state.lastHash = unverifiedHead.hash;
        state.lastHead = batch.head;
      }
    }
    if (copy) {
      const open = copy;
      copy = undefined;
      await open.end();
    }

    // 4. Heads, chains, gaps, battery levels, block-list versions and findings.
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
      // The block-list version each lock holds (protocol field 12), for GET /api/v1/block-list:
      // the highest reported, and the newest record that reported it.
      const reports = touched.filter((c) => c.blockList && enrolments.get(c.deviceId)!.lockDeviceId);
      if (reports.length > 0) {
        await client.query(
          `INSERT INTO lock_block_list_report (lock_device_id, version, reported_at)
           SELECT id, v, to_timestamp(t / 1000.0) FROM unnest($1::uuid[], $2::integer[], $3::bigint[]) AS x(id, v, t)
           ON CONFLICT (lock_device_id) DO UPDATE SET version = EXCLUDED.version, reported_at = EXCLUDED.reported_at
           WHERE lock_block_list_report.version < EXCLUDED.version
             OR (lock_block_list_report.version = EXCLUDED.version
               AND lock_block_list_report.reported_at < EXCLUDED.reported_at)`,
          [
            reports.map((c) => enrolments.get(c.deviceId)!.lockDeviceId),
            reports.map((c) => c.blockList!.version),
            reports.map((c) => c.blockList!.at),
          ],
        );
      }
    }
    await insertEventFindings(client, findings);
    await client.query('COMMIT');
  } catch (error) {
    copy?.abort(error as Error);
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  return result;
}

interface Verified {
  /** The records not stored yet, as COPY binary rows. */
  chunk?: Buffer;
  stored: number;
  hashes: Uint8Array[];
  prevs: Uint8Array[];
  newestBattery?: { sequence: number; battery: number };
  blockList?: { version: number; at: number };
}

/**
 * The protocol's verifyRecordBatch after the head signature, step for step (contiguous
 * sequences, every prev, genesis for sequence 1, last hash = head hash; same `chain-broken`
 * messages), reading each record once with scanEventRecord and hashing it with Node's one-shot
 * SHA-256, and writing the records that are new as COPY binary rows as it goes. Links to stored
 * records are checked afterwards (findChainConflicts). Throws a ProtocolError on any failure.
 */
function verifyRecords(
  batch: RecordBatch,
  head: ChainHead,
  record: ReturnType<typeof newScannedRecord>,
  row: {
    writer: CopyBinaryWriter;
    municipalityId: string;
    source: string;
    receivedMs: number;
    correctionMs: number;
    isNewSequence: (sequence: number) => boolean;
    enrolment: Enrolment;
  },
): Verified {
  const broken = (message: string): never => {
    throw new ProtocolError('chain-broken', `record-batch: ${message}`);
  };
  const out: Verified = { stored: 0, hashes: [], prevs: [] };
  if (batch.records.length === 0) {
    if (head.sequence !== 0 && head.firstSequence <= head.sequence) broken('records missing');
    return out;
  }
  const expectedCount = head.sequence - head.firstSequence + 1;
  if (expectedCount !== batch.records.length)
    broken(`head covers ${expectedCount} records, batch has ${batch.records.length}`);
  const { enrolment } = row;
  row.writer.reset(); // rows of an earlier batch that failed half-way
  let previousHash: Uint8Array | undefined;
  for (let i = 0; i < batch.records.length; i++) {
    const bytes = batch.records[i]!;
    if (!fastScan(bytes, record)) scanEventRecord(bytes, record);
    const src = record.src;
    if (!equalAt(src, record.deviceIdAt, head.deviceId, 16)) broken(`record ${i} is from another device`);
    if (record.sequence !== head.firstSequence + i) broken(`record ${i} has sequence ${record.sequence}`);
    if (previousHash) {
      if (!equalAt(src, record.prevAt, previousHash, 32))
        broken(`record ${record.sequence} does not link to its predecessor`);
    } else if (record.sequence === 1 && !equalAt(src, record.prevAt, genesis, 32)) {
      broken('first record does not start from the genesis hash');
    }
    const hash = sha256(bytes);
    previousHash = hash;
    out.hashes.push(hash);
    out.prevs.push(src.subarray(record.prevAt, record.prevAt + 32));
    if (!row.isNewSequence(record.sequence)) continue;
    out.stored++;
    const deviceMs = record.time * 1000;
    const occurredMs = Math.min(deviceMs + row.correctionMs, row.receivedMs);
    if (enrolment.kind === 'lock') {
      if (!out.newestBattery || record.sequence > out.newestBattery.sequence)
        out.newestBattery = { sequence: record.sequence, battery: record.battery };
      if (
        record.blockListVersion >= 0 &&
        (!out.blockList ||
          record.blockListVersion > out.blockList.version ||
          (record.blockListVersion === out.blockList.version && occurredMs > out.blockList.at))
      )
        out.blockList = { version: record.blockListVersion, at: occurredMs };
    }
    const w = row.writer;
    w.row(deviceEventColumns.length)
      .uuid(row.municipalityId)
      .uuidBytes(src, record.deviceIdAt)
      .int64(record.sequence)
      .timestamp(occurredMs)
      .timestamp(deviceMs)
      .timestamp(row.receivedMs)
      .int16(record.kind)
      .int16(record.result)
      .int16(record.reason)
      .int16(record.battery);
    if (record.keyIdAt >= 0) w.uuidBytes(src, record.keyIdAt);
    else w.uuid(enrolment.digitalKeyId);
    if (record.staff === null) w.null();
    else w.text(record.staff);
    if (record.lock >= 0) w.int64(record.lock);
    else if (enrolment.lockNumber !== null) w.int64(enrolment.lockNumber);
    else w.null();
    w.uuid(enrolment.lockDeviceId).uuid(enrolment.doorId).text(row.source).bytes(bytes);
    if (record.blockListVersion >= 0) w.int64(record.blockListVersion);
    else w.null();
    if (record.verified >= 0) w.bool(record.verified === 1);
    else w.null();
    if (record.claimedKeyIdAt >= 0) w.uuidBytes(src, record.claimedKeyIdAt);
    else w.null();
    if (record.count >= 0) w.int64(record.count);
    else w.null();
    if (record.firstTime >= 0) w.timestamp(record.firstTime * 1000);
    else w.null();
  }
  if (!equalAt(previousHash!, 0, head.hash, 32)) broken('last record does not match the signed head');
  if (out.stored > 0) out.chunk = row.writer.take();
  return out;
}

function isDirectKind(kind: string): boolean {
  return kind === 'key' || kind === 'phone';
}
