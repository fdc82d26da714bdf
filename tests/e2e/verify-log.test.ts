// verify-log against deletions (issue #9 item 6): each test builds a fresh log from real
// simulated devices, then plays someone with database access (the superuser, past every trigger)
// removing records, and verify-log must say so. Retention cuts are not findings (see
// event-retention.test.ts).
import { createHash } from 'node:crypto';
import { encodeRecordBatch } from '@portvakt/protocol';
import { verifyEventLog, type VerifyLogFinding } from '@portvakt/storage';
import { createTestDatabase, type TestDatabase } from '@portvakt/storage/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestRecordBatches } from '@portvakt/server';
import { createEventWorld, type EventWorld } from './event-log.world';

// One fixed instant (2026-09-01T08:00:00Z): nothing here depends on today's date.
const start = Date.UTC(2026, 8, 1, 8) / 1000;
const openings = 6;

let db: TestDatabase | undefined;
afterEach(async () => {
  await db?.drop();
  db = undefined;
});

/** A log where key A opened the apartment lock `openings` times, each uploaded as its own batch. */
async function freshLog(): Promise<{ w: EventWorld; deviceId: string; last: number }> {
  db = await createTestDatabase();
  const w = await createEventWorld(db.pool, start);
  for (let i = 0; i < openings; i++) {
    w.world.advance(3600);
    await w.box.activate(w.keyA, '1234');
    await w.keyA.openLock(w.locks.apartment);
    const batches = w.keyA.takeCarriedRecords().map(encodeRecordBatch);
    const receipt = await ingestRecordBatches(db.pool, w.municipalityId, batches, {
      kind: 'sync_station',
      deviceId: 's',
    });
    expect(receipt.findings).toEqual([]);
  }
  const { rows } = await db.pool.query<{ id: string; last: number }>(
    `SELECT e.id, c.last_sequence AS last FROM device_enrolment e JOIN device_chain c ON c.device_id = e.id
     WHERE e.lock_device_id = $1`,
    [w.lockIds.apartment],
  );
  const clean = await verifyEventLog(db.pool, { municipalityId: w.municipalityId, isRecording: false });
  expect(clean.findings.filter((f) => f.kind !== 'gap')).toEqual([]);
  expect(clean.records).toBeGreaterThanOrEqual(openings);
  return { w, deviceId: rows[0]!.id, last: Number(rows[0]!.last) };
}

/** Runs SQL as the superuser with every trigger off: the strongest tampering there is. */
async function tamper(sql: string, values: unknown[] = []): Promise<void> {
  const client = await db!.superuser.connect();
  try {
    await client.query('SET session_replication_role = replica');
    await client.query(sql, values);
  } finally {
    await client.query('SET session_replication_role = origin');
    client.release();
  }
}

async function findings(w: EventWorld): Promise<VerifyLogFinding[]> {
  const result = await verifyEventLog(db!.pool, { municipalityId: w.municipalityId, isRecording: false });
  return result.findings.filter((f) => f.kind !== 'gap');
}

describe('verify-log finds deleted records', () => {
  it("the device's newest record", async () => {
    const { w, deviceId, last } = await freshLog();
    await tamper('DELETE FROM device_event WHERE device_id = $1 AND sequence = $2', [deviceId, last]);
    const found = await findings(w);
    expect(found).toContainEqual(
      expect.objectContaining({
        kind: 'missing_record',
        deviceId,
        message: expect.stringContaining(`records ${last}..${last} are missing`),
      }),
    );
    // The signed head that named it says so too.
    expect(
      found.some((f) => f.message.includes(`record ${last}, named by a signed chain head, is missing`)),
    ).toBe(true);
  });

  it('its last three records, with the chain row rewound', async () => {
    const { w, deviceId, last } = await freshLog();
    await tamper('DELETE FROM device_event WHERE device_id = $1 AND sequence > $2', [deviceId, last - 3]);
    // Rewinding the chain row does not hide them: the newest signed head bounds the tail.
    await tamper('UPDATE device_chain SET last_sequence = $2, stored_records = $2 WHERE device_id = $1', [
      deviceId,
      last - 3,
    ]);
    expect(await findings(w)).toContainEqual(
      expect.objectContaining({
        kind: 'missing_record',
        deviceId,
        message: expect.stringContaining(`records ${last - 2}..${last} are missing`),
      }),
    );
  });

  it('its first record', async () => {
    const { w, deviceId } = await freshLog();
    await tamper('DELETE FROM device_event WHERE device_id = $1 AND sequence = 1', [deviceId]);
    expect(await findings(w)).toContainEqual(
      expect.objectContaining({
        kind: 'missing_record',
        deviceId,
        message: expect.stringContaining('records 1..1 are missing'),
      }),
    );
  });

  it('a cleanly cut tail: records, their signed heads and the chain row rewound together', async () => {
    const { w, deviceId, last } = await freshLog();
    const keep = last - 2;
    const { rows } = await db!.superuser.query<{ record: Buffer }>(
      'SELECT record FROM device_event WHERE device_id = $1 AND sequence = $2',
      [deviceId, keep],
    );
    const keptHash = createHash('sha256').update(rows[0]!.record).digest();
    await tamper(
      `DELETE FROM device_event WHERE device_id = $1 AND sequence > $2;
       DELETE FROM device_chain_head WHERE device_id = $1 AND sequence > $2;
       UPDATE device_chain SET last_sequence = $2, last_hash = $3, stored_records = stored_records - 2
       WHERE device_id = $1`
        .replace(/\$1/g, `'${deviceId}'`)
        .replace(/\$2/g, String(keep))
        .replace(/\$3/g, `'\\x${keptHash.toString('hex')}'`),
    );
    const found = await findings(w);
    // The device's own view is consistent now; the municipality's head ledger is not.
    expect(found).toContainEqual(
      expect.objectContaining({
        kind: 'head_ledger',
        message: expect.stringMatching(/signed chain heads .* missing/),
      }),
    );
  });

  it("a device's whole history: records, heads and chain row", async () => {
    const { w, deviceId } = await freshLog();
    for (const table of ['device_event', 'device_chain_head', 'device_chain', 'device_gap'])
      await tamper(`DELETE FROM ${table} WHERE device_id = $1`, [deviceId]);
    const found = await findings(w);
    expect(found).toContainEqual(
      expect.objectContaining({
        kind: 'head_ledger',
        message: expect.stringMatching(/signed chain heads .* missing/),
      }),
    );
  });

  it('a device whose chain row is gone is still checked, and reported', async () => {
    const { w, deviceId } = await freshLog();
    await tamper('DELETE FROM device_chain WHERE device_id = $1', [deviceId]);
    // Also alter one of its records: without a chain row it used to be skipped silently.
    await tamper(
      "UPDATE device_event SET staff_pseudonym = 'ps-nobody' WHERE device_id = $1 AND sequence = 1",
      [deviceId],
    );
    const found = await findings(w);
    expect(found).toContainEqual(expect.objectContaining({ kind: 'missing_chain', deviceId }));
    expect(found).toContainEqual(expect.objectContaining({ kind: 'altered_record', deviceId, sequence: 1 }));
  });
});
