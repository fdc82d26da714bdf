import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded';

// Dates (no time) stay ISO strings end to end; a JS Date would shift them across time zones.
pg.types.setTypeParser(1082, (value: string) => value);
// bigint counts and identities fit in a double for the sizes we handle.
pg.types.setTypeParser(20, (value: string) => Number.parseInt(value, 10));

export interface DatabaseOptions {
  /** External PostgreSQL; when absent an embedded cluster is started under `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  onLog?: (line: string) => void;
  poolSize?: number;
}

export interface Database {
  pool: pg.Pool;
  /** `embedded` or `external`, for health and logs. */
  mode: 'embedded' | 'external';
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
  if (!url) {
    embedded = await startEmbeddedPostgres({
      dataDir: join(options.dataDir, 'postgres'),
      ...(options.onLog ? { onLog: options.onLog } : {}),
    });
    await ensureDatabase(embedded.adminUrl, embeddedDatabaseName);
    url = embedded.urlFor(embeddedDatabaseName);
  }
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // An idle client losing its server (e.g. during shutdown) must not crash the process.
  pool.on('error', (error) => options.onLog?.(`database pool: ${error.message}`));
  let isClosed = false;
  return {
    pool,
    mode: embedded ? 'embedded' : 'external',
    async close() {
      if (isClosed) return;
      isClosed = true;
      await pool.end();
      await embedded?.stop();
    },
  };
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
