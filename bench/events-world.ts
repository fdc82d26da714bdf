// The events bench's dataset: a registry (municipality, provider, staff with keys, doors with
// locks, customers with access paths) and two years of real protocol records from its locks,
// COPYed without the secondary indexes and indexed after. A kept cluster (EVENTS_BENCH_DIR) is
// reused, forgetting the previous run's verified sample. Deterministic given `random`.
import { createHash } from 'node:crypto';
import {
  encodeEventRecord,
  exportPublicJwk,
  generateSigningKeyPair,
  genesisHash,
  uuidToBytes,
} from '@portvakt/protocol';
import { copyEventLines, encodeCopyLine, type DeviceEventRow } from '@portvakt/storage';
import { SingleBar, Presets } from 'cli-progress';
import type pg from 'pg';

export interface EventsWorldSize {
  /** Locks with two years of history. */
  lockCount: number;
  /** Records per historical lock, and per sample lock. */
  perLock: number;
  staffCount: number;
  /** Locks without history, for measuring verified ingest. */
  sampleLocks: number;
}

export interface StaffRow {
  pseudonym: string;
  keyId: string;
  id: string;
}

export interface LockRow {
  id: string;
  doorId: string;
  number: number;
  kind: string;
  propertyId: string;
}

export interface EventsWorld {
  municipalityId: string;
  staff: StaffRow[];
  /** By lock number: the historical locks first, then the sample's. */
  locks: LockRow[];
}

const sha256 = (b: Uint8Array) => new Uint8Array(createHash('sha256').update(b).digest());

/**
 * One opening by `who` at `lock` (or a refusal outside the time window): its protocol record,
 * chained on `prev`, the record's hash for the next one, and the row it is stored as.
 */
export function buildOpeningRecord(opening: {
  municipalityId: string;
  device: { id: string; bytes: Uint8Array };
  lock: LockRow;
  who: StaffRow;
  sequence: number;
  time: number;
  isRefused: boolean;
  battery: number;
  blockListVersion: number;
  prev: Uint8Array;
  receivedAt: Date;
}): { bytes: Uint8Array; hash: Uint8Array; row: DeviceEventRow } {
  const { device, lock, who, sequence, time, isRefused, battery, blockListVersion } = opening;
  const bytes = encodeEventRecord({
    deviceId: device.bytes,
    sequence,
    time,
    kind: 'open-attempt',
    result: isRefused ? 'denied' : 'ok',
    reason: isRefused ? 'outside-time-window' : 'none',
    battery,
    keyId: uuidToBytes(who.keyId),
    staff: who.pseudonym,
    lock: lock.number,
    prev: opening.prev,
    blockListVersion,
    verified: true,
  });
  const at = new Date(time * 1000);
  return {
    bytes,
    hash: sha256(bytes),
    row: {
      municipalityId: opening.municipalityId,
      deviceId: device.id,
      sequence,
      occurredAt: at,
      deviceTime: at,
      receivedAt: opening.receivedAt,
      kind: 1,
      result: isRefused ? 1 : 0,
      reason: isRefused ? 14 : 0,
      battery,
      keyId: who.keyId,
      staffPseudonym: who.pseudonym,
      lockNumber: lock.number,
      lockDeviceId: lock.id,
      doorId: lock.doorId,
      source: 'sync_station',
      record: bytes,
      blockListVersion,
      verified: true,
    },
  };
}

export const insertReturningId = async (pool: pg.Pool, sql: string, p: unknown[] = []) =>
  (await pool.query<{ id: string }>(sql, p)).rows[0]!.id;

/** The dataset in `pool`: reused when a kept cluster holds one, generated otherwise. */
export async function loadEventsWorld(
  pool: pg.Pool,
  size: EventsWorldSize,
  period: { start: Date; now: Date },
  random: () => number,
): Promise<EventsWorld> {
  const kept = (await pool.query<{ id: string }>(`SELECT m.id FROM municipality m WHERE m.code = 'bench'`))
    .rows[0];
  if (kept) {
    console.log('Reusing the generated dataset');
    await forgetVerifiedSample(pool, kept.id, size.lockCount);
    const world = await readWorld(pool, kept.id);
    if (world.locks.length !== size.lockCount + size.sampleLocks)
      throw new Error('kept dataset has another size');
    return world;
  }
  const municipalityId = await createRegistry(pool, size);
  const world = await readWorld(pool, municipalityId);
  await loadHistory(pool, world, size, period, random);
  return world;
}

async function readWorld(pool: pg.Pool, m: string): Promise<EventsWorld> {
  const staff = (
    await pool.query<StaffRow>(
      `SELECT s.pseudonym, k.id AS "keyId", s.id FROM staff_member s JOIN digital_key k ON k.holder_staff_member_id = s.id
       WHERE s.municipality_id = $1 ORDER BY s.pseudonym`,
      [m],
    )
  ).rows;
  const locks = (
    await pool.query<LockRow>(
      `SELECT l.id, l.door_id AS "doorId", l.lock_number AS number, d.kind, d.property_id AS "propertyId"
       FROM lock_device l JOIN door d ON d.id = l.door_id WHERE l.municipality_id = $1 ORDER BY l.lock_number`,
      [m],
    )
  ).rows;
  return { municipalityId: m, staff, locks };
}

/** Removes a previous run's verified sample (its enrolments, records and chains). */
async function forgetVerifiedSample(pool: pg.Pool, m: string, lockCount: number): Promise<void> {
  await pool.query(
    `CREATE TEMP TABLE sample_device AS SELECT e.id FROM device_enrolment e JOIN lock_device l ON l.id = e.lock_device_id
     WHERE e.municipality_id = $1 AND l.lock_number > $2`,
    [m, lockCount],
  );
  await pool.query('DELETE FROM device_event WHERE device_id IN (SELECT id FROM sample_device)');
  // device_chain_head is append-only (0008): the bench's superuser removes its own sample past the trigger.
  for (const table of ['device_chain', 'device_chain_head', 'device_gap'])
    await pool.query(
      `SET session_replication_role = replica; DELETE FROM ${table} WHERE device_id IN (SELECT id FROM sample_device);
       SET session_replication_role = origin`,
    );
  await pool.query('DELETE FROM lock_block_list_report');
  await pool.query('DELETE FROM device_enrolment WHERE id IN (SELECT id FROM sample_device)');
  await pool.query('DROP TABLE sample_device');
}

/** The registry: staff with keys, doors with locks, customers with their access paths and services. */
async function createRegistry(pool: pg.Pool, size: EventsWorldSize): Promise<string> {
  const { lockCount, staffCount, sampleLocks } = size;
  const q1 = (sql: string, p: unknown[] = []) => insertReturningId(pool, sql, p);
  console.log(
    `Registry: ${lockCount} locks, ${staffCount} staff, ${Math.floor(lockCount * 0.75)} customers…`,
  );
  const m = await q1(`INSERT INTO municipality (code, name) VALUES ('bench', 'Benchkommun') RETURNING id`);
  const district = await q1(
    `INSERT INTO district (municipality_id, code, name) VALUES ($1, 'D', 'D') RETURNING id`,
    [m],
  );
  const provider = await q1(
    `INSERT INTO provider (municipality_id, name, ownership, kinds) VALUES ($1, 'P', 'private', ARRAY['day_home_care']) RETURNING id`,
    [m],
  );
  await pool.query(
    `INSERT INTO property (municipality_id, district_id, designation, street_address)
     SELECT $1, $2, 'P' || g, 'Gatan ' || g FROM generate_series(1, $3) g`,
    [m, district, Math.ceil((lockCount + sampleLocks) / 4)],
  );
  await pool.query(
    `INSERT INTO staff_member (municipality_id, provider_id, given_name, family_name, pseudonym, employment_starts_on)
     SELECT $1, $2, 'Anna', 'S' || g, 'ps-' || g, '2020-01-01' FROM generate_series(1, $3) g`,
    [m, provider, staffCount],
  );
  await pool.query(
    `INSERT INTO digital_key (municipality_id, provider_id, kind, serial, holder_staff_member_id)
     SELECT $1, $2, 'hardware_key', 'K-' || s.pseudonym, s.id FROM staff_member s WHERE s.municipality_id = $1`,
    [m, provider],
  );
  // Every 4th door is an entrance shared by the 3 apartments after it.
  await pool.query(
    `INSERT INTO door (municipality_id, property_id, kind, label)
     SELECT $1, p.id, CASE WHEN g % 4 = 0 THEN 'entrance' ELSE 'apartment_door' END, 'Dörr ' || g
     FROM generate_series(0, $2 - 1) g JOIN (SELECT id, row_number() OVER (ORDER BY designation) - 1 AS n FROM property) p
       ON p.n = g / 4`,
    [m, lockCount + sampleLocks],
  );
  await pool.query(
    `INSERT INTO lock_device (municipality_id, lock_type, serial, status, door_id, lock_number)
     SELECT $1, 'cylinder_ring', 'L-' || row_number() OVER (ORDER BY d.label), 'installed', d.id,
       row_number() OVER (ORDER BY d.label) FROM door d WHERE d.municipality_id = $1`,
    [m],
  );
  await pool.query(
    `INSERT INTO customer (municipality_id, district_id, given_name, family_name, residence_property_id, apartment_door_id)
     SELECT $1, $2, 'Kund', d.label, d.property_id, d.id FROM door d WHERE d.municipality_id = $1 AND d.kind = 'apartment_door'`,
    [m, district],
  );
  await pool.query(
    `INSERT INTO access_path_step (municipality_id, customer_id, position, door_id)
     SELECT $1::uuid, c.id, 0, e.id FROM customer c JOIN door e ON e.municipality_id = c.municipality_id
       AND e.property_id = c.residence_property_id AND e.kind = 'entrance' WHERE c.municipality_id = $1
     UNION ALL SELECT $1::uuid, c.id, 1, c.apartment_door_id FROM customer c WHERE c.municipality_id = $1`,
    [m],
  );
  await pool.query(
    `INSERT INTO customer_service (municipality_id, customer_id, service, provider_id, starts_on)
     SELECT $1, id, 'home_care', $2, '2020-01-01' FROM customer`,
    [m, provider],
  );
  return m;
}

/** Two years of records for every historical lock, COPYed without secondary indexes, then indexed. */
async function loadHistory(
  pool: pg.Pool,
  world: EventsWorld,
  size: EventsWorldSize,
  period: { start: Date; now: Date },
  rnd: () => number,
): Promise<void> {
  const { municipalityId: m, staff, locks } = world;
  const { lockCount, perLock } = size;
  const { start, now } = period;
  // Lock enrolments (real key pairs for the verified sample; the historical locks' heads are not
  // stored, so their public keys only need to exist).
  const placeholderJwk = JSON.stringify(await exportPublicJwk((await generateSigningKeyPair()).publicKey));
  await pool.query(
    `INSERT INTO device_enrolment (municipality_id, kind, lock_device_id, public_jwk, enrolled_by)
     SELECT $1, 'lock', id, $2, 'bench' FROM lock_device WHERE municipality_id = $1 AND lock_number <= $3`,
    [m, placeholderJwk, lockCount],
  );
  const enrolment = new Map(
    (
      await pool.query<{ id: string; lock: string }>(
        'SELECT id, lock_device_id AS lock FROM device_enrolment WHERE municipality_id = $1',
        [m],
      )
    ).rows.map((r) => [r.lock, r.id]),
  );

  // Historical dataset: real records and chains, COPY without the secondary indexes, then index.
  const indexes = (
    await pool.query<{ def: string; name: string }>(
      `SELECT indexdef AS def, indexname AS name FROM pg_indexes WHERE tablename = 'device_event'`,
    )
  ).rows;
  for (const index of indexes) await pool.query(`DROP INDEX ${index.name}`);
  const span = now.getTime() / 1000 - 3600 - start.getTime() / 1000;
  const bar = new SingleBar(
    { format: 'generate+COPY [{bar}] {percentage}% {value}/{total} records | {eta}s' },
    Presets.shades_classic,
  );
  bar.start(lockCount * perLock, 0);
  const t0 = performance.now();
  const client = await pool.connect();
  async function* lines(): AsyncGenerator<string> {
    for (let l = 0; l < lockCount; l++) {
      const lock = locks[l]!;
      const deviceId = enrolment.get(lock.id)!;
      const deviceBytes = uuidToBytes(deviceId);
      const lockOpening = { municipalityId: m, device: { id: deviceId, bytes: deviceBytes }, lock };
      let prev: Uint8Array = genesisHash;
      let t = start.getTime() / 1000 + rnd() * 3600;
      const step = span / perLock;
      let out = '';
      for (let s = 1; s <= perLock; s++) {
        t += step * (0.5 + rnd());
        const who = staff[Math.floor(rnd() * staff.length)]!;
        const refused = rnd() < 0.03;
        const time = Math.floor(Math.min(t, now.getTime() / 1000 - 60));
        const opening = buildOpeningRecord({
          ...lockOpening,
          who,
          sequence: s,
          time,
          isRefused: refused,
          battery: 100 - Math.floor((s / perLock) * 60),
          blockListVersion: 1 + Math.floor(s / 100),
          prev,
          receivedAt: new Date(time * 1000),
        });
        prev = opening.hash;
        out += encodeCopyLine(opening.row);
      }
      yield out;
      if (l % 20 === 0) bar.update((l + 1) * perLock);
    }
  }
  await copyEventLines(client, lines());
  client.release();
  bar.update(lockCount * perLock);
  bar.stop();
  const loadSeconds = (performance.now() - t0) / 1000;
  console.log(`Loaded ${lockCount * perLock} records in ${loadSeconds.toFixed(0)} s; indexing…`);
  await pool.query(`SET maintenance_work_mem = '512MB'`);
  // pg_indexes shows a partitioned index as `ON ONLY` (the parent alone, left invalid): build
  // it on every partition.
  for (const index of indexes) await pool.query(index.def.replace(' ON ONLY ', ' ON '));
  const invalid = await pool.query(
    `SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
   WHERE i.indrelid = 'device_event'::regclass AND NOT i.indisvalid`,
  );
  if (invalid.rows.length > 0) throw new Error(`invalid indexes: ${JSON.stringify(invalid.rows)}`);
  // Steady state before measuring: vacuumed and analysed (otherwise autovacuum works through the
  // 20 M freshly loaded rows while ingest is being timed) and checkpointed.
  const tVacuum = performance.now();
  await pool.query('VACUUM (ANALYZE) device_event');
  await pool.query('CHECKPOINT');
  console.log(`Vacuumed and checkpointed in ${((performance.now() - tVacuum) / 1000).toFixed(0)} s.`);
  await pool.query(
    `INSERT INTO device_chain (device_id, municipality_id, device_kind, last_sequence, last_hash, stored_records)
     SELECT id, $1, 'lock', $2, '\\x00'::bytea, $2 FROM device_enrolment WHERE municipality_id = $1`,
    [m, perLock],
  );
  console.log(`Indexed in ${((performance.now() - t0) / 1000 - loadSeconds).toFixed(0)} s.`);
}
