// Event log: verified ingest against raw COPY of the same rows (same run, same table), and query
// latency on a generated two-year dataset (EVENTS_BENCH_RECORDS, default 20 million) in its own
// embedded PostgreSQL. Records are real protocol records (deterministic CBOR, SHA-256 chains);
// the verified sample's batches carry chain heads signed by each lock's own P-256 key, as real
// locks sign one head per hand-over. Verified ingest is measured with visit derivation on and off,
// chunk by chunk in turn. Ends with one JSON line.
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bytesToUuid,
  encodeRecordBatch,
  exportPublicJwk,
  generateSigningKeyPair,
  genesisHash,
  signChainHead,
  uuidToBytes,
} from '@portvakt/protocol';
import {
  CopyBinaryWriter,
  openEventCopy,
  writeDeviceEventRow,
  ensureEventPartitions,
  listEvents,
  migrate,
  monthsBefore,
  startEmbeddedPostgres,
  type DeviceEventRow,
} from '@portvakt/storage';
import pg from 'pg';
import { ingestRecordBatches } from '@portvakt/server';
import { buildRelativesVisitList } from '@portvakt/server/testing';
import { buildOpeningRecord, insertReturningId, loadEventsWorld } from './events-world';

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

try {
  await migrate(pool);
  const now = new Date();
  const start = monthsBefore(now, 24);
  await ensureEventPartitions(pool, monthsBefore(now, 25), 28);
  const {
    municipalityId: m,
    staff,
    locks,
  } = await loadEventsWorld(pool, { lockCount, perLock, staffCount, sampleLocks }, { start, now }, rnd);

  if (process.env.EVENTS_BENCH_ONLY_LOAD) throw new Error('EVENTS_BENCH_ONLY_LOAD: dataset ready');

  // Verified ingest against raw COPY of the same rows: fresh locks with their own keys.
  const sample: Array<{ batch: Uint8Array; rows: DeviceEventRow[] }> = [];
  const sampleLockRows = locks.slice(lockCount, lockCount + sampleLocks);
  const nowS = Math.floor(now.getTime() / 1000) - 3600;
  for (const lock of sampleLockRows) {
    const pair = await generateSigningKeyPair();
    const deviceId = await insertReturningId(
      pool,
      `INSERT INTO device_enrolment (municipality_id, kind, lock_device_id, public_jwk, enrolled_by)
       VALUES ($1, 'lock', $2, $3, 'bench') RETURNING id`,
      [m, lock.id, JSON.stringify(await exportPublicJwk(pair.publicKey))],
    );
    const deviceBytes = uuidToBytes(deviceId);
    const lockOpening = { municipalityId: m, device: { id: deviceId, bytes: deviceBytes }, lock };
    let prev: Uint8Array = genesisHash;
    const records: Uint8Array[] = [];
    const rows: DeviceEventRow[] = [];
    let who = staff[0]!;
    for (let s = 1; s <= perLock; s++) {
      // Staff open a customer's door twice, arriving and leaving (what visit derivation pairs).
      if (s % 2 === 1) who = staff[Math.floor(rnd() * staff.length)]!;
      const opening = buildOpeningRecord({
        ...lockOpening,
        who,
        sequence: s,
        time: nowS - (perLock - s) * 60,
        isRefused: false,
        battery: 90,
        blockListVersion: 11,
        prev,
        receivedAt: now,
      });
      prev = opening.hash;
      records.push(opening.bytes);
      rows.push(opening.row);
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
  const visits = Number(
    (await pool.query<{ n: string }>('SELECT count(*) AS n FROM visit WHERE superseded_at IS NULL')).rows[0]!
      .n,
  );
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
