// Event log: verified ingest against raw COPY of the same rows (same run, same table), and query
// latency on a generated two-year dataset (EVENTS_BENCH_RECORDS, default 20 million) in its own
// embedded PostgreSQL. Records are real protocol records (deterministic CBOR, SHA-256 chains);
// the verified sample's batches carry chain heads signed by each lock's own P-256 key, as real
// locks sign one head per hand-over. Verified ingest is measured with visit derivation on and off,
// chunk by chunk in turn. Ends with one JSON line.
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bytesToUuid,
  encodeEventRecord,
  encodeRecordBatch,
  exportPublicJwk,
  generateSigningKeyPair,
  genesisHash,
  signChainHead,
  uuidToBytes,
  type EventRecord,
} from '@portvakt/protocol';
import {
  copyEventLines,
  CopyBinaryWriter,
  encodeCopyLine,
  openEventCopy,
  writeDeviceEventRow,
  ensureEventPartitions,
  listEvents,
  migrate,
  monthsBefore,
  startEmbeddedPostgres,
  type DeviceEventRow,
} from '@portvakt/storage';
import { SingleBar, Presets } from 'cli-progress';
import pg from 'pg';
import { ingestRecordBatches } from '@portvakt/server';
import { buildRelativesVisitList } from '@portvakt/server/testing';

const totalRecords = Number(process.env.EVENTS_BENCH_RECORDS ?? 20_000_000);
const perLock = 1000;
const lockCount = Math.ceil(totalRecords / perLock);
const staffCount = Math.max(50, Math.floor(lockCount / 5));
const sampleLocks = Number(process.env.EVENTS_BENCH_SAMPLE_LOCKS ?? 400);
const queryRuns = 200;

// EVENTS_BENCH_DIR keeps the cluster between runs (for iterating on query plans): the first run
// generates the dataset there, later runs with the same record count reuse it. Without it, every
// run generates from scratch in a temporary directory and removes it.
const keptDir = process.env.EVENTS_BENCH_DIR;
const dir = keptDir ?? (await mkdtemp(join(tmpdir(), 'portvakt-bench-events-')));
await mkdir(dir, { recursive: true });
await chmod(dir, 0o755);
// Not ephemeral even without EVENTS_BENCH_DIR: the cluster restarts once (shared_buffers); the
// temporary directory is removed at the end.
let server = await startEmbeddedPostgres({ dataDir: dir, isEphemeral: false });
const admin = new pg.Client({ connectionString: server.adminUrl });
await admin.connect();
const hasBenchDb = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'bench'`)).rows.length > 0;
if (!hasBenchDb) await admin.query('CREATE DATABASE bench');
await admin.query(`ALTER SYSTEM SET max_wal_size = '8GB'`);
await admin.query(`ALTER SYSTEM SET checkpoint_timeout = '30min'`);
await admin.query(`ALTER SYSTEM SET synchronous_commit = 'off'`);
// PostgreSQL's default 128 MB of shared buffers is far below a server's: the indexes of the
// month being written (and the pages queries touch) belong in memory. Takes a restart.
const sharedBuffers = process.env.EVENTS_BENCH_SHARED_BUFFERS ?? '2GB';
const { rows: current } = await admin.query<{ value: string }>(
  `SELECT current_setting('shared_buffers') AS value`,
);
await admin.query(`ALTER SYSTEM SET shared_buffers = '${sharedBuffers}'`);
await admin.query('SELECT pg_reload_conf()');
await admin.end();
if (current[0]!.value !== sharedBuffers) {
  await server.stop();
  server = await startEmbeddedPostgres({ dataDir: dir, isEphemeral: false });
}
const pool = new pg.Pool({ connectionString: server.urlFor('bench'), max: 4 });
const rnd = (() => {
  let s = 42;
  return () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
})();
const sha = (b: Uint8Array) => new Uint8Array(createHash('sha256').update(b).digest());

try {
  await migrate(pool);
  const now = new Date();
  const start = monthsBefore(now, 24);
  await ensureEventPartitions(pool, monthsBefore(now, 25), 28);

  const q1 = async (sql: string, p: unknown[] = []) => (await pool.query<{ id: string }>(sql, p)).rows[0]!.id;
  type StaffRow = { pseudonym: string; keyId: string; id: string };
  type LockRow = { id: string; doorId: string; number: number; kind: string; propertyId: string };
  let m: string;
  let staff: StaffRow[];
  let locks: LockRow[];
  const kept = (
    await pool.query<{ id: string; records: string }>(
      `SELECT m.id, (SELECT count(*) FROM device_chain) AS records FROM municipality m WHERE m.code = 'bench'`,
    )
  ).rows[0];
  const isReused = kept !== undefined;
  if (isReused) {
    // Reused dataset (EVENTS_BENCH_DIR): forget the previous run's verified sample.
    m = kept.id;
    console.log('Reusing the generated dataset in', dir);
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
    staff = (
      await pool.query<StaffRow>(
        `SELECT s.pseudonym, k.id AS "keyId", s.id FROM staff_member s JOIN digital_key k ON k.holder_staff_member_id = s.id
         WHERE s.municipality_id = $1 ORDER BY s.pseudonym`,
        [m],
      )
    ).rows;
    locks = (
      await pool.query<LockRow>(
        `SELECT l.id, l.door_id AS "doorId", l.lock_number AS number, d.kind, d.property_id AS "propertyId"
         FROM lock_device l JOIN door d ON d.id = l.door_id WHERE l.municipality_id = $1 ORDER BY l.lock_number`,
        [m],
      )
    ).rows;
    if (locks.length !== lockCount + sampleLocks) throw new Error('kept dataset has another size');
  } else {
    // Registry: municipality, providers, staff with keys, doors with locks, customers with paths.
    console.log(
      `Registry: ${lockCount} locks, ${staffCount} staff, ${Math.floor(lockCount * 0.75)} customers…`,
    );
    m = await q1(`INSERT INTO municipality (code, name) VALUES ('bench', 'Benchkommun') RETURNING id`);
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
    staff = (
      await pool.query<{ pseudonym: string; keyId: string; id: string }>(
        `SELECT s.pseudonym, k.id AS "keyId", s.id FROM staff_member s JOIN digital_key k ON k.holder_staff_member_id = s.id
         WHERE s.municipality_id = $1 ORDER BY s.pseudonym`,
        [m],
      )
    ).rows;
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
    locks = (
      await pool.query<{ id: string; doorId: string; number: number; kind: string; propertyId: string }>(
        `SELECT l.id, l.door_id AS "doorId", l.lock_number AS number, d.kind, d.property_id AS "propertyId"
         FROM lock_device l JOIN door d ON d.id = l.door_id WHERE l.municipality_id = $1 ORDER BY l.lock_number`,
        [m],
      )
    ).rows;
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
        let prev = genesisHash;
        let t = start.getTime() / 1000 + rnd() * 3600;
        const step = span / perLock;
        let out = '';
        for (let s = 1; s <= perLock; s++) {
          t += step * (0.5 + rnd());
          const who = staff[Math.floor(rnd() * staff.length)]!;
          const refused = rnd() < 0.03;
          const record: EventRecord = {
            deviceId: deviceBytes,
            sequence: s,
            time: Math.floor(Math.min(t, now.getTime() / 1000 - 60)),
            kind: 'open-attempt',
            result: refused ? 'denied' : 'ok',
            reason: refused ? 'outside-time-window' : 'none',
            battery: 100 - Math.floor((s / perLock) * 60),
            keyId: uuidToBytes(who.keyId),
            staff: who.pseudonym,
            lock: lock.number,
            prev,
            blockListVersion: 1 + Math.floor(s / 100),
            verified: true,
          };
          const bytes = encodeEventRecord(record);
          prev = sha(bytes);
          const at = new Date(record.time * 1000);
          out += encodeCopyLine({
            municipalityId: m,
            deviceId,
            sequence: s,
            occurredAt: at,
            deviceTime: at,
            receivedAt: at,
            kind: 1,
            result: refused ? 1 : 0,
            reason: refused ? 14 : 0,
            battery: record.battery,
            keyId: who.keyId,
            staffPseudonym: who.pseudonym,
            lockNumber: lock.number,
            lockDeviceId: lock.id,
            doorId: lock.doorId,
            source: 'sync_station',
            record: bytes,
            blockListVersion: 1 + Math.floor(s / 100),
            verified: true,
          });
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

  if (process.env.EVENTS_BENCH_ONLY_LOAD) throw new Error('EVENTS_BENCH_ONLY_LOAD: dataset ready');

  // Verified ingest against raw COPY of the same rows: fresh locks with their own keys.
  const sample: Array<{ batch: Uint8Array; rows: DeviceEventRow[] }> = [];
  const sampleLockRows = locks.slice(lockCount, lockCount + sampleLocks);
  const nowS = Math.floor(now.getTime() / 1000) - 3600;
  for (const lock of sampleLockRows) {
    const pair = await generateSigningKeyPair();
    const deviceId = await q1(
      `INSERT INTO device_enrolment (municipality_id, kind, lock_device_id, public_jwk, enrolled_by)
       VALUES ($1, 'lock', $2, $3, 'bench') RETURNING id`,
      [m, lock.id, JSON.stringify(await exportPublicJwk(pair.publicKey))],
    );
    const deviceBytes = uuidToBytes(deviceId);
    let prev = genesisHash;
    const records: Uint8Array[] = [];
    const rows: DeviceEventRow[] = [];
    let who = staff[0]!;
    for (let s = 1; s <= perLock; s++) {
      // Staff open a customer's door twice, arriving and leaving (what visit derivation pairs).
      if (s % 2 === 1) who = staff[Math.floor(rnd() * staff.length)]!;
      const time = nowS - (perLock - s) * 60;
      const bytes = encodeEventRecord({
        deviceId: deviceBytes,
        sequence: s,
        time,
        kind: 'open-attempt',
        result: 'ok',
        reason: 'none',
        battery: 90,
        keyId: uuidToBytes(who.keyId),
        staff: who.pseudonym,
        lock: lock.number,
        prev,
        blockListVersion: 11,
        verified: true,
      });
      prev = sha(bytes);
      records.push(bytes);
      const at = new Date(time * 1000);
      rows.push({
        municipalityId: m,
        deviceId,
        sequence: s,
        occurredAt: at,
        deviceTime: at,
        receivedAt: now,
        kind: 1,
        result: 0,
        reason: 0,
        battery: 90,
        keyId: who.keyId,
        staffPseudonym: who.pseudonym,
        lockNumber: lock.number,
        lockDeviceId: lock.id,
        doorId: lock.doorId,
        source: 'sync_station',
        record: bytes,
        blockListVersion: 11,
        verified: true,
      });
    }
    const head = await signChainHead(
      { deviceId: deviceBytes, firstSequence: 1, sequence: perLock, hash: prev, time: nowS + 1 },
      pair.privateKey,
    );
    sample.push({ batch: encodeRecordBatch({ head, records }), rows });
    void bytesToUuid;
  }
  const sampleCount = sampleLocks * perLock;
  // Each measurement starts right after a checkpoint, so both pay the same full-page writes.
  await pool.query('CHECKPOINT');
  const raw = await pool.connect();
  await raw.query('BEGIN');
  const tRaw = performance.now();
  // The same rows in the same COPY format and chunks as verified ingest writes (binary, one
  // chunk per lock's batch), without any verification.
  const rawCopy = openEventCopy(raw);
  const rawWriter = new CopyBinaryWriter();
  for (const s of sample) {
    for (const row of s.rows) writeDeviceEventRow(rawWriter, row);
    await rawCopy.write(rawWriter.take());
  }
  await rawCopy.end();
  const rawSeconds = (performance.now() - tRaw) / 1000;
  await raw.query('ROLLBACK');
  raw.release();
  await pool.query('CHECKPOINT');
  // Verified ingest with visit derivation (the product's default) and without it, chunk by chunk
  // in turn so both see the same machine and the same table sizes (docs/visits.md "Derivation").
  const perCall = 10;
  let stored = 0;
  const seconds = { on: 0, off: 0 };
  const records = { on: 0, off: 0 };
  const setDerivation = (isOn: boolean) =>
    pool.query(
      `UPDATE municipality SET settings = settings || jsonb_build_object('deriveVisits', $2::boolean) WHERE id = $1`,
      [m, isOn],
    );
  for (let i = 0, chunk = 0; i < sample.length; i += perCall, chunk++) {
    const mode = chunk % 2 === 0 ? 'on' : 'off';
    await setDerivation(mode === 'on');
    const t = performance.now();
    const receipt = await ingestRecordBatches(
      pool,
      m,
      sample.slice(i, i + perCall).map((s) => s.batch),
      { kind: 'sync_station', deviceId: 'bench' },
    );
    seconds[mode] += (performance.now() - t) / 1000;
    if (receipt.findings.length > 0 || receipt.stored === 0) throw new Error(JSON.stringify(receipt));
    stored += receipt.stored;
    records[mode] += receipt.stored;
  }
  await setDerivation(true);
  if (stored !== sampleCount) throw new Error(`stored ${stored} of ${sampleCount}`);
  const rawPerS = sampleCount / rawSeconds;
  const ingestPerS = records.on / seconds.on;
  const withoutDerivationPerS = records.off / seconds.off;
  const visits = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM visit')).rows[0]!.n);
  console.log(
    `Sample of ${sampleCount} records: raw COPY ${Math.round(rawPerS)}/s, verified ingest ${Math.round(ingestPerS)}/s with visit derivation (${visits} visits), ${Math.round(withoutDerivationPerS)}/s without`,
  );

  // Queries: one month of a lock, a customer's visit list for a month, a staff member's month.
  const percentile = (xs: number[], p: number) =>
    xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
  const month = () => {
    const k = 1 + Math.floor(rnd() * 22);
    return { from: monthsBefore(now, k + 1), to: monthsBefore(now, k) };
  };
  const time = async (run: () => Promise<unknown>) => {
    const timings: number[] = [];
    for (let i = 0; i < queryRuns; i++) {
      const t = performance.now();
      await run();
      timings.push(performance.now() - t);
    }
    return { p50: percentile(timings, 0.5), p95: percentile(timings, 0.95) };
  };
  const customers = (await pool.query<{ id: string }>('SELECT id FROM customer ORDER BY random() LIMIT 500'))
    .rows;
  const lockMonth = await time(() => {
    const lock = locks[Math.floor(rnd() * lockCount)]!;
    return listEvents(pool, {
      municipalityId: m,
      subject: { kind: 'lock', id: lock.id },
      ...month(),
      limit: 500,
    });
  });
  const customerMonth = await time(() => {
    const c = customers[Math.floor(rnd() * customers.length)]!;
    const { from, to } = month();
    return buildRelativesVisitList(
      pool,
      { kind: 'municipality', municipalityId: m },
      c.id,
      { from: from.toISOString(), to: to.toISOString() },
      { now: to, settings: {} },
    );
  });
  const staffMonth = await time(() => {
    const who = staff[Math.floor(rnd() * staff.length)]!;
    return listEvents(pool, {
      municipalityId: m,
      subject: { kind: 'staff', id: who.id },
      ...month(),
      limit: 500,
    });
  });
  const fmt = (x: number) => Math.round(x * 100) / 100;
  console.log(
    `lock month p50 ${fmt(lockMonth.p50)} ms p95 ${fmt(lockMonth.p95)} ms; customer visit list p50 ${fmt(customerMonth.p50)} ms p95 ${fmt(customerMonth.p95)} ms; staff month p50 ${fmt(staffMonth.p50)} ms p95 ${fmt(staffMonth.p95)} ms`,
  );
  console.log(
    JSON.stringify({
      bench: 'events',
      records: lockCount * perLock + sampleCount,
      ingest_per_s: Math.round(ingestPerS),
      raw_copy_per_s: Math.round(rawPerS),
      ingest_ratio_vs_copy: fmt(ingestPerS / rawPerS),
      ingest_without_derivation_per_s: Math.round(withoutDerivationPerS),
      derivation_overhead: fmt(1 - ingestPerS / withoutDerivationPerS),
      lock_month_p95_ms: fmt(lockMonth.p95),
      customer_month_p95_ms: fmt(customerMonth.p95),
      staff_month_p95_ms: fmt(staffMonth.p95),
    }),
  );
} finally {
  await pool.end();
  await server.stop();
  if (!keptDir) await rm(dir, { recursive: true, force: true });
}
