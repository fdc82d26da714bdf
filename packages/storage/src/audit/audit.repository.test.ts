import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from './audit.repository';
import { insertMunicipality } from '../registry/municipality.repository';
import { createTestDatabase, type TestDatabase } from '../platform/testing';

let testDb: TestDatabase;
let municipalityId: string;
beforeAll(async () => {
  testDb = await createTestDatabase();
  municipalityId = await insertMunicipality(testDb.pool, { code: '0180', name: 'Stockholms stad' });
});
afterAll(async () => testDb.drop());

const entry = (n: number) => ({
  municipalityId,
  actorLabel: `box-${n}`,
  action: 'activate',
  entity: 'digital_key',
  after: { n },
  source: 'device',
});

describe('audit entries appended on a pool (group commit)', () => {
  it('commits concurrent entries together, in the order they were appended, one chain without gaps', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, n) => appendAudit(testDb.pool, entry(n))));
    const { rows } = await testDb.pool.query<{ n: number; seq: string }>(
      `SELECT (after->>'n')::int AS n, chain_seq::text AS seq FROM audit_entry
        WHERE municipality_id = $1 ORDER BY chain_seq`,
      [municipalityId],
    );
    expect(rows.map((row) => row.n)).toEqual(Array.from({ length: 40 }, (_, n) => n));
    expect(rows.map((row) => Number(row.seq))).toEqual(Array.from({ length: 40 }, (_, n) => n + 1));
    // Rows written by one statement share its transaction id: far fewer than one per entry.
    const { rows: transactions } = await testDb.pool.query<{ n: number }>(
      `SELECT count(DISTINCT xmin::text)::int AS n FROM audit_entry WHERE municipality_id = $1`,
      [municipalityId],
    );
    expect(transactions[0]!.n).toBeLessThan(10);
  });

  it('fails only the entry the database refuses; the others in its group are written', async () => {
    const unknownMunicipality = '00000000-0000-4000-8000-000000000000';
    const results = await Promise.allSettled([
      appendAudit(testDb.pool, entry(100)),
      appendAudit(testDb.pool, entry(101)),
      appendAudit(testDb.pool, { ...entry(102), municipalityId: unknownMunicipality }),
      appendAudit(testDb.pool, entry(103)),
    ]);
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    const { rows } = await testDb.pool.query<{ n: number }>(
      `SELECT (after->>'n')::int AS n FROM audit_entry WHERE (after->>'n')::int >= 100 ORDER BY chain_seq`,
    );
    expect(rows.map((row) => row.n)).toEqual([100, 101, 103]);
  });

  it('inside a transaction, rolls back with it', async () => {
    const client = await testDb.pool.connect();
    try {
      await client.query('BEGIN');
      await appendAudit(client, entry(200));
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    const { rows } = await testDb.pool.query(`SELECT 1 FROM audit_entry WHERE (after->>'n')::int = 200`);
    expect(rows).toHaveLength(0);
  });
});
