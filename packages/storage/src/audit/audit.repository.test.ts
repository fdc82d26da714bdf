import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, withAuditEntriesLast } from './audit.repository';
import { insertMunicipality } from '../registry/municipality.repository';
import { createTestDatabase, type TestDatabase } from '../platform/testing';

let testDb: TestDatabase;
let municipalityId: string;
let otherMunicipalityId: string;
beforeAll(async () => {
  testDb = await createTestDatabase();
  municipalityId = await insertMunicipality(testDb.pool, { code: '0180', name: 'Stockholms stad' });
  otherMunicipalityId = await insertMunicipality(testDb.pool, { code: '0181', name: 'Södertälje' });
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

  it('does not hold up another municipality’s entries behind one waiting for its own chain', async () => {
    // A long transaction holds the first municipality's chain end (as a long import did).
    const long = await testDb.pool.connect();
    try {
      await long.query('BEGIN');
      await appendAudit(long, entry(300));
      const waiting = appendAudit(testDb.pool, entry(301));
      await waitForLockWait();
      // With one writer for every chain this waited for the long transaction too (the test's time
      // limit is what fails then: nothing in it ends otherwise).
      await appendAudit(testDb.pool, { ...entry(302), municipalityId: otherMunicipalityId });
      await long.query('COMMIT');
      await waiting;
    } finally {
      long.release();
    }
  }, 60_000);
});

describe('audit entries held to the end of their work', () => {
  it('locks the chain only at the end, and writes the entries then, in their order', async () => {
    const client = await testDb.pool.connect();
    try {
      await client.query('BEGIN');
      await withAuditEntriesLast(client, async () => {
        await appendAudit(client, entry(400));
        // Nothing of the work's is written yet: an entry of another transaction does not wait.
        await appendAudit(testDb.pool, entry(401));
        await appendAudit(client, entry(402));
      });
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const { rows } = await testDb.pool.query<{ n: number }>(
      `SELECT (after->>'n')::int AS n FROM audit_entry WHERE (after->>'n')::int BETWEEN 400 AND 499 ORDER BY chain_seq`,
    );
    expect(rows.map((row) => row.n)).toEqual([401, 400, 402]);
  });

  it('writes nothing when the work fails, and leaves the session writing at once again', async () => {
    const client = await testDb.pool.connect();
    try {
      await client.query('BEGIN');
      const failed = withAuditEntriesLast(client, async () => {
        await appendAudit(client, entry(500));
        throw new Error('refused');
      });
      await expect(failed).rejects.toThrow('refused');
      await appendAudit(client, entry(501));
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const { rows } = await testDb.pool.query<{ n: number }>(
      `SELECT (after->>'n')::int AS n FROM audit_entry WHERE (after->>'n')::int BETWEEN 500 AND 599`,
    );
    expect(rows.map((row) => row.n)).toEqual([501]);
  });
});

/** Settles once a session of the test database waits for a lock another one holds. */
async function waitForLockWait(): Promise<void> {
  for (;;) {
    const { rows } = await testDb.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0`,
    );
    if (rows[0]!.n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
