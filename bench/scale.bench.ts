// `npm run bench -- scale` (issue #16 item 6): the same mixed HTTP load against one server process
// and against two (`portvakt start --workers 1`, then `--workers 2`: Node's cluster module, one
// port) on one PostgreSQL, the embedded one in the same data dir, on this machine. The registry
// is the load bench's (bench/load-world.ts: 24,000 locks, 8,000 staff), and so are the driver and
// the activation fleet (bench/load-driver.ts). Each of SCALE_BENCH_CLIENTS (32) clients sends one
// request after another, turning through four kinds so every moment has all four in flight:
//   - an activation (POST /device/activate): its key's and the box's signed request, prepared
//     before the phase as their chips would sign it; every ticket answered is verified and
//     installed by its key afterwards;
//   - who-can-open (GET /customers/:id/who-can-open) for a random customer;
//   - a record upload (POST /device/records): the next batch of 10 open-attempt records of the
//     client's own enrolled lock, chained and with a head signed by the lock's key, uploaded by
//     the box; each must be stored whole with no finding;
//   - a list read (GET /customers, one page of 50).
// A phase lasts SCALE_BENCH_SECONDS (20) or until every prepared request was sent, after a short
// warm-up that lets every process build its permission index. Any answer other than the expected
// one is an error. Progress goes to stderr; the result is one JSON line on stdout. Stops the
// servers and PostgreSQL and removes the data dir, also on error.
import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpIssuerGateway, type SignedDeviceRequest } from '@portvakt/devices';
import {
  encodeEventRecord,
  encodeRecordBatch,
  genesisHash,
  signChainHead,
  uuidToBytes,
} from '@portvakt/protocol';
import { ApiClient } from '@portvakt/server/testing';
import { enrolDevice } from '../tests/e2e/devices.testing';
import {
  createLoadClient,
  drive,
  enrolActivationFleet,
  fmt,
  loadRegistry,
  percentile,
  prepareActivation,
  readCookieHeader,
  step,
  type ActivationFleet,
  type PhaseResult,
} from './load-driver';
import type { LoadWorld, Row } from './load-world';
import { startServerProcess, type ServerProcess } from './server-process';

const phaseSeconds = Number(process.env.SCALE_BENCH_SECONDS ?? 20);
const clients = Number(process.env.SCALE_BENCH_CLIENTS ?? 32);
/** Rounds of the four kinds each client may send in a phase (prepared ahead): a cap, not a goal. */
const roundsPerClient = Number(process.env.SCALE_BENCH_ROUNDS ?? 60);
const warmUpRounds = 3;
const recordsPerBatch = 10;
const workerCounts = ['1', '2'] as const;
const kinds = ['activation', 'who-can-open', 'record upload', 'list read'] as const;
type Kind = (typeof kinds)[number];

const log = (line: string) => process.stderr.write(`${line}\n`);
const sha = (bytes: Uint8Array) => new Uint8Array(createHash('sha256').update(bytes).digest());
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const rowsOf = (world: LoadWorld, table: string): Row[] => world.tables.find((t) => t.table === table)!.rows;

/** A lock enrolled through the API whose record chain the bench writes as the lock would. */
interface BenchLock {
  id: Uint8Array;
  number: number;
  privateKey: CryptoKey;
  /** Record `n` is written at `timeBase + n`: times rise along the chain and stay in the past. */
  timeBase: number;
  /** The chain as the server has it: the last sequence and hash sent. */
  sequence: number;
  prev: Uint8Array;
}

/** One prepared upload and the lock's chain after it (kept only once the upload was sent). */
interface PreparedUpload {
  signed: SignedDeviceRequest;
  sequence: number;
  prev: Uint8Array;
}

const dataDir = await mkdtemp(join(tmpdir(), 'portvakt-bench-scale-'));
// Embedded PostgreSQL runs as an unprivileged user when the bench runs as root.
await chmod(dataDir, 0o755);
const secretKey = randomBytes(32).toString('base64');
const startedAt = performance.now();
let server: ServerProcess | undefined;

/** The next `count` batches of lock `lock`'s chain, each uploaded by the box in its own request. */
async function prepareUploads(
  fleet: ActivationFleet,
  lock: BenchLock,
  staff: Row[],
  count: number,
): Promise<PreparedUpload[]> {
  const uploads: PreparedUpload[] = [];
  let { sequence, prev } = lock;
  for (let u = 0; u < count; u++) {
    const first = sequence + 1;
    const records: Uint8Array[] = [];
    for (let r = 0; r < recordsPerBatch; r++) {
      const holder = staff[(sequence * 31) % staff.length]!;
      const bytes = encodeEventRecord({
        deviceId: lock.id,
        sequence: ++sequence,
        time: lock.timeBase + sequence,
        kind: 'open-attempt',
        result: 'ok',
        reason: 'none',
        battery: 80,
        keyId: uuidToBytes(holder.id as string),
        staff: holder.pseudonym as string,
        lock: lock.number,
        prev,
        blockListVersion: 1,
        verified: true,
      });
      prev = sha(bytes);
      records.push(bytes);
    }
    const head = await signChainHead(
      { deviceId: lock.id, firstSequence: first, sequence, hash: prev, time: lock.timeBase + sequence },
      lock.privateKey,
    );
    const batch = encodeRecordBatch({ head, records });
    uploads.push({
      signed: await fleet.gateway.signRequest('/api/v1/device/records', { batches: [b64(batch)] }),
      sequence,
      prev,
    });
  }
  return uploads;
}

interface RunResult {
  workers: string;
  phase: PhaseResult;
  byKind: Map<Kind, { count: number; errors: number; latencies: number[] }>;
  refusals: Map<string, number>;
}

try {
  // ---- 1. the registry, written straight into the database the servers will open -----------
  let done = step(`generating and loading the registry into ${dataDir}`, log);
  const { world, password } = await loadRegistry(dataDir, { log });
  done();
  const staff = rowsOf(world, 'staff_member');
  const lockRows = rowsOf(world, 'lock_device');

  let fleet: ActivationFleet | undefined;
  const locks: BenchLock[] = [];
  const runs: RunResult[] = [];

  for (const workers of workerCounts) {
    done = step(`starting the server: portvakt start --workers ${workers}`, log);
    server = await startServerProcess({ dataDir, secretKey, workers });
    const baseUrl = server.baseUrl;
    const admin = await new ApiClient(baseUrl).login('bench.admin', password);
    done();

    if (!fleet) {
      // ---- 2. once: a box, one key per client with a PIN, one lock per client ----------------
      done = step(`enrolling an activation box, ${clients} keys with PINs and ${clients} locks`, log);
      fleet = await enrolActivationFleet(admin, baseUrl, world, clients);
      for (let i = 0; i < clients; i++) {
        const row = lockRows[(i * 7_919) % lockRows.length]!;
        const enrolled = await enrolDevice(admin, { kind: 'lock', lockId: row.id });
        if (enrolled.response.status !== 201)
          throw new Error(`lock: ${JSON.stringify(enrolled.response.body)}`);
        locks.push({
          id: uuidToBytes(row.id as string),
          number: enrolled.response.body.lockNumber as number,
          privateKey: enrolled.keyPair.privateKey,
          timeBase: Math.floor(Date.now() / 1000) - 1_800,
          sequence: 0,
          prev: genesisHash,
        });
      }
      done();
    }
    const keys = fleet.keys;

    // ---- 3. the requests the devices sign ahead, for the warm-up and the phase ---------------
    const rounds = warmUpRounds + roundsPerClient;
    done = step(`the keys, the locks and the box sign ${rounds} activations and uploads each`, log);
    const activations: SignedDeviceRequest[][] = [];
    const uploads: PreparedUpload[][] = [];
    for (let c = 0; c < clients; c++) {
      const mine: SignedDeviceRequest[] = [];
      for (let r = 0; r < rounds; r++) mine.push(await prepareActivation(fleet, c));
      activations.push(mine);
      uploads.push(await prepareUploads(fleet, locks[c]!, staff, rounds));
    }
    done();

    // ---- 4. the mixed load ------------------------------------------------------------------
    const http = createLoadClient(baseUrl, { cookieHeader: readCookieHeader(admin), maxSockets: clients });
    const answers: string[][] = keys.map(() => []);
    const refusals = new Map<string, number>();
    const refuse = (reason: string) => refusals.set(reason, (refusals.get(reason) ?? 0) + 1);
    const byKind = new Map(kinds.map((kind) => [kind, { count: 0, errors: 0, latencies: [] as number[] }]));
    const sent = new Array<number>(clients).fill(0);
    const send = async (kind: Kind, c: number): Promise<boolean> => {
      switch (kind) {
        case 'activation': {
          const { status, body } = await http.send(activations[c]!.shift()!);
          if (status === 200) answers[c]!.push(body);
          else refuse(`activation ${status} ${body.slice(0, 120)}`);
          return status === 200;
        }
        case 'who-can-open': {
          const customer = world.customerIds[Math.floor(Math.random() * world.customerIds.length)];
          const status = await http.get(`/api/v1/customers/${customer}/who-can-open`);
          if (status !== 200) refuse(`who-can-open ${status}`);
          return status === 200;
        }
        case 'record upload': {
          const upload = uploads[c]!.shift()!;
          const { status, body } = await http.send(upload.signed);
          // Sent: the server has the chain up to here whatever it answered.
          locks[c]!.sequence = upload.sequence;
          locks[c]!.prev = upload.prev;
          const receipt =
            status === 200 ? (JSON.parse(body) as { stored: number; findings: unknown[] }) : undefined;
          if (receipt?.stored === recordsPerBatch && receipt.findings.length === 0) return true;
          refuse(`record upload ${status} ${body.slice(0, 160)}`);
          return false;
        }
        case 'list read': {
          const status = await http.get('/api/v1/customers?limit=50');
          if (status !== 200) refuse(`list read ${status}`);
          return status === 200;
        }
      }
    };
    /** Client `n % clients` sends its next kind; clients start at different kinds. */
    const sendNext = (isMeasured: boolean) => async (n: number) => {
      const c = n % clients;
      const turn = sent[c]!;
      sent[c] = turn + 1;
      const kind = kinds[(turn + c) % kinds.length]!;
      const start = performance.now();
      const isOk = await send(kind, c);
      if (isMeasured) {
        const counts = byKind.get(kind)!;
        counts.count++;
        if (!isOk) counts.errors++;
        counts.latencies.push(performance.now() - start);
      }
      return isOk;
    };

    done = step(`warming up: ${warmUpRounds} rounds of the four kinds from ${clients} clients`, log);
    const warmUp = await drive(
      {
        clients,
        maxRequests: clients * warmUpRounds * kinds.length,
        maxPerClient: warmUpRounds * kinds.length,
        seconds: 60,
        serverPid: server.pid,
      },
      sendNext(false),
    );
    if (warmUp.errors > 0) throw new Error(`warm-up: ${JSON.stringify(Object.fromEntries(refusals))}`);
    done();

    done = step(`mixed load, --workers ${workers}: ${clients} clients, ${phaseSeconds} s`, log);
    const phase = await drive(
      {
        clients,
        maxRequests: clients * roundsPerClient * kinds.length,
        maxPerClient: roundsPerClient * kinds.length,
        seconds: phaseSeconds,
        serverPid: server.pid,
      },
      sendNext(true),
    );
    done();
    log(`  ${fmt(phase.count)} requests, ${fmt(phase.perSecond)}/s, ${phase.errors} errors`);

    done = step('each key verifies and installs the tickets it got', log);
    for (const [i, key] of keys.entries()) {
      for (const body of answers[i]!) {
        try {
          await key.installCredentials(HttpIssuerGateway.credentials(JSON.parse(body)));
        } catch (error) {
          phase.errors++;
          refuse(`ticket refused by its key: ${(error as Error).message}`);
        }
      }
    }
    done();
    http.destroy();
    runs.push({ workers, phase, byKind, refusals });

    done = step(`stopping --workers ${workers}`, log);
    await server.stop();
    server = undefined;
    done();
  }

  // ---- 5. report --------------------------------------------------------------------------------
  const [one, two] = runs as [RunResult, RunResult];
  const ms = (values: number[], p: number) => Number(percentile(values, p).toFixed(1));
  for (const run of runs) {
    log(
      `\n--workers ${run.workers}: ${fmt(run.phase.perSecond)} requests/s over ${fmt(run.phase.seconds, 1)} s`,
    );
    for (const [kind, counts] of run.byKind) {
      counts.latencies.sort((a, b) => a - b);
      log(
        `  ${kind.padEnd(14)} ${fmt(counts.count / run.phase.seconds).padStart(6)}/s  p50 ${fmt(percentile(counts.latencies, 50), 1)} ms  p99 ${fmt(percentile(counts.latencies, 99), 1)} ms  errors ${counts.errors}`,
      );
    }
    log(
      `  server CPU per request ${fmt(run.phase.cpu.serverMs, 2)} ms, database ${fmt(run.phase.cpu.databaseMs, 2)} ms, bench ${fmt(run.phase.cpu.benchMs, 2)} ms`,
    );
    for (const [reason, count] of run.refusals) log(`  error: ${reason} ×${count}`);
  }
  const perKind = (run: RunResult) =>
    Object.fromEntries(
      [...run.byKind].map(([kind, counts]) => [
        kind.replace(/ /g, '_').replace(/-/g, '_'),
        Math.round(counts.count / run.phase.seconds),
      ]),
    );
  console.log(
    JSON.stringify({
      bench: 'scale',
      rps_1: Math.round(one.phase.perSecond),
      rps_2: Math.round(two.phase.perSecond),
      scaling: Number((two.phase.perSecond / one.phase.perSecond).toFixed(2)),
      p99_ms_1: ms(one.phase.latencies, 99),
      p99_ms_2: ms(two.phase.latencies, 99),
      p50_ms_1: ms(one.phase.latencies, 50),
      p50_ms_2: ms(two.phase.latencies, 50),
      errors: one.phase.errors + two.phase.errors,
      requests_1: one.phase.count,
      requests_2: two.phase.count,
      per_kind_rps_1: perKind(one),
      per_kind_rps_2: perKind(two),
      server_cpu_ms_1: Number(one.phase.cpu.serverMs.toFixed(2)),
      server_cpu_ms_2: Number(two.phase.cpu.serverMs.toFixed(2)),
      concurrency: clients,
      phase_s: phaseSeconds,
      duration_s: Math.round((performance.now() - startedAt) / 1000),
    }),
  );
} finally {
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
}
