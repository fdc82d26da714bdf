// The audit trail between and across signed checkpoints (issue #9 items 7 and 12): entries are
// chained at insert in commit order, so removing one after the last checkpoint is found, a
// late-committing lower id is no false alarm, and retention cuts a prefix that verification
// starts from.
import { randomBytes } from 'node:crypto';
import { appendAudit, runEventRetention, verifyEventLog } from '@portvakt/storage';
import { createTestDatabase, type TestDatabase } from '@portvakt/storage/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createAuditCheckpoints } from './audit-checkpoint';
import { IssuerKeyStore } from '../devices/issuer-keys';

let db: TestDatabase | undefined;
afterEach(async () => {
  await db?.drop();
  db = undefined;
});

async function setup(): Promise<{ m: string; keys: IssuerKeyStore }> {
  db = await createTestDatabase();
  const { rows } = await db.pool.query<{ id: string }>(
    "INSERT INTO municipality (code, name) VALUES ('9911', 'Kedjeby') RETURNING id",
  );
  return { m: rows[0]!.id, keys: new IssuerKeyStore(db.pool, randomBytes(32)) };
}

const entry = (m: string, action: string) => ({
  municipalityId: m,
  actorLabel: 'test',
  action,
  entity: 'district',
  after: { name: `Distrikt ${action}`, note: 'åäö "quoted" \\ \u0001' },
});

async function auditFindings(m: string): Promise<string[]> {
  const result = await verifyEventLog(db!.pool, { municipalityId: m, isRecording: false });
  return result.findings.filter((f) => f.kind === 'audit_trail').map((f) => f.message);
}

/** Deletes as the superuser with triggers off: someone with full database access. */
async function removeEntry(id: number): Promise<void> {
  const client = await db!.superuser.connect();
  try {
    await client.query('SET session_replication_role = replica');
    await client.query('DELETE FROM audit_entry WHERE id = $1', [id]);
  } finally {
    await client.query('SET session_replication_role = origin');
    client.release();
  }
}

describe('audit chain', () => {
  it('verifies entries written after the last checkpoint, and finds one removed there', async () => {
    const { m, keys } = await setup();
    for (let i = 0; i < 3; i++) await appendAudit(db!.pool, entry(m, `a${i}`));
    expect(await createAuditCheckpoints(db!.pool, keys)).toBe(1);
    for (let i = 0; i < 4; i++) await appendAudit(db!.pool, entry(m, `b${i}`));
    const clean = await verifyEventLog(db!.pool, { municipalityId: m, isRecording: false });
    expect(clean.findings).toEqual([]);
    expect(clean.auditEntries).toBe(7);
    expect(clean.checkpoints).toBe(1);
    const { rows } = await db!.pool.query<{ id: number }>(
      "SELECT id FROM audit_entry WHERE municipality_id = $1 AND action IN ('b1', 'b3') ORDER BY id",
      [m],
    );
    // One in the middle: its successor no longer links.
    await removeEntry(rows[0]!.id);
    expect((await auditFindings(m)).join('\n')).toMatch(/chain positions 5\.\.5 are missing/);
    // The newest one: the chain's end says there was more.
    await removeEntry(rows[1]!.id);
    expect((await auditFindings(m)).join('\n')).toMatch(/newest entries \(positions 7\.\.7\) are missing/);
  });

  it('verifies a trail that has no checkpoint yet, and finds an altered entry', async () => {
    const { m } = await setup();
    for (let i = 0; i < 3; i++) await appendAudit(db!.pool, entry(m, `a${i}`));
    // Before any checkpoint (a fresh demo): the entries are still verified, link by link.
    const fresh = await verifyEventLog(db!.pool, { municipalityId: m, isRecording: false });
    expect(fresh).toMatchObject({ auditEntries: 3, auditChains: 1, checkpoints: 0, findings: [] });
    const client = await db!.superuser.connect();
    await client.query('SET session_replication_role = replica');
    await client.query("UPDATE audit_entry SET actor_label = 'someone else' WHERE action = 'a1'");
    client.release();
    expect((await auditFindings(m)).join('\n')).toMatch(/was altered/);
  });

  it('walks in commit order: a lower id committed after a checkpoint is no false alarm', async () => {
    const { m, keys } = await setup();
    await appendAudit(db!.pool, entry(m, 'first'));
    await keys.getActive(m); // its creation is audited: not while the slow transaction holds the chain
    // A transaction that took its id early commits late: meanwhile a checkpoint is signed.
    const slow = await db!.pool.connect();
    try {
      await slow.query('BEGIN');
      await slow.query(
        `INSERT INTO audit_entry (id, municipality_id, actor_label, action, entity) OVERRIDING SYSTEM VALUE
         VALUES (0, $1, 'slow', 'late', 'district')`,
        [m],
      );
      await createAuditCheckpoints(db!.pool, keys);
      await slow.query('COMMIT');
    } finally {
      slow.release();
    }
    await appendAudit(db!.pool, entry(m, 'after'));
    await createAuditCheckpoints(db!.pool, keys);
    const result = await verifyEventLog(db!.pool, { municipalityId: m, isRecording: false });
    expect(result.findings).toEqual([]);
    expect(result.checkpoints).toBe(2);
    const { rows } = await db!.pool.query<{ id: number; seq: number }>(
      'SELECT id, chain_seq AS seq FROM audit_entry WHERE municipality_id = $1 ORDER BY chain_seq',
      [m],
    );
    expect(rows[1]!.id).toBe(0); // second in the chain, lowest id
  });
});

describe('retention of the audit trail and the read log', () => {
  it('cuts an old prefix, keeps what a legal hold concerns, stays verifiable, and a dry run leaves no trace', async () => {
    const { m, keys } = await setup();
    const customer = await db!.pool.query<{ id: string }>(
      `WITH d AS (INSERT INTO district (municipality_id, code, name) VALUES ($1, 'D1', 'Norr') RETURNING id)
       INSERT INTO customer (municipality_id, district_id, given_name, family_name)
       SELECT $1, id, 'Gun', 'Ahmed' FROM d RETURNING id`,
      [m],
    );
    const heldCustomer = customer.rows[0]!.id;
    // Old entries (40 and 38 months ago), one about a customer placed under legal hold later.
    const old = (months: number, action: string, entityId: string | null = null) =>
      db!.pool.query(
        `INSERT INTO audit_entry (municipality_id, occurred_at, actor_label, action, entity, entity_id)
         VALUES ($1, now() - make_interval(months => $2), 'test', $3, 'customer', $4)`,
        [m, months, action, entityId],
      );
    await old(40, 'old-1');
    await old(40, 'old-2');
    await old(39, 'old-held', heldCustomer);
    await old(38, 'old-3');
    await appendAudit(db!.pool, entry(m, 'young'));
    await createAuditCheckpoints(db!.pool, keys);
    for (const months of [30, 10])
      await db!.pool.query(
        `INSERT INTO event_read_log (municipality_id, occurred_at, actor_label, query_kind, subject_kind, subject_id, row_count)
         VALUES ($1, now() - make_interval(months => $2), 'test', 'list', 'customer', $3, 0),
                ($1, now() - make_interval(months => $2), 'test', 'list', 'lock', 'x', 0)`,
        [m, months, heldCustomer],
      );
    await db!.pool.query(
      `INSERT INTO legal_hold (municipality_id, customer_id, reason, placed_by) VALUES ($1, $2, 'Utredning', 'test')`,
      [m, heldCustomer],
    );
    const counts = async () =>
      (
        await db!.pool.query<{ audit: number; reads: number; runs: number }>(
          `SELECT (SELECT count(*)::integer FROM audit_entry WHERE municipality_id = $1) AS audit,
             (SELECT count(*)::integer FROM event_read_log WHERE municipality_id = $1) AS reads,
             (SELECT count(*)::integer FROM retention_run) AS runs`,
          [m],
        )
      ).rows[0]!;
    const before = await counts();

    const dry = await runEventRetention(db!.pool, { trigger: 'manual', actor: 'test', isDryRun: true });
    expect(dry.auditEntriesRemoved).toBe(2);
    expect(dry.readLogRowsRemoved).toBe(1);
    expect(dry.runId).toBeNull();
    expect(await counts()).toEqual(before);

    const run = await runEventRetention(db!.pool, { trigger: 'manual', actor: 'test' });
    // The prefix stops at the first entry about the held customer: old-1 and old-2 go.
    expect(run.auditEntriesRemoved).toBe(2);
    // 30-month-old read of the lock goes; the held customer's read stays; 10-month-old ones stay.
    expect(run.readLogRowsRemoved).toBe(1);
    expect(await counts()).toEqual({
      audit: before.audit - 2,
      reads: before.reads - 1,
      runs: before.runs + 1,
    });
    const cut = await db!.pool.query('SELECT up_to_seq, entries_removed FROM audit_retention_cut');
    expect(cut.rows).toEqual([{ up_to_seq: 2, entries_removed: 2 }]);
    // What remains verifies from the cut, and so does the checkpoint signed before it.
    await appendAudit(db!.pool, entry(m, 'later'));
    await createAuditCheckpoints(db!.pool, keys);
    const result = await verifyEventLog(db!.pool, { municipalityId: m, isRecording: false });
    expect(result.findings).toEqual([]);
    expect(result.auditEntries).toBe(before.audit - 2 + 1);
    // Once the hold is released, the rest of the old prefix goes at the next run.
    await db!.pool.query(
      'UPDATE legal_hold SET released_at = now(), released_by = $2 WHERE customer_id = $1',
      [heldCustomer, 'test'],
    );
    const next = await runEventRetention(db!.pool, { trigger: 'manual', actor: 'test' });
    expect(next.auditEntriesRemoved).toBe(2);
    expect((await verifyEventLog(db!.pool, { municipalityId: m, isRecording: false })).findings).toEqual([]);
  });
});
