// Visits derived at ingest from real simulated devices' signed lock records (R5.1; docs/visits.md
// "Derivation"): an arrival and a departure at the customer's apartment door make one visit that
// links to both stored records; a departure in a later upload completes the open visit; entrances
// make no visit; records uploaded twice make nothing twice; a visit overlapping one registered by
// hand is stored all the same and raised for the work lead; a municipality can switch it off.
import { findVisitExceptions } from '@portvakt/core';
import { encodeRecordBatch } from '@portvakt/protocol';
import { ingestRecordBatches } from '@portvakt/server';
import { insertVisit, readExceptionInputs } from '@portvakt/storage';
import { createTestDatabase, type TestDatabase } from '@portvakt/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventWorld, type EventWorld } from './event-log.world';

const start = Date.parse('2026-03-02T06:00:00Z') / 1000;
let db: TestDatabase;
let w: EventWorld;

beforeAll(async () => {
  db = await createTestDatabase();
  w = await createEventWorld(db.pool, start);
  await w.box.activate(w.keyA, '1234');
  await w.box.activate(w.keyB, '5678');
}, 60_000);
afterAll(async () => db?.drop());

/** Uploads a lock's records after `afterSequence` as a sync station would, at the world's time. */
async function upload(lock: EventWorld['locks']['apartment'], afterSequence = 0) {
  const batch = encodeRecordBatch(await lock.exportRecords(afterSequence));
  return ingestRecordBatches(
    db.pool,
    w.municipalityId,
    [batch],
    { kind: 'sync_station', deviceId: 'station-1' },
    { now: new Date((w.world.now() + 60) * 1000) },
  );
}

interface VisitRow {
  visit_id: string;
  state: string;
  source: string;
  arrival_at: Date;
  departure_at: Date | null;
  staff_member_ids: string[];
  provider_id: string;
}
const visitsOf = async (customerId: string) =>
  (
    await db.pool.query<VisitRow>(
      `SELECT visit_id, state, source, arrival_at, departure_at, staff_member_ids, provider_id
       FROM visit WHERE customer_id = $1 AND superseded_at IS NULL ORDER BY arrival_at`,
      [customerId],
    )
  ).rows;

describe('visit derivation at ingest', () => {
  it('makes one visit from an arrival and a departure, linked to the two signed records', async () => {
    const arrival = w.world.now();
    expect(await w.keyA.openLock(w.locks.entrance)).toEqual({ isOpen: true });
    expect(await w.keyA.openLock(w.locks.apartment)).toEqual({ isOpen: true });
    w.world.advance(25 * 60);
    expect(await w.keyA.openLock(w.locks.apartment)).toEqual({ isOpen: true });
    await upload(w.locks.entrance);
    expect((await upload(w.locks.apartment)).findings).toEqual([]);

    const visits = await visitsOf(w.customer);
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({
      state: 'registered',
      source: 'lock',
      staff_member_ids: [w.staffA.id],
      provider_id: w.providerA,
      arrival_at: new Date(arrival * 1000),
      departure_at: new Date((arrival + 25 * 60) * 1000),
    });
    // Each link names a stored, signed opening at the customer's door by that staff member.
    const { rows } = await db.pool.query(
      `SELECT r.role, e.kind, e.result, e.door_id, e.staff_pseudonym, e.occurred_at, length(e.record) > 0 AS has_bytes
       FROM visit v
         CROSS JOIN LATERAL (VALUES ('arrival', v.arrival_device_id, v.arrival_sequence),
                                    ('departure', v.departure_device_id, v.departure_sequence)) r(role, device_id, sequence)
         JOIN device_event e ON e.device_id = r.device_id AND e.sequence = r.sequence
       WHERE v.visit_id = $1 ORDER BY e.occurred_at`,
      [visits[0]!.visit_id],
    );
    expect(rows).toEqual([
      expect.objectContaining({ role: 'arrival', kind: 1, result: 0, door_id: w.apartment, has_bytes: true }),
      expect.objectContaining({
        role: 'departure',
        kind: 1,
        result: 0,
        door_id: w.apartment,
        has_bytes: true,
      }),
    ]);
    expect(rows.every((r) => r.staff_pseudonym === w.staffA.pseudonym)).toBe(true);
  });

  it('completes a visit whose departure comes in a later upload, and makes nothing twice', async () => {
    const uploaded = w.locks.apartment.recordSequence;
    w.world.advance(3 * 3600);
    const arrival = w.world.now();
    await w.keyA.openLock(w.locks.apartment);
    await upload(w.locks.apartment, uploaded);
    expect((await visitsOf(w.customer)).at(-1)).toMatchObject({ state: 'incomplete', departure_at: null });

    w.world.advance(40 * 60);
    await w.keyA.openLock(w.locks.apartment);
    await upload(w.locks.apartment, uploaded + 1);
    // The whole log again (a service re-read): every record is a duplicate, no visit changes.
    const again = await upload(w.locks.apartment, 0);
    expect(again.stored).toBe(0);

    const visits = await visitsOf(w.customer);
    expect(visits).toHaveLength(2);
    expect(visits[1]).toMatchObject({
      state: 'registered',
      arrival_at: new Date(arrival * 1000),
      departure_at: new Date((arrival + 40 * 60) * 1000),
    });
    const links = await db.pool.query(
      `SELECT count(*)::int AS n FROM visit v JOIN device_event e
         ON (e.device_id, e.sequence) IN ((v.arrival_device_id, v.arrival_sequence), (v.departure_device_id, v.departure_sequence))
       WHERE v.visit_id = $1 AND v.superseded_at IS NULL`,
      [visits[1]!.visit_id],
    );
    expect(links.rows[0].n).toBe(2);
  });

  it('leaves a lone opening as an incomplete visit of the staff member’s own provider', async () => {
    w.world.advance(3600);
    await w.keyB.openLock(w.locks.other);
    await upload(w.locks.other);
    expect(await visitsOf(w.otherCustomer)).toEqual([
      expect.objectContaining({
        state: 'incomplete',
        staff_member_ids: [w.staffB.id],
        provider_id: w.providerB,
      }),
    ]);
  });

  it('keeps a visit overlapping one registered by hand, and raises the pair for the work lead', async () => {
    // The records are what the lock signed: the upload is never refused for them and the visit
    // they make is stored; the work lead sees the two and declines one (docs/visits.md).
    w.world.advance(3 * 3600);
    const arrival = w.world.now();
    const manualId = await insertVisit(db.pool, {
      municipalityId: w.municipalityId,
      providerId: w.providerA,
      customerId: w.customer,
      source: 'manual',
      staffMemberIds: [w.staffA.id],
      state: 'registered',
      arrival: new Date((arrival - 5 * 60) * 1000),
      departure: new Date((arrival + 30 * 60) * 1000),
      services: ['meals'],
      declinedReason: null,
      note: null,
      createdBy: 'work-lead',
    });
    const uploaded = w.locks.apartment.recordSequence;
    await w.keyA.openLock(w.locks.apartment);
    w.world.advance(20 * 60);
    await w.keyA.openLock(w.locks.apartment);
    const result = await upload(w.locks.apartment, uploaded);
    expect([result.stored, result.findings]).toEqual([2, []]);

    const lockVisit = (await visitsOf(w.customer)).find(
      (v) => v.source === 'lock' && v.arrival_at.getTime() === arrival * 1000,
    );
    expect(lockVisit).toMatchObject({ state: 'registered', staff_member_ids: [w.staffA.id] });
    const inputs = await readExceptionInputs(
      db.pool,
      w.municipalityId,
      w.providerA,
      new Date((arrival - 3600) * 1000),
      new Date((arrival + 3600) * 1000),
      'Europe/Stockholm',
    );
    const found = findVisitExceptions(inputs.visits, inputs.planned, inputs.refused);
    expect(found.map((e) => [e.code, [...e.visitIds].sort()])).toEqual([
      ['duplicate_visit', [lockVisit!.visit_id, manualId].sort()],
    ]);
  });

  it('makes no visits while the municipality has derivation switched off, and stores the records', async () => {
    await db.pool.query(
      `UPDATE municipality SET settings = settings || '{"deriveVisits": false}' WHERE id = $1`,
      [w.municipalityId],
    );
    try {
      const before = (await visitsOf(w.customer)).length;
      const uploaded = w.locks.apartment.recordSequence;
      w.world.advance(3600);
      await w.keyA.openLock(w.locks.apartment);
      w.world.advance(600);
      await w.keyA.openLock(w.locks.apartment);
      expect((await upload(w.locks.apartment, uploaded)).stored).toBe(2);
      expect(await visitsOf(w.customer)).toHaveLength(before);
    } finally {
      await db.pool.query(`UPDATE municipality SET settings = settings - 'deriveVisits' WHERE id = $1`, [
        w.municipalityId,
      ]);
    }
  });
});
