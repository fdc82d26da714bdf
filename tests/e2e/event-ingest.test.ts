// Ingest of record batches from real simulated devices into real PostgreSQL: once per record
// whichever path it took, rejections recorded, gaps reported and later filled.
import {
  decodeRecordBatch,
  encodeEventRecord,
  decodeEventRecord,
  encodeRecordBatch,
  generateSigningKeyPair,
  parseChainHead,
  signChainHead,
} from '@portvakt/protocol';
import { createTestDatabase, type TestDatabase } from '@portvakt/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRecordBatches } from '@portvakt/server';
import { createEventWorld, type EventWorld } from './event-log.world';

let db: TestDatabase;
let w: EventWorld;

beforeAll(async () => {
  db = await createTestDatabase();
  w = await createEventWorld(db.pool);
}, 60_000);
afterAll(async () => db?.drop());

const count = async (sql: string, params: unknown[] = []) =>
  Number((await db.pool.query<{ n: string }>(sql, params)).rows[0]!.n);

describe('ingest of device records', () => {
  it('stores a lock record carried by a key and re-read by a phone once, with both times', async () => {
    await w.box.activate(w.keyA, '1234');
    expect(await w.keyA.openLock(w.locks.apartment)).toEqual({ isOpen: true });
    w.world.advance(60);
    const first = await w.station.sync(w.keyA);
    expect(first).toMatchObject({ isSynced: true, receipt: { findings: [] } });
    const lockRecords = w.locks.apartment.recordSequence;
    expect(lockRecords).toBeGreaterThan(0);
    // The phone reads the lock's whole log again (e.g. a service re-read) and uploads it too.
    expect(await w.phoneA.login('anna', 'hemligt')).toEqual({ isLoggedIn: true });
    w.phoneA.restoreCarriedRecords([await w.locks.apartment.exportRecords(0)]);
    const receipt = await w.phoneA.uploadRecords();
    expect(receipt!.findings).toEqual([]);
    expect(receipt!.duplicates).toBe(lockRecords);
    const lockDevice = await db.pool.query<{ device_id: string }>(
      'SELECT id AS device_id FROM device_enrolment WHERE lock_device_id = $1',
      [w.lockIds.apartment],
    );
    const deviceId = lockDevice.rows[0]!.device_id;
    expect(await count('SELECT count(*) AS n FROM device_event WHERE device_id = $1', [deviceId])).toBe(
      lockRecords,
    );
    expect(
      await count('SELECT count(*) AS n FROM (SELECT DISTINCT device_id, sequence FROM device_event) d'),
    ).toBe(await count('SELECT count(*) AS n FROM device_event'));
    const { rows } = await db.pool.query(
      `SELECT device_time, received_at, occurred_at, staff_pseudonym, key_id, door_id, lock_number, reason
       FROM device_event WHERE device_id = $1 AND kind = 1`,
      [deviceId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      staff_pseudonym: w.staffA.pseudonym,
      key_id: w.keyIds.keyA,
      door_id: w.apartment,
      lock_number: 2,
      reason: 0,
    });
    expect(rows[0].received_at.getTime()).toBeGreaterThanOrEqual(rows[0].device_time.getTime() - 1000);
    // The newest lock record's battery reached the inventory.
    const battery = await db.pool.query('SELECT battery_level FROM lock_device WHERE id = $1', [
      w.lockIds.apartment,
    ]);
    expect(battery.rows[0].battery_level).toBe(decodeEventRecord(w.locks.apartment.records.at(-1)!).battery);
  });

  it('rejects a batch whose head is signed by another key, whole, and records the rejection', async () => {
    await w.keyA.openLock(w.locks.entrance);
    const [batch] = w.keyA.takeCarriedRecords();
    const { head } = parseChainHead(batch!.head);
    const forged = await signChainHead(head, (await generateSigningKeyPair()).privateKey);
    const before = await count('SELECT count(*) AS n FROM device_event');
    const receipt = await ingestRecordBatches(
      db.pool,
      w.municipalityId,
      [encodeRecordBatch({ head: forged, records: batch!.records })],
      { kind: 'sync_station', deviceId: 'station-x' },
    );
    expect(receipt.stored).toBe(0);
    expect(receipt.findings.join()).toMatch(/batch refused: .*signature invalid/);
    expect(await count('SELECT count(*) AS n FROM device_event')).toBe(before);
    expect(
      await count(
        `SELECT count(*) AS n FROM event_finding WHERE kind = 'rejected_batch' AND batch IS NOT NULL`,
      ),
    ).toBe(1);
    // The genuine batch is still accepted afterwards.
    const genuine = await ingestRecordBatches(db.pool, w.municipalityId, [encodeRecordBatch(batch!)], {
      kind: 'sync_station',
      deviceId: 'station-x',
    });
    expect(genuine).toMatchObject({ stored: batch!.records.length, findings: [] });
  });

  it('rejects a batch with an altered record (broken chain) and applies nothing of it', async () => {
    const from = w.locks.entrance.recordSequence;
    await w.keyA.openLock(w.locks.entrance);
    await w.keyA.openLock(w.locks.entrance);
    w.keyA.takeCarriedRecords();
    const batch = await w.locks.entrance.exportRecords(from);
    expect(batch.records.length).toBeGreaterThanOrEqual(2);
    const records = [...batch.records];
    const altered = decodeEventRecord(records[0]!);
    records[0] = encodeEventRecord({ ...altered, staff: 'someone-else' });
    const before = await count('SELECT count(*) AS n FROM device_event');
    const receipt = await ingestRecordBatches(
      db.pool,
      w.municipalityId,
      [encodeRecordBatch({ head: batch.head, records })],
      {
        kind: 'phone',
        deviceId: w.keyIds.phoneA,
      },
    );
    expect(receipt.stored).toBe(0);
    expect(receipt.findings.join()).toMatch(/batch refused: chain-broken: .*record \d+ does not link/);
    expect(await count('SELECT count(*) AS n FROM device_event')).toBe(before);
    const dropped = decodeRecordBatch(
      encodeRecordBatch({ head: batch.head, records: batch.records.slice(1) }),
    );
    const second = await ingestRecordBatches(db.pool, w.municipalityId, [encodeRecordBatch(dropped)], {
      kind: 'phone',
      deviceId: w.keyIds.phoneA,
    });
    expect(second.findings.join()).toMatch(/head covers 2 records, batch has 1|chain-broken|batch refused/);
    expect(
      await count(
        `SELECT count(*) AS n FROM event_finding WHERE kind = 'rejected_batch' AND source_kind = 'phone'`,
      ),
    ).toBe(2);
    const ok = await ingestRecordBatches(db.pool, w.municipalityId, [encodeRecordBatch(batch)], {
      kind: 'phone',
      deviceId: w.keyIds.phoneA,
    });
    expect(ok).toMatchObject({ stored: batch.records.length, duplicates: 0, findings: [] });
  });

  it('reports a lost batch as a gap, and fills it when the lock is read again', async () => {
    const lock = w.locks.other;
    await w.keyA.openLock(lock);
    await w.station.sync(w.keyA);
    const storedUpTo = lock.recordSequence;
    await w.keyA.openLock(lock);
    w.keyA.takeCarriedRecords(); // the key is lost with these records on it
    await w.keyA.openLock(lock);
    const receipt = await w.station.sync(w.keyA);
    expect(receipt.isSynced).toBe(true);
    const findings = receipt.receipt!.findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatch(new RegExp(`records ${storedUpTo + 1}\\.\\.\\d+ missing`));
    const lockId = (
      await db.pool.query<{ id: string }>('SELECT id FROM device_enrolment WHERE lock_device_id = $1', [
        w.lockIds.other,
      ])
    ).rows[0]!.id;
    const gaps = await db.pool.query(
      `SELECT first_sequence, last_sequence FROM event_finding WHERE kind = 'gap' AND device_id = $1`,
      [lockId],
    );
    expect(gaps.rows).toHaveLength(1);
    expect(await count('SELECT count(*) AS n FROM device_gap WHERE device_id = $1', [lockId])).toBe(1);
    const refill = await ingestRecordBatches(
      db.pool,
      w.municipalityId,
      [encodeRecordBatch(await lock.exportRecords(storedUpTo))],
      { kind: 'adapter', deviceId: 'lock-reader' },
    );
    expect(refill.stored).toBe(Number(gaps.rows[0].last_sequence) - storedUpTo);
    expect(refill.findings.join()).toMatch(/missing records .* arrived/);
    expect(await count('SELECT count(*) AS n FROM device_gap WHERE device_id = $1', [lockId])).toBe(0);
    const seqs = await db.pool.query<{ sequence: number }>(
      'SELECT sequence FROM device_event WHERE device_id = $1 ORDER BY sequence',
      [lockId],
    );
    expect(seqs.rows.map((r) => Number(r.sequence))).toEqual(
      Array.from({ length: lock.recordSequence }, (_, i) => i + 1),
    );
  });

  it('refuses records from a device enrolled in another municipality', async () => {
    const other = await createEventWorld(db.pool);
    await other.box.activate(other.keyA, '1234');
    await other.keyA.openLock(other.locks.apartment);
    const batches = other.keyA.takeCarriedRecords().map(encodeRecordBatch);
    const receipt = await ingestRecordBatches(db.pool, w.municipalityId, batches, {
      kind: 'sync_station',
      deviceId: 'x',
    });
    expect(receipt.stored).toBe(0);
    expect(receipt.findings.join()).toMatch(/not enrolled in this municipality/);
  });
});
