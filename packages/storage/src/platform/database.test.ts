import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, readEngineInfo } from './database';
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
