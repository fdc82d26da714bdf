import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ownerRole } from './database-roles';
import { withTransaction } from './transaction';

export const migrationsDir = fileURLToPath(new URL('../../migrations', import.meta.url));

export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

/** Reads `NNNN_name.sql` files in version order. */
export async function loadMigrations(dir = migrationsDir): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file)).sort();
  return Promise.all(
    files.map(async (file) => {
      const sql = await readFile(join(dir, file), 'utf8');
      return {
        version: file.slice(0, 4),
        name: file.slice(5, -4),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    }),
  );
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

// The connection migrations use, per application pool (openDatabase and createTestDatabase
// register it): the app role may not change the schema, so `migrate(pool)` connects as the owner
// (or a superuser, which then acts as the owner) for the migrations and leaves the pool alone.
const migrationUrls = new WeakMap<pg.Pool, string>();

/** Makes `migrate(pool)` apply migrations through `url` instead of the pool's own login. */
export function setMigrationUrl(pool: pg.Pool, url: string): void {
  migrationUrls.set(pool, url);
}

/**
 * Makes the migration session act as the owner role: a superuser first hands it every object
 * in `public` (databases created by earlier versions are owned by the superuser), a member of
 * the role just switches to it. Without the role (one external login for everything, as before)
 * objects stay with whoever migrates.
 */
async function actAsOwner(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{
    isSuper: boolean;
    hasOwner: boolean;
    isOwner: boolean;
    isMember: boolean;
  }>(
    `SELECT r.rolsuper AS "isSuper", o.oid IS NOT NULL AS "hasOwner", current_user = $1 AS "isOwner",
       o.oid IS NOT NULL AND pg_has_role(current_user, o.oid, 'MEMBER') AS "isMember"
     FROM pg_roles r LEFT JOIN pg_roles o ON o.rolname = $1 WHERE r.rolname = current_user`,
    [ownerRole],
  );
  const me = rows[0];
  if (!me?.hasOwner || me.isOwner) return;
  if (me.isSuper) {
    await client.query(`ALTER SCHEMA public OWNER TO ${ownerRole}`);
    const { rows: alters } = await client.query<{ sql: string }>(
      `SELECT format('ALTER %s %s OWNER TO ${ownerRole}', CASE c.relkind WHEN 'v' THEN 'VIEW'
           WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, c.oid::regclass) AS sql
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
           AND c.relowner <> '${ownerRole}'::regrole
           AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
       UNION ALL
       SELECT format('ALTER FUNCTION %s OWNER TO ${ownerRole}', p.oid::regprocedure)
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE n.nspname = 'public' AND p.proowner <> '${ownerRole}'::regrole`,
    );
    for (const { sql } of alters) await client.query(sql);
  } else if (!me.isMember) return;
  await client.query(`SET ROLE ${ownerRole}`);
}

// Any stable number: only Portvakt takes this advisory lock, so concurrent starts serialise.
const migrationLockId = 0x706f7274;

/**
 * Applies pending migrations, each in its own transaction: a failing migration leaves the database
 * exactly as it was before that migration. Refuses to run when an applied migration was edited.
 */
export async function migrate(
  pool: pg.Pool,
  options: { dir?: string; onApplied?: (migration: Migration) => void } = {},
): Promise<MigrateResult> {
  const migrations = await loadMigrations(options.dir);
  const url = migrationUrls.get(pool);
  const own = url ? new pg.Client({ connectionString: url }) : undefined;
  if (own) await own.connect();
  const client = own ?? (await pool.connect());
  try {
    // A pooled session waits for a lock only so long (createPool); a migration waits for another
    // process's migration, and its DDL for the tables' readers, as long as they take.
    await client.query('SET lock_timeout = 0');
    await client.query('SELECT pg_advisory_lock($1)', [migrationLockId]);
    await actAsOwner(client);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migration (
      version text PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: string; checksum: string }>(
      'SELECT version, checksum FROM schema_migration',
    );
    const done = new Map(rows.map((row) => [row.version, row.checksum]));
    const applied: string[] = [];
    for (const migration of migrations) {
      const checksum = done.get(migration.version);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new Error(
            `Migration ${migration.version}_${migration.name} was changed after it was applied; add a new migration instead.`,
          );
        }
        continue;
      }
      try {
        await withTransaction(client, async (session) => {
          await session.query(migration.sql);
          await session.query('INSERT INTO schema_migration (version, name, checksum) VALUES ($1, $2, $3)', [
            migration.version,
            migration.name,
            migration.checksum,
          ]);
        });
      } catch (error) {
        throw new Error(
          `Migration ${migration.version}_${migration.name} failed and was rolled back: ${(error as Error).message}`,
          { cause: error },
        );
      }
      applied.push(`${migration.version}_${migration.name}`);
      options.onApplied?.(migration);
    }
    // The app role's grants, also on tables and partitions created since (0008_least_privilege).
    const { rows: grants } = await client.query<{ fn: string | null }>(
      `SELECT to_regprocedure('portvakt_apply_grants()')::text AS fn`,
    );
    if (grants[0]?.fn) await client.query('SELECT portvakt_apply_grants()');
    return { applied, alreadyApplied: done.size };
  } finally {
    await client.query('RESET ROLE').catch(() => undefined);
    await client.query('RESET lock_timeout').catch(() => undefined);
    await client.query('SELECT pg_advisory_unlock($1)', [migrationLockId]).catch(() => undefined);
    if (own) await own.end().catch(() => undefined);
    else (client as pg.PoolClient).release();
  }
}
