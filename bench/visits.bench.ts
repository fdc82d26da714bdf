// `npm run bench -- visits`: a Stockholm-scale month of visit registration on the real product.
//   1. Two identical registries (bench/load-world.ts: 15,000 customers, 24,000 locks, 60
//      providers, 8,000 staff), one with visit derivation on (the product's default) and one
//      with it off, and a month of home care (bench/visits-world.ts: about 600,000 planned visits
//      and the lock records they leave).
//   2. Verified ingest of that month as locks hand their records over (every
//      VISITS_BENCH_HANDOVER_DAYS days, default 7, one signed batch per lock), through the same
//      use case the device gateway calls: real protocol records and SHA-256 chains, heads signed by
//      each lock's own P-256 key. Calls alternate between the two municipalities, so both see the
//      same machine and table sizes; `derivation_overhead` is 1 − (with ÷ without).
//   3. The real server (`portvakt start` on the same data dir): the compensation run for every
//      provider over HTTP, then a customer's month of visits (GET /api/v1/visits) from 4
//      concurrent clients.
// Ends with one JSON line. Removes its data dir, also on error.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import {
  encodeEventRecord,
  encodeRecordBatch,
  exportPublicJwk,
  generateSigningKeyPair,
  genesisHash,
  signChainHead,
  uuidToBytes,
} from '@portvakt/protocol';
import { createZoneClock, localMonthRange } from '@portvakt/core';
import { hashPassword, ingestRecordBatches } from '@portvakt/server';
import { ApiClient } from '@portvakt/server/testing';
import {
  ensureEventPartitions,
  insertMunicipality,
  insertRows,
  insertUser,
  migrate,
  openDatabase,
} from '@portvakt/storage';
import { buildLoadWorld, type LoadWorld, type Row } from './load-world';
import { startServerProcess, type ServerProcess } from './server-process';
import { buildVisitMonth, type Opening } from './visits-world';

const handoverDays = Number(process.env.VISITS_BENCH_HANDOVER_DAYS ?? 7);
// VISITS_BENCH_DAYS=n plans only the month's first n days (quicker, for working on derivation).
const plannedDays = Number(process.env.VISITS_BENCH_DAYS ?? 31);
const batchesPerCall = 100;
const readClients = 4;
const customerReads = 1_000;

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const step = (label: string) => {
  const start = performance.now();
  console.log(`${label}…`);
  return () => console.log(`  done in ${fmt((performance.now() - start) / 1000, 1)} s`);
};
const sha = (bytes: Uint8Array) => new Uint8Array(createHash('sha256').update(bytes).digest());
const rowsOf = (world: LoadWorld, table: string): Row[] => world.tables.find((t) => t.table === table)!.rows;

// The last whole month in Stockholm: it has ended, so the compensation run accepts it.
const clock = createZoneClock('Europe/Stockholm');
const nowLocal = new Date(clock.toLocal(Math.floor(Date.now() / 60_000)) * 60_000);
const previous = new Date(Date.UTC(nowLocal.getUTCFullYear(), nowLocal.getUTCMonth() - 1, 1));
const month = previous.toISOString().slice(0, 7);
const range = localMonthRange(month, clock);

const dataDir = await mkdtemp(join(tmpdir(), 'portvakt-bench-visits-'));
// Embedded PostgreSQL runs as an unprivileged user when the bench runs as root.
await chmod(dataDir, 0o755);
const secretKey = randomBytes(32).toString('base64');
const password = randomBytes(12).toString('base64url');
let server: ServerProcess | undefined;

interface Side {
  municipalityId: string;
  world: LoadWorld;
  /** Per lock index: its enrolment (the device id records carry). */
  deviceIds: string[];
  /** Per staff index: the hardware key they open with. */
  keyIds: string[];
  sequences: number[];
  prevs: Uint8Array[];
  seconds: number;
  records: number;
}

try {
  // ---- 1. registries, keys, lock enrolments, the month's plan ---------------------------------
  let done = step(`generating two Stockholm-scale registries and ${month}'s care plan`);
  const database = await openDatabase({ dataDir });
  const pool = database.pool;
  const sides: Record<'on' | 'off', Side> = {} as Record<'on' | 'off', Side>;
  let plan: ReturnType<typeof buildVisitMonth>;
  let derivedVisits = 0;
  try {
    await migrate(pool);
    const lockKeys: Array<{ pair: Awaited<ReturnType<typeof generateSigningKeyPair>>; jwk: string }> = [];
    for (const [mode, code, name] of [
      ['on', '0180', 'Stockholms stad'],
      ['off', '0999', 'Jämförelsekommun (utan besöksregistrering)'],
    ] as const) {
      const municipalityId = await insertMunicipality(pool, { code, name });
      if (mode === 'off')
        await pool.query(
          `UPDATE municipality SET settings = settings || '{"deriveVisits": false}' WHERE id = $1`,
          [municipalityId],
        );
      const world = buildLoadWorld(municipalityId, new Date());
      // Lock and key serials are unique across municipalities.
      for (const table of ['lock_device', 'digital_key'])
        for (const row of rowsOf(world, table)) row.serial = `${code}-${row.serial as string}`;
      for (const { table, rows } of world.tables) await insertRows(pool, table, rows);
      const staff = rowsOf(world, 'staff_member');
      const keys = staff.map((s, i) => ({
        id: randomUUID(),
        municipality_id: municipalityId,
        provider_id: s.provider_id,
        kind: 'hardware_key',
        serial: `VB-${code}-${i + 1}`,
        holder_staff_member_id: s.id,
      }));
      await insertRows(pool, 'digital_key', keys);
      const locks = rowsOf(world, 'lock_device');
      while (lockKeys.length < locks.length) {
        const pair = await generateSigningKeyPair();
        lockKeys.push({ pair, jwk: JSON.stringify(await exportPublicJwk(pair.publicKey)) });
      }
      const enrolments = locks.map((lock, i) => ({
        id: randomUUID(),
        municipality_id: municipalityId,
        kind: 'lock',
        lock_device_id: lock.id,
        public_jwk: lockKeys[i]!.jwk,
        enrolled_by: 'visits bench',
      }));
      await insertRows(pool, 'device_enrolment', enrolments);
      sides[mode] = {
        municipalityId,
        world,
        deviceIds: enrolments.map((e) => e.id),
        keyIds: keys.map((k) => k.id),
        sequences: locks.map(() => 0),
        prevs: locks.map(() => genesisHash),
        seconds: 0,
        records: 0,
      };
    }
    plan = buildVisitMonth(sides.on.world, range.from, clock, plannedDays);
    const customers = rowsOf(sides.on.world, 'customer');
    await insertRows(
      pool,
      'planned_visit',
      plan.planned.map((p, i) => ({
        municipality_id: sides.on.municipalityId,
        external_id: `PV-${i + 1}`,
        customer_id: customers[p.customer]!.id,
        provider_id: p.provider,
        services: p.services,
        planned_minutes: p.minutes,
        staff_count: p.staffCount,
        window_starts_at: new Date(p.windowStart),
        window_ends_at: new Date(p.windowEnd),
      })),
    );
    await insertRows(
      pool,
      'granted_time',
      plan.granted.map((g) => ({
        municipality_id: sides.on.municipalityId,
        customer_id: customers[g.customer]!.id,
        service: g.service,
        month: `${month}-01`,
        minutes: g.minutes,
      })),
    );
    await insertUser(pool, {
      municipalityId: sides.on.municipalityId,
      username: 'bench.admin',
      displayName: 'Bench admin',
      passwordHash: await hashPassword(password),
      role: 'municipality_admin',
    });
    await ensureEventPartitions(pool, new Date(range.from - 86_400_000), 3);
    await pool.query('ANALYZE');
    done();
    console.log(
      `  ${fmt(plan.planned.length)} planned visits, ${fmt(plan.openings)} openings (${fmt(plan.expectedVisits)} arrivals at apartment doors) at ${fmt(plan.openingsByLock.length)} locks`,
    );

    // ---- 2. the month handed over, with derivation and without, call by call in turn ----------
    done = step(`ingesting the month, handed over every ${handoverDays} days`);
    const bar = new SingleBar(
      {
        format: 'ingest [{bar}] {percentage}% {value}/{total} records | {eta}s',
        noTTYOutput: true,
        notTTYSchedule: 15_000,
      },
      Presets.shades_classic,
    );
    bar.start(plan.openings * 2, 0);
    const cursor = plan.openingsByLock.map(() => 0);
    const encodeBatch = async (side: Side, lock: number, openings: Opening[]) => {
      const world = side.world;
      const staff = rowsOf(world, 'staff_member');
      const lockNumber = rowsOf(world, 'lock_device')[lock]!.lock_number as number;
      const deviceId = uuidToBytes(side.deviceIds[lock]!);
      const first = side.sequences[lock]! + 1;
      const records = openings.map((o) => {
        const bytes = encodeEventRecord({
          deviceId,
          sequence: ++side.sequences[lock]!,
          time: o.time,
          kind: 'open-attempt',
          result: o.isDenied ? 'denied' : 'ok',
          reason: o.isDenied ? 'outside-time-window' : 'none',
          battery: 80,
          keyId: uuidToBytes(side.keyIds[o.staff]!),
          staff: staff[o.staff]!.pseudonym as string,
          lock: lockNumber,
          prev: side.prevs[lock]!,
          blockListVersion: 1,
          verified: true,
        });
        side.prevs[lock] = sha(bytes);
        return bytes;
      });
      const head = await signChainHead(
        {
          deviceId,
          firstSequence: first,
          sequence: side.sequences[lock]!,
          hash: side.prevs[lock]!,
          time: openings.at(-1)!.time + 60,
        },
        lockKeys[lock]!.pair.privateKey,
      );
      return encodeRecordBatch({ head, records });
    };
    let call = 0;
    let generateSeconds = 0;
    const lastOpening = Math.max(...plan.openingsByLock.map((list) => list.at(-1)?.time ?? 0)) * 1000;
    // Night visits of the month's last day end in the next month: the last handover takes them.
    for (let until = range.from + handoverDays * 86_400_000; ; until += handoverDays * 86_400_000) {
      const due: Array<{ lock: number; openings: Opening[] }> = [];
      for (const [lock, list] of plan.openingsByLock.entries()) {
        let end = cursor[lock]!;
        while (end < list.length && list[end]!.time * 1000 < until) end++;
        if (end > cursor[lock]!) due.push({ lock, openings: list.slice(cursor[lock], end) });
        cursor[lock] = end;
      }
      // Stations hand batches over in no particular lock order.
      due.sort((a, b) => ((a.lock * 7_919) % 10_007) - ((b.lock * 7_919) % 10_007));
      for (let i = 0; i < due.length; i += batchesPerCall, call++) {
        const chunk = due.slice(i, i + batchesPerCall);
        const order: Array<'on' | 'off'> = call % 2 === 0 ? ['on', 'off'] : ['off', 'on'];
        for (const mode of order) {
          const side = sides[mode];
          const tGenerate = performance.now();
          const batches = [];
          for (const { lock, openings } of chunk) batches.push(await encodeBatch(side, lock, openings));
          generateSeconds += (performance.now() - tGenerate) / 1000;
          const count = chunk.reduce((sum, c) => sum + c.openings.length, 0);
          const t = performance.now();
          const receipt = await ingestRecordBatches(
            pool,
            side.municipalityId,
            batches,
            { kind: 'sync_station', deviceId: 'visits-bench' },
            { now: new Date(until + 3_600_000) },
          );
          side.seconds += (performance.now() - t) / 1000;
          if (receipt.findings.length > 0 || receipt.stored !== count)
            throw new Error(`ingest: ${JSON.stringify(receipt).slice(0, 500)}`);
          side.records += count;
          bar.increment(count);
        }
      }
      if (until > lastOpening) break;
    }
    bar.stop();
    done();
    console.log(
      `  with derivation ${fmt(sides.on.records)} records in ${fmt(sides.on.seconds, 1)} s, without ${fmt(sides.off.records)} in ${fmt(sides.off.seconds, 1)} s (signing the batches as locks would: ${fmt(generateSeconds, 1)} s)`,
    );
    const { rows } = await pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM visit WHERE municipality_id = $1 AND superseded_at IS NULL',
      [sides.on.municipalityId],
    );
    derivedVisits = Number(rows[0]!.n);
    console.log(
      `  ${fmt(derivedVisits)} visits derived (${fmt(plan.expectedVisits)} arrivals at apartment doors)`,
    );
    if (derivedVisits !== plan.expectedVisits) throw new Error('derivation made another number of visits');
  } finally {
    await database.close();
  }
  const withPerS = sides.on.records / sides.on.seconds;
  const withoutPerS = sides.off.records / sides.off.seconds;

  // ---- 3. the real server: the month's run, then customers' months over HTTP -----------------
  done = step('starting the server (portvakt start) on the same data dir');
  server = await startServerProcess({ dataDir, secretKey });
  const admin = await new ApiClient(server.baseUrl).login('bench.admin', password);
  done();
  done = step(`compensation run for ${month}, every provider (POST /api/v1/compensation-runs)`);
  const tRun = performance.now();
  const run = await admin.post('/api/v1/compensation-runs', { month });
  const runSeconds = (performance.now() - tRun) / 1000;
  if (run.status !== 201) throw new Error(`run: ${run.status} ${JSON.stringify(run.body).slice(0, 500)}`);
  done();
  const runs = (run.body as { items: Array<{ providerId: string; totalAmountOre: number }> }).items;
  const total = runs.reduce((sum, r) => sum + r.totalAmountOre, 0) / 100;

  done = step(`a customer's month of visits, ${fmt(customerReads)} reads from ${readClients} clients`);
  const customers = rowsOf(sides.on.world, 'customer').filter((c) => c.apartment_door_id);
  const from = new Date(range.from).toISOString();
  const to = new Date(range.to).toISOString();
  const latencies: number[] = [];
  let visitsRead = 0;
  let issued = 0;
  await Promise.all(
    Array.from({ length: readClients }, async () => {
      while (issued < customerReads) {
        const customer = customers[(issued++ * 7_919) % customers.length]!;
        const t = performance.now();
        const page = await admin.get(
          `/api/v1/visits?customerId=${customer.id as string}&from=${from}&to=${to}&limit=500`,
        );
        latencies.push(performance.now() - t);
        if (page.status !== 200) throw new Error(`customer month: ${JSON.stringify(page.body)}`);
        visitsRead += (page.body as { items: unknown[] }).items.length;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const p95 = latencies[Math.floor(latencies.length * 0.95)]!;
  done();

  console.log(
    `ingest: ${fmt(withPerS)} records/s with visit derivation, ${fmt(withoutPerS)}/s without (${fmt(sides.on.records)} records each)
compensation run: ${runs.length} providers in ${fmt(runSeconds, 2)} s, ${fmt(total)} kr in total
customer month: p50 ${fmt(latencies[Math.floor(latencies.length / 2)]!, 2)} ms, p95 ${fmt(p95, 2)} ms (${fmt(visitsRead / customerReads, 1)} visits a month on average)`,
  );
  console.log(
    JSON.stringify({
      bench: 'visits',
      month,
      openings: sides.on.records,
      planned_visits: plan.planned.length,
      visits: derivedVisits,
      ingest_with_derivation_per_s: Math.round(withPerS),
      ingest_without_derivation_per_s: Math.round(withoutPerS),
      derivation_overhead: Number((1 - withPerS / withoutPerS).toFixed(3)),
      compensation_run_s: Number(runSeconds.toFixed(2)),
      customer_month_p95_ms: Number(p95.toFixed(2)),
    }),
  );
} finally {
  await server?.stop();
  // VISITS_BENCH_KEEP=1 keeps the data dir (to profile the run or queries on the same month).
  if (process.env.VISITS_BENCH_KEEP) console.log(`kept ${dataDir}`);
  else await rm(dataDir, { recursive: true, force: true });
}
