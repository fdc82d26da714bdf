// `npm run bench -- load`: the real server (a child process running `portvakt start` on the
// embedded PostgreSQL in a temporary data dir) with a generated Stockholm-scale registry (24,000
// locks, 8,000 staff; bench/load-world.ts), driven over HTTP on loopback only. Four phases, each
// bounded in requests and seconds:
//   1. who-can-open (GET /customers/:id/who-can-open) from 16 concurrent clients, random customers;
//   2. the customer list (GET /customers, one page) from 16 clients: the peer and ratio baseline;
//   3. 64 concurrent activations (POST /device/activate) by 64 simulated hardware keys at one
//      simulated activation box, each request signed by the key and the box as in production
//      (both sign before the phase, as their own chips would, and the phase sends the prepared
//      requests like a load generator; afterwards every key verifies and installs its tickets);
//   4. 64 phones asking for their door lists (POST /device/doors), the phone app's regular contact
//      (every two minutes per open phone: docs/phone-app.md), signed ahead like the activations.
// Ends with one JSON line. Stops the server, its PostgreSQL and removes the data dir, also on error.
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpIssuerGateway, type SignedDeviceRequest } from '@portvakt/devices';
import { ApiClient } from '@portvakt/server/testing';
import {
  createLoadClient,
  drive as driveFor,
  enrolActivationFleet,
  fmt,
  pickHolders,
  loadRegistry,
  percentile,
  prepareActivation,
  readCookieHeader,
  step,
} from './load-driver';
import { profileWhoCanOpen } from './load-profile';
import { enrolPhoneFleet, prepareDoorListRequest } from './phone-fleet';
import { startServerProcess, type ServerProcess } from './server-process';

const phaseSeconds = Number(process.env.LOAD_BENCH_SECONDS ?? 10);
const readClients = 16;
const activationClients = 64;
const maxReadRequests = 50_000;
const activationsPerKey = 15;
const phoneClients = 64;
const doorListsPerPhone = 200;
/** How often an open phone asks for its door list (web/src/phone-app/issuer-contact.ts). */
const phoneContactSeconds = 120;
// `portvakt start --workers N`: by default one server process per processor, as an operator
// would run it on this machine (docs/operations.md "Several server processes").
const serverWorkers = process.env.LOAD_BENCH_WORKERS ?? '1';

const dataDir = await mkdtemp(join(tmpdir(), 'portvakt-bench-load-'));
// Embedded PostgreSQL runs as an unprivileged user when the bench runs as root.
await chmod(dataDir, 0o755);
const secretKey = randomBytes(32).toString('base64');
let server: ServerProcess | undefined;

try {
  // ---- 1. the registry, written straight into the database the server will open -------------
  let done = step(`generating and loading the registry into ${dataDir}`);
  const { world, password, extra } = await loadRegistry(dataDir, {
    whileOpen: (pool, { municipalityId, world }) =>
      profileWhoCanOpen(pool, municipalityId, world.customerIds),
  });
  const profile = extra!;
  done();
  console.log(
    `profile of one who-can-open answer (this process, 200 customers, on average ${fmt(profile.openers, 1)} allowed staff over the locks of one):
  facts load ${fmt(profile.loadMs)} ms and index build ${fmt(profile.buildMs)} ms, once per change of the facts
  database round trips before (version, customer, access path) ${fmt(profile.queryMs, 2)} ms, now (one) ${fmt(profile.queryNowMs, 2)} ms
  the answer as before (every candidate explained, names by linear search) ${fmt(profile.beforeMs, 2)} ms
  the answer now (whoCanOpen over the index's reverse edges) ${fmt(profile.nowMs, 3)} ms (${fmt(profile.beforeMs / profile.nowMs)}× less)`,
  );

  // ---- 2. the real server, as `portvakt start` runs it (with its Node flags) -------------------
  done = step(`starting the server: portvakt start --workers ${serverWorkers}`);
  // LOAD_BENCH_PROFILE=dir writes the server's CPU profile there (open it in Chrome's DevTools).
  const profileDir = process.env.LOAD_BENCH_PROFILE;
  server = await startServerProcess({
    dataDir,
    secretKey,
    workers: serverWorkers,
    nodeFlags: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  });
  const baseUrl = server.baseUrl;
  done();

  // ---- 3. an activation box and 64 keys with PINs, enrolled through the API ------------------
  done = step(`enrolling an activation box and ${activationClients} keys with PINs`);
  const admin = await new ApiClient(baseUrl).login('bench.admin', password);
  const fleet = await enrolActivationFleet(admin, baseUrl, world, activationClients);
  const keys = fleet.keys;
  done();

  // ---- 4. load phases ---------------------------------------------------------------------------
  const reads = createLoadClient(baseUrl, { cookieHeader: readCookieHeader(admin), maxSockets: readClients });
  const get = reads.get;
  /** `clients` loops, each sending one request after another, until the count or time is up. */
  const drive = (clients: number, maxRequests: number, send: (n: number) => Promise<boolean>) =>
    driveFor({ clients, maxRequests, seconds: phaseSeconds, serverPid: server?.pid }, send);

  const whoCanOpen = (n: number) =>
    get(`/api/v1/customers/${world.customerIds[(n * 7_919) % world.customerIds.length]}/who-can-open`).then(
      (status) => status === 200,
    );
  done = step('warming up (the first request builds the permission index)');
  for (let i = 0; i < 50; i++) await whoCanOpen(i);
  for (let i = 0; i < 20; i++) await get('/api/v1/customers?limit=50');
  done();

  // One client alone first: the cost of one request without queueing behind others.
  const whoAlone = await drive(1, 200, whoCanOpen);
  const listAlone = await drive(1, 200, () => get('/api/v1/customers?limit=50').then((s) => s === 200));

  done = step(`who-can-open: ${readClients} clients, ${phaseSeconds} s`);
  const who = await drive(readClients, maxReadRequests, whoCanOpen);
  done();
  done = step(`customer list (peer): ${readClients} clients, ${phaseSeconds} s`);
  const list = await drive(readClients, maxReadRequests, () =>
    get(`/api/v1/customers?limit=50`).then((status) => status === 200),
  );
  done();

  const refusals = new Map<string, number>();
  const refuse = (reason: string) => refusals.set(reason, (refusals.get(reason) ?? 0) + 1);
  const prepareRequest = (i: number): Promise<SignedDeviceRequest> => prepareActivation(fleet, i);
  const activationClient = createLoadClient(baseUrl, { maxSockets: activationClients });
  const send = activationClient.send;
  const prepared: SignedDeviceRequest[][] = keys.map(() => []);
  const answers: string[][] = keys.map(() => []);
  /** Key `i`'s prepared request goes through the box to the server; the answer is kept for checking. */
  const activate = async (i: number): Promise<boolean> => {
    const { status, body } = await send(prepared[i]!.shift() ?? (await prepareRequest(i)));
    if (status === 200) {
      answers[i]!.push(body);
      return true;
    }
    refuse(
      status === 0 ? `no answer (${body})` : `${status} ${(JSON.parse(body) as { code?: string }).code}`,
    );
    return false;
  };
  // One activation alone first, so a failure under load is told apart from one that always fails.
  const aloneStart = performance.now();
  const isAloneOk = await activate(0);
  console.log(
    `one activation alone: ${isAloneOk ? 'ok' : `FAILED (${[...refusals.keys()].join(', ')})`} in ${fmt(performance.now() - aloneStart)} ms`,
  );
  refusals.clear();
  answers[0]!.length = 0;
  done = step(`the keys and the box sign ${activationClients * (activationsPerKey + 1)} activation requests`);
  // One more than the phase needs: the first-contact round takes one each.
  for (let round = 0; round <= activationsPerKey; round++) {
    for (let i = 0; i < activationClients; i++) prepared[i]!.push(await prepareRequest(i));
  }
  done();
  // First contact: each of the 64 boxes' connections opens with one activation, all at once.
  // Reported on its own: a new connection costs more than the ones after it, and a load
  // generator's warm-up round keeps that out of the steady rush it measures.
  done = step(`first contact: ${activationClients} activations at once on new connections`);
  const firstContact = await Promise.all(
    keys.map(async (_, i) => {
      const sent = performance.now();
      const isOk = await activate(i);
      return { isOk, ms: performance.now() - sent };
    }),
  );
  const firstContactMs = firstContact.map((r) => r.ms).sort((a, b) => a - b);
  const firstContactErrors = firstContact.filter((r) => !r.isOk).length;
  done();
  done = step(
    `activations: ${activationClients} keys at once, ${phaseSeconds} s or ${activationsPerKey} each`,
  );
  const activations = await drive(activationClients, activationClients * activationsPerKey, (n) =>
    activate(n % activationClients),
  );
  done();
  // Every ticket must be one its key takes: issued for it, signed by the issuer, with a block list.
  done = step('each key verifies and installs the tickets it got');
  let unusable = 0;
  for (const [i, key] of keys.entries()) {
    for (const body of answers[i]!) {
      try {
        await key.installCredentials(HttpIssuerGateway.credentials(JSON.parse(body)));
      } catch (error) {
        unusable++;
        refuse(`ticket refused by its key: ${(error as Error).message}`);
      }
    }
  }
  activations.errors += unusable + firstContactErrors;
  done();

  done = step(`enrolling ${phoneClients} phones, each logged in for the shift by its holder`);
  const phones = await enrolPhoneFleet(admin, baseUrl, pickHolders(world, activationClients, phoneClients));
  const phoneClient = createLoadClient(baseUrl, { maxSockets: phoneClients });
  done();
  done = step(`the phones sign ${phoneClients * doorListsPerPhone} door-list requests`);
  const doorRequests: SignedDeviceRequest[][] = [];
  for (const phone of phones) {
    const prepared: SignedDeviceRequest[] = [];
    for (let i = 0; i < doorListsPerPhone; i++) prepared.push(await prepareDoorListRequest(phone));
    doorRequests.push(prepared);
  }
  done();
  const doorListRefusals = new Map<string, number>();
  let doorsAnswered = 0;
  /** Phone `i`'s next prepared request; an answer counts when it is a door list. */
  const askDoors = async (i: number): Promise<boolean> => {
    const { status, body } = await phoneClient.send(doorRequests[i]!.shift()!);
    const doors = status === 200 ? (JSON.parse(body) as { doors?: unknown[] }).doors : undefined;
    if (doors) {
      doorsAnswered += doors.length;
      return true;
    }
    const reason = status === 0 ? `no answer (${body})` : `${status} ${body.slice(0, 80)}`;
    doorListRefusals.set(reason, (doorListRefusals.get(reason) ?? 0) + 1);
    return false;
  };
  done = step(
    `phone door lists: ${phoneClients} phones at once, ${phaseSeconds} s or ${doorListsPerPhone} each`,
  );
  const doorLists = await driveFor(
    {
      clients: phoneClients,
      maxRequests: phoneClients * doorListsPerPhone,
      maxPerClient: doorListsPerPhone,
      seconds: phaseSeconds,
      serverPid: server.pid,
    },
    (n) => askDoors(n % phoneClients),
  );
  done();
  // Requests still hanging when the phase ended are errors too (the outage of issue #9 item 2).
  const health = await Promise.race([
    get('/api/v1/health'),
    new Promise<number>((resolve) => setTimeout(() => resolve(0), 5_000).unref()),
  ]);

  // ---- 5. report -------------------------------------------------------------------------------
  const ms = (values: number[], p: number) => `${fmt(percentile(values, p), 1)} ms`;
  const rows: [string, string, string][] = [
    ['who-can-open/s', fmt(who.perSecond), `${fmt(who.count)} requests, ${who.errors} errors`],
    [
      'who-can-open p50 / p95 / p99',
      `${ms(who.latencies, 50)} / ${ms(who.latencies, 95)}`,
      ms(who.latencies, 99),
    ],
    ['customer list/s (peer)', fmt(list.perSecond), `${fmt(list.count)} requests, ${list.errors} errors`],
    ['customer list p50 / p95', `${ms(list.latencies, 50)} / ${ms(list.latencies, 95)}`, ''],
    [
      'one client alone: p50 who / list',
      `${ms(whoAlone.latencies, 50)} / ${ms(listAlone.latencies, 50)}`,
      '',
    ],
    ['who-can-open vs list', `${fmt(who.perSecond / list.perSecond, 2)}×`, 'throughput ratio, same run'],
    [
      'activations/s',
      fmt(activations.perSecond, 1),
      `${fmt(activations.count)} activations, ${activationClients} at once`,
    ],
    ['activation p50 / p99', `${ms(activations.latencies, 50)} / ${ms(activations.latencies, 99)}`, ''],
    [
      'first contact p50 / max',
      `${ms(firstContactMs, 50)} / ${ms(firstContactMs, 100)}`,
      `${activationClients} at once on new connections, before the phase`,
    ],
    [
      'activation errors',
      String(activations.errors),
      [...refusals].map(([reason, count]) => `${reason}: ${count}`).join(', '),
    ],
    [
      'phone door lists/s',
      fmt(doorLists.perSecond),
      `${fmt(doorLists.count)} requests, ${doorLists.errors} errors, ${fmt(doorsAnswered / Math.max(1, doorLists.count - doorLists.errors), 1)} doors each`,
    ],
    ['door list p50 / p95', `${ms(doorLists.latencies, 50)} / ${ms(doorLists.latencies, 95)}`, ''],
    [
      'door lists vs customer list',
      `${fmt(doorLists.perSecond / list.perSecond, 2)}×`,
      'throughput ratio, same run',
    ],
    [
      'open phones at one contact/2 min',
      fmt(doorLists.perSecond * phoneContactSeconds),
      [...doorListRefusals].map(([reason, count]) => `${reason}: ${count}`).join(', '),
    ],
    ['CPU ms per request', 'server / database / bench', ''],
    ...[
      ['  who-can-open', who],
      ['  customer list', list],
      ['  activation', activations],
      ['  phone door list', doorLists],
    ].map(([name, phase]) => {
      const { cpu } = phase as typeof who;
      return [
        name as string,
        `${fmt(cpu.serverMs, 2)} / ${fmt(cpu.databaseMs, 2)} / ${fmt(cpu.benchMs, 2)}`,
        '',
      ] as [string, string, string];
    }),
    ['health after the load', String(health), ''],
  ];
  console.log('');
  for (const [name, value, note] of rows) console.log(`${name.padEnd(30)} ${value.padStart(22)}   ${note}`);
  const whoP95 = percentile(who.latencies, 95);
  const activationP99 = percentile(activations.latencies, 99);
  console.log(
    `\ngoals: who-can-open p95 < 20 ms ${whoP95 < 20 ? 'met' : 'MISSED'}; activation p99 < 250 ms ${activationP99 < 250 ? 'met' : 'MISSED'}; zero activation errors ${activations.errors === 0 ? 'met' : 'MISSED'}`,
  );
  console.log(
    JSON.stringify({
      bench: 'load',
      activations_per_s: Number(activations.perSecond.toFixed(1)),
      activation_p99_ms: Number(activationP99.toFixed(1)),
      activation_errors: activations.errors,
      who_can_open_per_s: Math.round(who.perSecond),
      who_can_open_p95_ms: Number(whoP95.toFixed(2)),
      list_per_s: Math.round(list.perSecond),
      server_workers: serverWorkers,
      activation_server_cpu_ms: Number(activations.cpu.serverMs.toFixed(2)),
      who_can_open_server_cpu_ms: Number(who.cpu.serverMs.toFixed(3)),
      phone_door_lists_per_s: Math.round(doorLists.perSecond),
      phone_door_list_p95_ms: Number(percentile(doorLists.latencies, 95).toFixed(1)),
      phone_door_list_errors: doorLists.errors,
      door_lists_vs_list: Number((doorLists.perSecond / list.perSecond).toFixed(2)),
      open_phones_at_two_minutes: Math.round(doorLists.perSecond * phoneContactSeconds),
    }),
  );
  reads.destroy();
  activationClient.destroy();
  phoneClient.destroy();
} finally {
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
}
