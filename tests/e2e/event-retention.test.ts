// Retention and verify-log over records made by real simulated devices.
import { encodeRecordBatch } from '@portvakt/protocol';
import {
  placeLegalHold,
  runEventRetention,
  verifyEventLog,
  monthsBefore,
  ensureEventPartitions,
} from '@portvakt/storage';
import { createTestDatabase, type TestDatabase } from '@portvakt/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRecordBatches } from '@portvakt/server';
import { createEventWorld, type EventWorld } from './event-log.world';

let db: TestDatabase;
let w: EventWorld;
const day = 86_400;
const now = new Date();

beforeAll(async () => {
  db = await createTestDatabase();
  // Start 27 months ago; make sure those months have partitions of their own.
  const start = Math.floor(monthsBefore(now, 27).getTime() / 1000);
  await ensureEventPartitions(db.pool, monthsBefore(now, 28), 6);
  w = await createEventWorld(db.pool, start);
}, 60_000);
afterAll(async () => db?.drop());

/** Opens `lock` with key A at world time `at` and ingests only the lock's batch. */
async function openAt(at: number, lock: EventWorld['locks']['apartment']) {
  w.world.advance(at - w.world.now());
  await w.box.activate(w.keyA, '1234');
  await w.keyA.openLock(lock);
  const batches = w.keyA.takeCarriedRecords().map(encodeRecordBatch);
  const receipt = await ingestRecordBatches(db.pool, w.municipalityId, batches, {
    kind: 'sync_station',
    deviceId: 's',
  });
  expect(receipt.findings).toEqual([]);
}

const nowS = Math.floor(now.getTime() / 1000);
const cutoffS = Math.floor(monthsBefore(now, 24).getTime() / 1000);

describe('retention', () => {
  it('removes exactly what is older than 24 months, and nothing under legal hold', async () => {
    const times = [
      Math.floor(monthsBefore(now, 26).getTime() / 1000),
      cutoffS - 2 * day,
      cutoffS + 2 * day,
      nowS - 3600,
    ];
    for (const t of times) {
      await openAt(t, w.locks.apartment);
      await openAt(t + 60, w.locks.other);
    }
    await placeLegalHold(db.pool, {
      municipalityId: w.municipalityId,
      customerId: w.otherCustomer,
      reason: 'Polisutredning',
      placedBy: 'test',
    });
    const total = Number((await db.pool.query('SELECT count(*) FROM device_event')).rows[0].count);
    const old = Number(
      (
        await db.pool.query('SELECT count(*) FROM device_event WHERE occurred_at < $1', [
          new Date(cutoffS * 1000),
        ])
      ).rows[0].count,
    );
    const oldHeld = Number(
      (
        await db.pool.query('SELECT count(*) FROM device_event WHERE occurred_at < $1 AND door_id = $2', [
          new Date(cutoffS * 1000),
          w.otherApartment,
        ])
      ).rows[0].count,
    );
    expect(old).toBeGreaterThan(oldHeld);
    expect(oldHeld).toBeGreaterThan(0);

    const dry = await runEventRetention(db.pool, { now, trigger: 'manual', actor: 'test', isDryRun: true });
    expect(dry.rowsRemoved).toBe(old);
    expect(Number((await db.pool.query('SELECT count(*) FROM device_event')).rows[0].count)).toBe(total);

    const report = await runEventRetention(db.pool, { now, trigger: 'manual', actor: 'test' });
    expect(report.rowsRemoved).toBe(old);
    expect(report.rowsHeld).toBe(oldHeld);
    expect(report.partitionsDropped.length).toBeGreaterThan(0);
    const left = await db.pool.query<{ n: string; oldest: Date }>(
      'SELECT count(*) AS n, min(occurred_at) AS oldest FROM device_event',
    );
    expect(Number(left.rows[0]!.n)).toBe(total - old);
    expect(left.rows[0]!.oldest.getTime()).toBeGreaterThanOrEqual(cutoffS * 1000);
    const held = await db.pool.query(
      'SELECT count(*) FROM device_event_all WHERE door_id = $1 AND occurred_at < $2',
      [w.otherApartment, new Date(cutoffS * 1000)],
    );
    expect(Number(held.rows[0].count)).toBe(oldHeld);
    // The dry run left no trace; the real one is recorded with the ranges it cut.
    const runs = await db.pool.query('SELECT is_dry_run, rows_removed FROM retention_run ORDER BY id');
    expect(runs.rows.map((r) => [r.is_dry_run, Number(r.rows_removed)])).toEqual([[false, old]]);
    const cut = await db.pool.query('SELECT sum(records)::integer AS n FROM device_retention_cut');
    expect(cut.rows[0].n).toBe(old - oldHeld);
    // What retention removed is not a finding.
    const verified = await verifyEventLog(db.pool, { municipalityId: w.municipalityId, isRecording: false });
    expect(verified.findings.filter((f) => f.kind !== 'gap')).toEqual([]);
    expect(verified.retentionRemoved).toBe(old - oldHeld);
  });
});

describe('verify-log', () => {
  it('passes an untouched log and finds a record altered directly in the database', async () => {
    const clean = await verifyEventLog(db.pool, { municipalityId: w.municipalityId });
    expect(clean.findings.filter((f) => f.kind !== 'gap')).toEqual([]);
    expect(clean.records).toBeGreaterThan(0);
    expect(clean.heads).toBeGreaterThan(0);
    // Someone with database access rewrites who opened the newest door event.
    await db.superuser.query(
      `UPDATE device_event SET staff_pseudonym = 'ps-someone-else'
       WHERE (device_id, sequence) = (SELECT device_id, max(sequence) FROM device_event WHERE kind = 1 AND door_id = $1
         GROUP BY device_id)`,
      [w.apartment],
    );
    const altered = await verifyEventLog(db.pool, { municipalityId: w.municipalityId });
    expect(altered.findings.map((f) => f.message).join('\n')).toMatch(
      /stored staff differ from the signed record/,
    );
    // Rewriting the record bytes themselves breaks the chain and the signed head.
    await db.superuser.query(
      `UPDATE device_event SET record = set_byte(record, 40, get_byte(record, 40) # 1)
       WHERE (device_id, sequence) = (SELECT device_id, min(sequence) FROM device_event WHERE door_id = $1 GROUP BY device_id)`,
      [w.apartment],
    );
    const rewritten = await verifyEventLog(db.pool, { municipalityId: w.municipalityId });
    expect(rewritten.findings.some((f) => f.kind === 'broken_chain' || f.kind === 'altered_record')).toBe(
      true,
    );
    const recorded = await db.pool.query(`SELECT count(*) FROM event_finding WHERE found_by = 'verify-log'`);
    expect(Number(recorded.rows[0].count)).toBeGreaterThan(0);
  });
});
