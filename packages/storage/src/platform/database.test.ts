import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, readEngineInfo, warmPool } from './database';
import { createTestDatabase, type TestDatabase } from './testing';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => testDb.drop());

describe('an external database through DATABASE_URL', () => {
  it('is used as given, reports its engine, and is left running on close', async () => {
    const database = await openDatabase({ databaseUrl: testDb.url, dataDir: '/nonexistent-never-used' });
    expect(database.mode).toBe('external');
    const info = await readEngineInfo(database.pool);
    expect(info.engine).toBe('PostgreSQL');
    expect(Number.parseInt(info.version, 10)).toBeGreaterThanOrEqual(15);
    await database.close();
    // The server behind it is still there for others.
    const { rows } = await testDb.pool.query<{ ok: number }>('SELECT 1 AS ok');
    expect(rows[0]!.ok).toBe(1);
  });
});

describe('a server’s pool', () => {
  it('opens every connection before the first request and keeps them open when idle', async () => {
    const database = await openDatabase({
      databaseUrl: testDb.url,
      dataDir: '/nonexistent-never-used',
      poolSize: 4,
      keepConnectionsOpen: true,
    });
    try {
      expect(database.pool.totalCount).toBe(0);
      await warmPool(database.pool);
      expect(database.pool.totalCount).toBe(4);
      expect(database.pool.idleCount).toBe(4);
      // pg-pool closes idle connections above its minimum; a server's minimum is the whole pool.
      expect(database.pool.options.min).toBe(4);
    } finally {
      await database.close();
    }
  });

  it('of a command that runs and exits lets idle connections go', async () => {
    const database = await openDatabase({ databaseUrl: testDb.url, dataDir: '/nonexistent-never-used' });
    try {
      expect(database.pool.options.min ?? 0).toBe(0);
    } finally {
      await database.close();
    }
  });
});

describe('closing the embedded database', () => {
  it('lets every open connection end before PostgreSQL stops, so none is terminated', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'portvakt-close-'));
    await chmod(dataDir, 0o755);
    try {
      const database = await openDatabase({ dataDir, poolSize: 10, keepConnectionsOpen: true });
      const lost: string[] = [];
      database.pool.on('connect', (client) => client.on('error', (error) => lost.push(error.message)));
      await warmPool(database.pool);
      expect(database.pool.totalCount).toBe(10);
      await database.close();
      // A terminated connection reports its error after the fact; give it the chance.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(lost).toEqual([]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
