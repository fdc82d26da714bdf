import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { setFailoverRetryBudget } from './database-failover';
import { appRole, ensureRoles, withCredentials } from './database-roles';
import { setMigrationUrl } from './migrate';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded';

// Dates (no time) stay ISO strings end to end; a JS Date would shift them across time zones.
pg.types.setTypeParser(1082, (value: string) => value);
// bigint counts and identities fit in a double for the sizes we handle.
pg.types.setTypeParser(20, (value: string) => Number.parseInt(value, 10));

export interface DatabaseOptions {
  /** External PostgreSQL; when absent an embedded cluster is started under `dataDir`. */
  databaseUrl?: string | undefined;
  /**
   * Login that runs migrations (the schema owner, or a superuser) when `databaseUrl` is the
   * application role; default `MIGRATION_DATABASE_URL`. Without it migrations use `databaseUrl`.
   */
  migrationDatabaseUrl?: string | undefined;
  dataDir: string;
  onLog?: (line: string) => void;
  poolSize?: number;
  /** How long a request waits for a pooled connection before it fails (`DATABASE_POOL_TIMEOUT_MS`). */
  poolTimeoutMs?: number | undefined;
  /**
   * Keep every pooled connection open once made (a server), instead of closing idle ones after
   * ten seconds (a command that runs and exits). See `warmPool`.
   */
  keepConnectionsOpen?: boolean;
}

export interface Database {
  pool: pg.Pool;
  /** `embedded` or `external`, for health and logs. */
  mode: 'embedded' | 'external';
  /**
   * How to reach this database from another process: the application login and the one that
   * migrates. `portvakt start --workers N` hands them to its worker processes, which then share
   * the embedded cluster this process started.
   */
  connection: { url: string; migrationUrl: string | undefined };
  close(): Promise<void>;
}

export interface EngineInfo {
  engine: 'PostgreSQL';
  version: string;
}

const embeddedDatabaseName = 'portvakt';

/** Connects to `DATABASE_URL`, or starts the embedded PostgreSQL and its `portvakt` database. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let embedded: EmbeddedServer | undefined;
  let url = options.databaseUrl;
  let migrationUrl = url
    ? (options.migrationDatabaseUrl ?? (process.env.MIGRATION_DATABASE_URL || undefined))
    : undefined;
  if (!url) {
    embedded = await startEmbeddedPostgres({
      dataDir: join(options.dataDir, 'postgres'),
      ...(options.onLog ? { onLog: options.onLog } : {}),
    });
    await ensureDatabase(embedded.adminUrl, embeddedDatabaseName);
    // The app connects as portvakt_app; the superuser is kept for migrations only.
    migrationUrl = embedded.urlFor(embeddedDatabaseName);
    const appPassword = await readOrCreateSecret(join(options.dataDir, 'postgres', 'pg-app-password'));
    await ensureRoles(embedded.adminUrl, appPassword);
    url = withCredentials(migrationUrl, appRole, appPassword);
  }
  const pool = createPool(url, {
    max: options.poolSize,
    keepOpen: options.keepConnectionsOpen,
    timeoutMs: options.poolTimeoutMs,
    onError: (error) => options.onLog?.(`database pool: ${error.message}`),
  });
  if (migrationUrl) setMigrationUrl(pool, migrationUrl);
  // pg-pool's end() resolves once it has asked each idle connection to close, not once they
  // have: stopping the embedded PostgreSQL right then terminates the ones still closing
  // ("terminating connection due to administrator command"), more of them since a server keeps
  // its whole pool open. Wait for each to end first.
  const open = new Set<pg.PoolClient>();
  pool.on('connect', (client) => {
    open.add(client);
    client.once('end', () => open.delete(client));
  });
  let isClosed = false;
  return {
    pool,
    mode: embedded ? 'embedded' : 'external',
    connection: { url, migrationUrl },
    async close() {
      if (isClosed) return;
      isClosed = true;
      const ended = Promise.all(
        [...open].map((client) => new Promise<void>((resolve) => client.once('end', () => resolve()))),
      );
      await pool.end();
      await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
      await embedded?.stop();
    },
  };
}

export const defaultPoolSize = 10;
export const defaultPoolTimeoutMs = 5000;
/** Sessions idle inside a transaction longer than this are ended by the server (a safety net). */
export const idleInTransactionTimeoutMs = 60_000;

/**
 * The application's connection pool (docs/operations.md "Connections"). Waiting for a connection
 * is bounded (`timeoutMs`): when the pool stays exhausted a request fails with a pool timeout
 * (`isPoolTimeout`, answered 503 `database_busy`) instead of queueing forever. As a safety net
 * the server ends sessions left idle inside a transaction, so a forgotten transaction cannot hold
 * row locks and a connection indefinitely. Code must not wait for a second connection while it
 * holds one (see docs/device-gateway.md "Connections").
 */
export function createPool(
  connectionString: string,
  options: {
    max?: number | undefined;
    /** Never close idle connections (pg-pool's `min` is the whole pool). */
    keepOpen?: boolean | undefined;
    timeoutMs?: number | undefined;
    /** How long a transaction is retried through a failover (`withTransaction`); 10 s by default. */
    failoverRetryMs?: number | undefined;
    onError?: (error: Error) => void;
  } = {},
): pg.Pool {
  const max = options.max ?? defaultPoolSize;
  const pool = new pg.Pool({
    connectionString,
    max,
    ...(options.keepOpen ? { min: max } : {}),
    connectionTimeoutMillis: options.timeoutMs ?? defaultPoolTimeoutMs,
    idle_in_transaction_session_timeout: idleInTransactionTimeoutMs,
  });
  // An idle client losing its server (e.g. during shutdown) must not crash the process.
  pool.on('error', (error) => options.onError?.(error));
  if (options.failoverRetryMs !== undefined) setFailoverRetryBudget(pool, options.failoverRetryMs);
  return pool;
}

/**
 * Opens all of the pool's connections now, so the first rush of requests (staff activating their
 * keys at the start of a shift) does not pay for connecting, authenticating and warming a fresh
 * backend's caches: with 64 activations at once that cost the first ones about 300 ms more
 * (`npm run bench -- load`). With `keepConnectionsOpen` they then stay open.
 */
export async function warmPool(pool: pg.Pool): Promise<void> {
  const clients = await Promise.all(Array.from({ length: pool.options.max }, () => pool.connect()));
  try {
    await Promise.all(clients.map((client) => client.query('SELECT 1')));
  } finally {
    for (const client of clients) client.release();
  }
}

/**
 * Whether `error` is the pool giving up waiting for a connection (all in use for `timeoutMs`),
 * or a new connection not being established in time: the database is busy, not the request bad.
 */
export function isPoolTimeout(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.message === 'timeout exceeded when trying to connect' ||
      error.message === 'Connection terminated due to connection timeout')
  );
}

/** Whether `error` is a statement giving up waiting for a lock (`lock_timeout`): busy, not broken. */
export function isLockWaitTimeout(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '55P03';
}

/** Reads a secret kept beside the embedded cluster, creating it (readable only by us) on first use. */
async function readOrCreateSecret(path: string): Promise<string> {
  const fresh = randomBytes(18).toString('base64url');
  try {
    await writeFile(path, `${fresh}\n`, { mode: 0o600, flag: 'wx' });
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return (await readFile(path, 'utf8')).trim();
  }
}

/** Creates `name` on the server behind `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/** The engine and server version, as reported by the server itself. */
export async function readEngineInfo(pool: pg.Pool): Promise<EngineInfo> {
  const { rows } = await pool.query<{ server_version: string }>('SHOW server_version');
  return { engine: 'PostgreSQL', version: rows[0]?.server_version ?? 'unknown' };
}

/**
 * How many more client connections the server accepts: `max_connections` less its reserved
 * slots and the connections open now (this one included).
 */
export async function readFreeConnections(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ free: number }>(
    `SELECT current_setting('max_connections')::int
            - current_setting('superuser_reserved_connections')::int
            - (SELECT count(*)::int FROM pg_stat_activity WHERE backend_type = 'client backend') AS free`,
  );
  return rows[0]!.free;
}
