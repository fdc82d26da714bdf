import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from './migrate';
import { createTestDatabase, type TestDatabase } from './testing';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.drop());

async function tableNames(): Promise<string[]> {
  const { rows } = await db.pool.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  return rows.map((row) => row.tablename);
}

describe('migrations', () => {
  it('are recorded and a second run applies nothing', async () => {
    const { rows } = await db.pool.query('SELECT version FROM schema_migration ORDER BY version');
    const { loadMigrations } = await import('./migrate');
    expect(rows.map((row) => row.version)).toEqual((await loadMigrations()).map((m) => m.version));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const result = await migrate(db.pool);
    expect(result.applied).toEqual([]);
  });

  it('a failing migration leaves the database as it was', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mig-'));
    const { loadMigrations } = await import('./migrate');
    for (const m of await loadMigrations()) await writeFile(join(dir, `${m.version}_${m.name}.sql`), m.sql);
    await writeFile(
      join(dir, '0099_broken.sql'),
      'CREATE TABLE half_done (id int);\nINSERT INTO half_done VALUES (1);\nSELECT no_such_function();\n',
    );
    const before = await tableNames();
    await expect(migrate(db.pool, { dir })).rejects.toThrow(/0099_broken failed and was rolled back/);
    expect(await tableNames()).toEqual(before);
    const { rowCount } = await db.pool.query("SELECT 1 FROM schema_migration WHERE version = '0099'");
    expect(rowCount).toBe(0);
  });

  it('refuses to run when an applied migration was edited', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mig-'));
    const { loadMigrations } = await import('./migrate');
    for (const m of await loadMigrations()) {
      await writeFile(
        join(dir, `${m.version}_${m.name}.sql`),
        m.version === '0001' ? `${m.sql}\n-- edited` : m.sql,
      );
    }
    await expect(migrate(db.pool, { dir })).rejects.toThrow(/was changed after it was applied/);
  });

  it('the audit trail cannot be updated or deleted, even in SQL', async () => {
    await db.pool.query(
      "INSERT INTO audit_entry (actor_label, action, entity) VALUES ('test', 'create', 'district')",
    );
    await expect(db.pool.query("UPDATE audit_entry SET action = 'x'")).rejects.toThrow(/append-only/);
    await expect(db.pool.query('DELETE FROM audit_entry')).rejects.toThrow(/append-only/);
    await expect(db.pool.query('TRUNCATE audit_entry')).rejects.toThrow(/append-only/);
  });
});
