// Break-glass windows and openings, and the visit windows a ticket is compiled with, on real
// PostgreSQL (docs/visits.md "Break-glass").
import { visitWindowDoorKinds } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readVisitWindowFacts } from '../access/visit-window.repository';
import { createEventWorld, lockRecord, storeEvents, type EventWorld } from '../events/events.testing';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { insertAlarms } from './alarm.repository';
import {
  insertBreakGlassReview,
  openBreakGlassWindows,
  readBreakGlassOpenings,
} from './break-glass.repository';

let testDb: TestDatabase;
let w: EventWorld;
const raisedAt = new Date('2026-01-05T08:00:00Z');
const day = { from: new Date('2026-01-05T00:00:00Z'), to: new Date('2026-01-06T00:00:00Z') };
const open = (alarmIds: string[]) =>
  openBreakGlassWindows(testDb.pool, {
    municipalityId: w.municipalityId,
    alarmIds,
    minutes: 60,
    isEnabledByDefault: false,
    timeZone: 'Europe/Stockholm',
  });

beforeAll(async () => {
  testDb = await createTestDatabase();
  w = await createEventWorld(testDb.pool);
  // Gun is under the mode on her own; North serves her safety alarm too. Bertil is not windowed.
  await testDb.pool.query('UPDATE customer SET visit_window_mode = true WHERE id = $1', [w.gunId]);
  await testDb.pool.query(
    `INSERT INTO customer_service (municipality_id, customer_id, service, provider_id, starts_on)
     VALUES ($1, $2, 'safety_alarm', $3, '2020-01-01'), ($1, $4, 'safety_alarm', $5, '2020-01-01')`,
    [w.municipalityId, w.gunId, w.northId, w.bertilId, w.southId],
  );
  await storeEvents(testDb.pool, [
    lockRecord(w, 1, '2026-01-05T07:59:00Z'),
    lockRecord(w, 2, '2026-01-05T08:05:00Z'),
    lockRecord(w, 3, '2026-01-05T08:06:00Z', { isRefused: true }),
    lockRecord(w, 4, '2026-01-05T08:20:00Z', { verified: false }),
    lockRecord(w, 5, '2026-01-05T09:00:00Z'),
  ]);
});
afterAll(async () => testDb.drop());

describe('break-glass windows', () => {
  it('opens one window per alarm of a windowed customer for the provider of the safety alarm, once', async () => {
    const alarmIds = await insertAlarms(testDb.pool, w.municipalityId, [
      { externalId: 'AL-1', customerId: w.gunId, raisedAt },
      { externalId: 'AL-2', customerId: w.bertilId, raisedAt },
    ]);
    const windows = await open(alarmIds);
    expect(windows).toEqual([
      expect.objectContaining({
        customerId: w.gunId,
        providerId: w.northId,
        startsAt: raisedAt,
        endsAt: new Date('2026-01-05T09:00:00Z'),
      }),
    ]);
    expect(await open(alarmIds)).toEqual([]);
  });

  it('finds the successful, attributable openings in the window by the provider’s staff, and nothing for another provider', async () => {
    const { openings, plannedVisits } = await readBreakGlassOpenings(testDb.pool, {
      municipalityId: w.municipalityId,
      providerId: w.northId,
      ...day,
      doorKinds: visitWindowDoorKinds,
    });
    expect(openings.map((o) => [o.sequence, o.customerName, o.staffMemberId, o.review])).toEqual([
      ['2', 'Gun Ahmed', w.staffId, null],
    ]);
    expect(plannedVisits).toEqual([]);
    const south = await readBreakGlassOpenings(testDb.pool, {
      municipalityId: w.municipalityId,
      providerId: w.southId,
      ...day,
      doorKinds: visitWindowDoorKinds,
    });
    expect(south.openings).toEqual([]);
  });

  it('records a review once', async () => {
    const [opening] = (
      await readBreakGlassOpenings(testDb.pool, {
        municipalityId: w.municipalityId,
        providerId: null,
        ...day,
        doorKinds: visitWindowDoorKinds,
        record: { deviceId: w.lockDeviceId, sequence: '2' },
      })
    ).openings;
    const review = {
      municipalityId: w.municipalityId,
      providerId: w.northId,
      deviceId: w.lockDeviceId,
      sequence: '2',
      windowId: opening!.windowId,
      comment: 'Larmet gällde ett fall.',
      reviewedBy: 'Maja Arbetsledare',
    };
    expect(await insertBreakGlassReview(testDb.pool, review)).toBeInstanceOf(Date);
    expect(await insertBreakGlassReview(testDb.pool, { ...review, comment: 'Igen.' })).toBe(undefined);
    const again = await readBreakGlassOpenings(testDb.pool, {
      municipalityId: w.municipalityId,
      providerId: w.northId,
      ...day,
      doorKinds: visitWindowDoorKinds,
    });
    expect(again.openings[0]!.review).toMatchObject({ comment: 'Larmet gällde ett fall.' });
  });
});

describe('visit windows of a ticket', () => {
  it('reads the provider’s planned visits and break-glass windows of windowed customers around the validity', async () => {
    await testDb.pool.query(
      `INSERT INTO planned_visit (municipality_id, external_id, customer_id, provider_id, services, planned_minutes,
         window_starts_at, window_ends_at)
       VALUES ($1, 'PV-G', $2, $3, '{meals}', 30, '2026-01-05T11:00:00Z', '2026-01-05T11:30:00Z'),
              ($1, 'PV-B', $4, $3, '{meals}', 30, '2026-01-05T11:00:00Z', '2026-01-05T11:30:00Z')`,
      [w.municipalityId, w.gunId, w.northId, w.bertilId],
    );
    const read = (from: string, isEnabledByDefault = false) =>
      readVisitWindowFacts(testDb.pool, {
        municipalityId: w.municipalityId,
        providerId: w.northId,
        from: new Date(from),
        until: new Date('2026-01-05T10:45:00Z'),
        marginMinutes: 30,
        isEnabledByDefault,
      });
    const facts = await read('2026-01-05T08:30:00Z');
    // Bertil follows the municipality (off): his planned visit is not needed.
    expect(facts.plannedVisits).toEqual([
      {
        customerId: w.gunId,
        providerId: w.northId,
        startsAt: new Date('2026-01-05T11:00:00Z'),
        endsAt: new Date('2026-01-05T11:30:00Z'),
      },
    ]);
    expect(facts.breakGlassWindows).toHaveLength(1);
    expect((await read('2026-01-05T08:30:00Z', true)).plannedVisits).toHaveLength(2);
    // A window that ended before the ticket (less the margin) is not read.
    expect((await read('2026-01-05T09:31:00Z')).breakGlassWindows).toEqual([]);
  });
});
