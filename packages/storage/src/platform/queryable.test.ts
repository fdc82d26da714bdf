import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createExistenceCheck,
  createFirstRowQuery,
  createFirstValueQuery,
  createLookupByIds,
  createRowsQuery,
  namedStatement,
} from './queryable';
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

describe('one-statement reads', () => {
  // Values in the order of their $n; a row per number in [from, to].
  const numbers = 'SELECT n, n * 2 AS twice FROM generate_series($1::int, $2::int) AS n';

  it('give the first row or undefined, every row, the first value, or whether any row came', async () => {
    const findFirst = createFirstRowQuery<{ n: number; twice: number }, [from: number, to: number]>(numbers);
    const listAll = createRowsQuery<{ n: number; twice: number }, [from: number, to: number]>(numbers);
    const findTwice = createFirstValueQuery<number, [n: number]>('SELECT $1::int * 2 WHERE $1::int > 0');
    const isAny = createExistenceCheck<[from: number, to: number]>(numbers);
    expect(await findFirst(testDb.pool, 2, 4)).toEqual({ n: 2, twice: 4 });
    expect(await findFirst(testDb.pool, 4, 2)).toBeUndefined();
    expect(await listAll(testDb.pool, 1, 3)).toEqual([
      { n: 1, twice: 2 },
      { n: 2, twice: 4 },
      { n: 3, twice: 6 },
    ]);
    expect(await listAll(testDb.pool, 3, 1)).toEqual([]);
    expect(await findTwice(testDb.pool, 21)).toBe(42);
    expect(await findTwice(testDb.pool, -1)).toBeUndefined();
    expect([await isAny(testDb.pool, 1, 1), await isAny(testDb.pool, 2, 1)]).toEqual([true, false]);
  });

  it('give a map by id of the second column, empty for no ids', async () => {
    const readLabels = createLookupByIds<string, [prefix: string]>(
      `SELECT id, $1 || left(id::text, 4) FROM unnest($2::uuid[]) AS id WHERE id::text <> '00000000-0000-0000-0000-000000000000'`,
    );
    const [a, b, zero] = ['a', 'b', '0'].map((digit) => `${digit.repeat(8)}-0000-0000-0000-000000000000`);
    expect(await readLabels(testDb.pool, 'L-', [a!, b!, zero!])).toEqual(
      new Map([
        [a, 'L-aaaa'],
        [b, 'L-bbbb'],
      ]),
    );
    expect((await readLabels(testDb.pool, 'L-', [])).size).toBe(0);
  });
});
