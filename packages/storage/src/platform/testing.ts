import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createPool } from './database';
import { appRole, withCredentials } from './database-roles';
import { setMigrationUrl } from './migrate';
import type { Queryable } from './queryable';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplateDatabase: string;
    pgAppPassword: string;
  }
}

export interface TestDatabase {
  /** Connected as the app role (`portvakt_app`), like the server. */
  pool: pg.Pool;
  /** The app role's connection string. */
  url: string;
  /**
   * The cluster's superuser on this database: for tests that play someone with database access
   * tampering with records, or that need the owner's view.
   */
  superuser: pg.Pool;
  name: string;
  drop(): Promise<void>;
}

function replaceDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * A fresh, fully migrated database for one test file, cloned from the template that global
 * setup migrated once (fast: a file copy inside PostgreSQL). `pool` is the app role, as in
 * production; `migrate(pool)` migrates through the superuser, as `portvakt start` does.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('pgAdminUrl');
  const template = inject('pgTemplateDatabase');
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${admin.escapeIdentifier(template)}`);
        break;
      } catch (error) {
        // Two files cloning the template at the same instant may collide; try again shortly.
        if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 + attempt * 50));
      }
    }
  } finally {
    await admin.end();
  }
  const superuserUrl = replaceDatabase(adminUrl, name);
  const url = withCredentials(superuserUrl, appRole, inject('pgAppPassword'));
  // The server's pool settings (bounded wait, idle-in-transaction timeout); a wait generous enough
  // for a busy test machine, so a stuck pool fails the test with 503 instead of hanging it.
  const pool = createPool(url, { max: 5, timeoutMs: 30_000 });
  setMigrationUrl(pool, superuserUrl);
  const superuser = new pg.Pool({ connectionString: superuserUrl, max: 2 });
  // Dropping the database at the end ends connections a background job may still hold; that is
  // expected then and must not surface as an unhandled error.
  pool.on('error', () => undefined);
  superuser.on('error', () => undefined);
  return {
    pool,
    url,
    superuser,
    name,
    async drop() {
      await pool.end();
      await superuser.end();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
export { insertTestKeyCabinet } from '../backup-keys/key-cabinet.testing';
export { failAuditEntries } from '../audit/audit-failure.testing';
export { readReferenceCodeValue } from './random-reference.testing';

/**
 * Every table's row count (sessions and the login throttle aside, which a request may touch), so
 * a test can show that a refused request changed nothing.
 */
export async function countEveryTable(db: Queryable): Promise<Record<string, number>> {
  const { rows } = await db.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('user_session', 'login_throttle')",
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of rows)
    counts[table_name] = (
      await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table_name}`)
    ).rows[0]!.n;
  return counts;
}
