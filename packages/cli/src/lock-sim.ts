// `portvakt lock-sim`'s work: simulated locks enrolled against a running server through its API
// (as an installer's tool would: a fresh key pair per lock, POST /api/v1/devices), served over
// WebSockets at /lock-sim/{lockId} (docs/device-gateway.md "Simulated locks"). Enrolling replaces
// the key the server holds for that lock, so this is for trial and demo municipalities only.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  chainStartFrom,
  Lock,
  LockSimHost,
  lockSimPathPrefix,
  systemWorldClock,
  type WorldClock,
} from '@portvakt/devices';
import {
  generateSigningKeyPair,
  maxLockLinkFrameBytes,
  parseDeviceCertificate,
  uuidToBytes,
} from '@portvakt/protocol';
import { callAdminApi, enrolDeviceOverApi, issuerKeyRingOf } from '@portvakt/simulation';
import { WebSocketServer } from 'ws';

export interface LockSimOptions {
  /** The server the locks are enrolled with (its base URL). */
  serverUrl: string;
  /** An API token of a municipality administrator (enrolment needs one). */
  token: string;
  /** Lock registry ids; `all` takes every installed lock of the token's municipality. */
  locks: string[] | 'all';
  port: number;
  host: string;
  /** The locks' clock (tests pass the world's); the system clock by default. */
  world?: WorldClock;
  log?: (line: string) => void;
}

const connectionOf = (options: Pick<LockSimOptions, 'serverUrl' | 'token'>) => ({
  baseUrl: options.serverUrl,
  token: options.token,
});

export interface SimulatedLock {
  lockId: string;
  /** The enrolment the server answered with: the lock's device id (its certificate names it). */
  enrolmentId: string;
  lockNumber: number;
  lock: Lock;
}

export interface RunningLockSim {
  url: string;
  host: LockSimHost;
  locks: SimulatedLock[];
  stop(): Promise<void>;
}

/** The ids of the municipality's installed locks, page by page. */
async function listInstalledLocks(options: Pick<LockSimOptions, 'serverUrl' | 'token'>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: '200', ...(cursor ? { cursor } : {}) });
    const page: { items: Array<{ id: string; status: string | null }>; nextCursor: string | null } =
      await callAdminApi(connectionOf(options), 'GET', `/api/v1/locks?${query.toString()}`);
    ids.push(...page.items.filter((lock) => lock.status === 'installed').map((lock) => lock.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

/**
 * Enrols one simulated lock: a fresh key pair, the server's certificate, its issuer keys. The lock
 * signs as the enrolment the server answers with, which is the lock's registry id unless the lock
 * was enrolled under another id before (seed-demo's are): the server then replaces that
 * enrolment's key and keeps its id.
 */
export async function enrolSimulatedLock(
  options: Pick<LockSimOptions, 'serverUrl' | 'token' | 'world'>,
  lockId: string,
): Promise<SimulatedLock> {
  const keyPair = await generateSigningKeyPair();
  const reply = await enrolDeviceOverApi(
    connectionOf(options),
    { kind: 'lock', lockId, label: 'portvakt lock-sim' },
    keyPair.publicKey,
  );
  const { certificate } = parseDeviceCertificate(new Uint8Array(Buffer.from(reply.certificate, 'base64url')));
  const issuerKeys = await issuerKeyRingOf(reply);
  const { lockNumber } = reply;
  if (lockNumber === null) throw new Error(`${lockId}: the server enrolled no lock number`);
  const lock = new Lock({
    deviceId: uuidToBytes(reply.enrolment.id),
    lockNumber,
    issuer: certificate.issuer,
    issuerKeys,
    keyPair,
    world: options.world ?? systemWorldClock,
  });
  // Where the enrolment already holds records, the new key's records follow them.
  const chainStart = chainStartFrom(reply.chainStart);
  if (chainStart) lock.continueChainAfter(chainStart);
  return { lockId: lockId.toLowerCase(), enrolmentId: reply.enrolment.id, lockNumber, lock };
}

/** A host that logs refused frames and failing locks. */
export function createLoggingLockSimHost(log: (line: string) => void): LockSimHost {
  return new LockSimHost({
    onExchange: (lockId, exchange) => {
      if (exchange.error) log(`${lockId}: refused a frame (${exchange.error})`);
    },
    onLockError: (lockId, error) => log(`${lockId}: lock failed: ${(error as Error).message}`),
  });
}

/** Enrols the locks named (or all installed ones) and adds them to `host`. */
export async function enrolSimulatedLocks(
  options: Omit<LockSimOptions, 'port' | 'host'>,
  host: LockSimHost,
): Promise<SimulatedLock[]> {
  const ids = options.locks === 'all' ? await listInstalledLocks(options) : options.locks;
  if (ids.length === 0) throw new Error('no locks to simulate (name them with --lock, or use --all)');
  const locks: SimulatedLock[] = [];
  for (const id of ids) locks.push(await enrolSimulatedLock(options, id));
  for (const { lockId, lock } of locks) host.add(lockId, lock);
  return locks;
}

/** Enrols the locks, then serves them; GET / lists them with their WebSocket URLs. */
export async function startLockSim(options: LockSimOptions): Promise<RunningLockSim> {
  const host = createLoggingLockSimHost(options.log ?? console.log);
  const locks = await enrolSimulatedLocks(options, host);

  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxLockLinkFrameBytes });
  const server: Server = createServer((request, response) => {
    if (request.method === 'GET' && (request.url === '/' || request.url === lockSimPathPrefix)) {
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({
          locks: locks.map(({ lockId, lockNumber }) => ({
            lockId,
            lockNumber,
            path: `${lockSimPathPrefix}${lockId}`,
          })),
        }),
      );
      return;
    }
    response.statusCode = 404;
    response.end();
  });
  server.on('upgrade', (request, socket, head) => {
    const path = new URL(request.url ?? '/', 'http://lock-sim').pathname;
    if (!path.startsWith(lockSimPathPrefix)) {
      socket.destroy();
      return;
    }
    const lockId = decodeURIComponent(path.slice(lockSimPathPrefix.length));
    sockets.handleUpgrade(request, socket, head, (webSocket) => host.serve(webSocket, lockId));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  return {
    url,
    host,
    locks,
    async stop() {
      for (const client of sockets.clients) client.close(1001, 'lock-sim stopping');
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
