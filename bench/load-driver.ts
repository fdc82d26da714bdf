// What the benches that load the real server over HTTP share (`load`, `scale`): the Stockholm-scale
// registry written into a data dir the server then opens, an activation box and keys with PINs
// enrolled through the API, keys' and the box's activation requests signed ahead (as their own
// chips would), and the driver: N concurrent clients sending one request after another until a
// count or a time is up, with each request's latency and the CPU the server tree used.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import {
  HardwareKey,
  HttpIssuerGateway,
  systemWorldClock,
  type SignedDeviceRequest,
} from '@portvakt/devices';
import { uuidToBytes, type KeyRing } from '@portvakt/protocol';
import { hashPassword } from '@portvakt/server';
import type { ApiClient } from '@portvakt/server/testing';
import { insertMunicipality, insertRows, insertUser, migrate, openDatabase } from '@portvakt/storage';
import pg from 'pg';
import { enrolDevice, ringFromEnrolment } from '../tests/e2e/devices.testing';
import { buildLoadWorld, type LoadWorld } from './load-world';
import { startCpuAccount } from './process-cpu';

export const requestTimeoutMs = 10_000;

export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** Logs `label…` and returns a function that logs how long the step took. */
export function step(label: string, log: (line: string) => void = console.log) {
  const start = performance.now();
  log(`${label}…`);
  return () => log(`  done in ${fmt((performance.now() - start) / 1000, 1)} s`);
}

/**
 * Generates the registry (bench/load-world.ts) and writes it straight into the embedded database
 * in `dataDir`, with a municipality admin `bench.admin` (password returned). `whileOpen` runs on
 * the database before it closes (the load bench profiles who-can-open there).
 */
export async function loadRegistry<T = undefined>(
  dataDir: string,
  options: {
    log?: (line: string) => void;
    whileOpen?: (pool: pg.Pool, loaded: LoadedRegistry) => Promise<T>;
  } = {},
): Promise<LoadedRegistry & { extra: T | undefined }> {
  const log = options.log ?? console.log;
  const database = await openDatabase({ dataDir });
  try {
    await migrate(database.pool);
    const municipalityId = await insertMunicipality(database.pool, { code: '0180', name: 'Stockholms stad' });
    const world = buildLoadWorld(municipalityId, new Date());
    for (const { table, rows } of world.tables) {
      const start = performance.now();
      await insertRows(database.pool, table, rows);
      log(`  ${table.padEnd(18)} ${fmt(rows.length).padStart(7)} rows  ${fmt(performance.now() - start)} ms`);
    }
    await database.pool.query(
      'UPDATE municipality SET next_lock_number = $2, block_list_version = $3 WHERE id = $1',
      [municipalityId, world.lockCount + 1, world.blockListVersion],
    );
    const password = randomBytes(12).toString('base64url');
    await insertUser(database.pool, {
      municipalityId,
      username: 'bench.admin',
      displayName: 'Bench admin',
      passwordHash: await hashPassword(password),
      role: 'municipality_admin',
    });
    // As the schema's owner: the app login owns no table, and ANALYZE skips what it does not own
    // (a warning, not an error), which left the planner without statistics for the bulk load.
    const owner = new pg.Client({ connectionString: database.connection.migrationUrl });
    await owner.connect();
    try {
      await owner.query('ANALYZE');
    } finally {
      await owner.end();
    }
    const loaded = { municipalityId, world, password };
    const extra = options.whileOpen ? await options.whileOpen(database.pool, loaded) : undefined;
    return { ...loaded, extra };
  } finally {
    await database.close();
  }
}

export interface LoadedRegistry {
  municipalityId: string;
  world: LoadWorld;
  /** The password of `bench.admin`. */
  password: string;
}

/** An enrolled activation box and keys whose PINs were set at it. */
export interface ActivationFleet {
  boxId: string;
  /** The box's gateway: signs each request with the box's enrolled key. */
  gateway: HttpIssuerGateway;
  ring: KeyRing;
  keys: HardwareKey[];
}

/** The PIN of key `i` of a fleet. */
export const pinOf = (i: number) => String(1000 + i);

/** `count` of the world's active staff from `offset` on, spread over providers (a fixed shuffle). */
export function pickHolders(world: LoadWorld, offset: number, count: number): LoadWorld['activeStaff'] {
  return world.activeStaff
    .map((staff, i) => ({ staff, order: (i * 7919) % world.activeStaff.length }))
    .sort((a, b) => a.order - b.order)
    .slice(offset, offset + count)
    .map(({ staff }) => staff);
}

/**
 * A key of `kind` held by `staff`, created and enrolled through the API: its id, its key pair and
 * the enrolment's answer (with the issuer keys it names).
 */
export async function createEnrolledKey(
  admin: ApiClient,
  staff: { id: string; providerId: string },
  kind: 'hardware_key' | 'phone',
  serial: string,
): Promise<{ keyId: string } & Awaited<ReturnType<typeof enrolDevice>>> {
  const created = await admin.post<{ id: string }>('/api/v1/keys', {
    providerId: staff.providerId,
    kind,
    serial,
    holderStaffMemberId: staff.id,
  });
  if (created.status !== 201) throw new Error(`key: ${JSON.stringify(created.body)}`);
  const enrolled = await enrolDevice(admin, {
    kind: kind === 'phone' ? 'phone' : 'key',
    keyId: created.body.id,
  });
  if (enrolled.response.status !== 201) throw new Error(`enrol: ${JSON.stringify(enrolled.response.body)}`);
  return { keyId: created.body.id, ...enrolled };
}

/**
 * Enrols an activation box and `count` hardware keys through the API, each held by one of the
 * world's active staff (spread over providers), its PIN set at the box with a one-time code.
 */
export async function enrolActivationFleet(
  admin: ApiClient,
  baseUrl: string,
  world: LoadWorld,
  count: number,
): Promise<ActivationFleet> {
  const box = await enrolDevice(admin, { kind: 'activation_box', label: 'Box City' });
  if (box.response.status !== 201) throw new Error(`box: ${JSON.stringify(box.response.body)}`);
  const ring = await ringFromEnrolment(box.response);
  const boxId = box.response.body.enrolment.id as string;
  const gateway = new HttpIssuerGateway({ baseUrl, deviceId: boxId, privateKey: box.keyPair.privateKey });
  const holders = pickHolders(world, 0, count);
  const keys: HardwareKey[] = [];
  for (const [i, staff] of holders.entries()) {
    const enrolled = await createEnrolledKey(
      admin,
      staff,
      'hardware_key',
      `LB-K-${String(i + 1).padStart(4, '0')}`,
    );
    const key = new HardwareKey({
      deviceId: uuidToBytes(enrolled.keyId),
      keyPair: enrolled.keyPair,
      world: systemWorldClock,
      issuerKeys: ring,
      pinIterations: 1_000,
    });
    const reset = await admin.post(`/api/v1/keys/${enrolled.keyId}/pin-reset`);
    if (reset.status !== 201) throw new Error(`pin reset: ${JSON.stringify(reset.body)}`);
    const pin = pinOf(i);
    await key.setPin(pin);
    await key.activateWithPin(pin);
    await gateway.setPin({ request: await key.createActivationRequest(), code: reset.body.code, pin });
    keys.push(key);
  }
  return { boxId, gateway, ring, keys };
}

/**
 * What key `i` and the box do before the box sends anything: the key checks the PIN and signs
 * its activation request, the box signs its own request around it. In the field each does this
 * on its own chip; here the simulated keys and the box would share the server's cores, so their
 * signing is done before a phase (requests stay valid for five minutes) and the phase measures
 * what the server does, as a load generator sending prepared requests would.
 */
export async function prepareActivation(fleet: ActivationFleet, i: number): Promise<SignedDeviceRequest> {
  const key = fleet.keys[i]!;
  await key.activateWithPin(pinOf(i));
  const request = await key.createActivationRequest();
  return fleet.gateway.signActivation({ request, pin: pinOf(i), boxId: uuidToBytes(fleet.boxId) });
}

/** HTTP on keep-alive connections: GETs with a session cookie, and prepared signed device requests. */
export function createLoadClient(baseUrl: string, options: { cookieHeader?: string; maxSockets: number }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets });
  const get = (path: string) =>
    new Promise<number>((resolve) => {
      const request = http.get(
        `${baseUrl}${path}`,
        {
          agent,
          headers: options.cookieHeader ? { cookie: options.cookieHeader } : {},
          timeout: requestTimeoutMs,
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
          response.on('error', () => resolve(0));
        },
      );
      request.on('timeout', () => request.destroy());
      request.on('error', () => resolve(0));
    });
  const send = (signed: SignedDeviceRequest) =>
    new Promise<{ status: number; body: string }>((resolve) => {
      const request = http.request(
        `${baseUrl}${signed.path}`,
        { method: 'POST', agent, headers: signed.headers, timeout: requestTimeoutMs },
        (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
          response.on('error', () => resolve({ status: 0, body }));
        },
      );
      request.on('timeout', () => request.destroy());
      request.on('error', (error) => resolve({ status: 0, body: error.message }));
      request.end(signed.body);
    });
  return { get, send, destroy: () => agent.destroy() };
}

/** The session cookie of a logged-in API client, as a Cookie header. */
export function readCookieHeader(client: ApiClient): string {
  const cookies = (client as unknown as { cookies: Map<string, string> }).cookies;
  return [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}

export interface PhaseResult {
  count: number;
  errors: number;
  perSecond: number;
  seconds: number;
  /** Sorted, ms. */
  latencies: number[];
  cpu: ReturnType<ReturnType<typeof startCpuAccount>>;
}

/**
 * `clients` loops, each sending one request after another, until `maxRequests` were sent (or
 * `maxPerClient` by that client) or `seconds` are up. `send(n)` gets `n` with `n % clients` the
 * client sending it.
 */
export async function drive(
  options: {
    clients: number;
    maxRequests: number;
    maxPerClient?: number;
    seconds: number;
    serverPid: number | undefined;
  },
  send: (n: number) => Promise<boolean>,
): Promise<PhaseResult> {
  const { clients, maxRequests } = options;
  const latencies: number[] = [];
  let errors = 0;
  let issued = 0;
  const stopCpu = startCpuAccount(options.serverPid);
  const deadline = performance.now() + options.seconds * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (
        let mine = 0;
        issued < maxRequests && mine < (options.maxPerClient ?? Infinity) && performance.now() < deadline;
        mine++
      ) {
        const n = issued++;
        const sent = performance.now();
        const isOk = await send(n * clients + client);
        latencies.push(performance.now() - sent);
        if (!isOk) errors++;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const cpu = stopCpu(latencies.length);
  latencies.sort((a, b) => a - b);
  return { count: latencies.length, errors, perSecond: latencies.length / seconds, seconds, latencies, cpu };
}
