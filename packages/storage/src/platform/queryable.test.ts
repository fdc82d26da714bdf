import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { namedStatement } from './queryable';
import { createTestDatabase, type TestDatabase } from './testing';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => testDb.drop());

describe('named statements', () => {
  it('give each spelling of a statement its own name and the same spelling the same name', () => {
    const a = namedStatement('probe', 'SELECT $1::int AS n', [1]);
    const b = namedStatement('probe', 'SELECT $1::int + 1 AS n', [1]);
    expect(a.name).toMatch(/^probe-[0-9a-f]{12}$/);
    expect(b.name).not.toBe(a.name);
    expect(namedStatement('probe', 'SELECT $1::int AS n', [2]).name).toBe(a.name);
  });

  it('run different spellings under one label on one connection, each with its own values', async () => {
    // Were two spellings given one name, PostgreSQL would keep the first one's plan and the
    // driver would refuse the second ("Prepared statements must be unique").
    const client = await testDb.pool.connect();
    try {
      for (let round = 0; round < 3; round++) {
        const one = await client.query<{ n: number }>(
          namedStatement('probe', 'SELECT $1::int AS n', [round]),
        );
        const two = await client.query<{ n: number }>(
          namedStatement('probe', 'SELECT $1::int + 1 AS n', [round]),
        );
        expect([one.rows[0]!.n, two.rows[0]!.n]).toEqual([round, round + 1]);
      }
    } finally {
      client.release();
    }
  });
});
