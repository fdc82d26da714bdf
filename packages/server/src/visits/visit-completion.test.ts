// A lock visit completed after a work lead read it (docs/visits.md "Derivation", "Corrections"):
// the departure a later upload brings is the visit's next version, never a change in place, so a
// correction naming the incomplete version the lead saw is refused with the lock's departure to
// look at, instead of replacing a departure the lead never saw (R5.3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from '../platform/testing';
import { startTestWorld } from '../platform/world.testing';
import { createLockTurns, type LockTurns } from './lock-turns.testing';

let server: TestServer;
let leadA: ApiClient;
let turns: LockTurns;
let staffA: string;

beforeAll(async () => {
  const started = await startTestWorld({ now: () => new Date('2026-03-10T12:00:00Z') });
  server = started.server;
  leadA = await started.login('work_lead', { providerId: started.world.provider.a });
  turns = await createLockTurns(server, started.world, started.municipalityId);
  staffA = started.world.staffMember.a;
}, 120_000);
afterAll(async () => server?.close());

describe('a lock visit whose departure comes after the work lead read it', () => {
  let visitId: string;

  it('is completed as its second version, the first kept with the arrival it came from', async () => {
    expect(await turns.derive('2026-03-05T08:00:00Z')).toEqual({ created: 1, completed: 0 });
    visitId = (await turns.findVisit('2026-03-05T08:00:00Z')).id;
    const seen = await leadA.get(`/api/v1/visits/${visitId}`);
    expect(seen.body.visit).toMatchObject({ version: 1, state: 'incomplete', departure: null });

    expect(await turns.derive('2026-03-05T08:35:00Z')).toEqual({ created: 0, completed: 1 });
    const detail = await leadA.get(`/api/v1/visits/${visitId}`);
    expect(detail.body.visit).toMatchObject({
      version: 2,
      state: 'registered',
      departure: '2026-03-05T08:35:00.000Z',
    });
    const versions = detail.body.versions as Array<Record<string, unknown>>;
    expect(versions.map((v) => [v.version, v.state, v.departure, v.createdBy, v.supersededBy])).toEqual([
      [1, 'incomplete', null, 'lock records', 'lock records'],
      [2, 'registered', '2026-03-05T08:35:00.000Z', 'lock records', null],
    ]);
    expect(versions.map((v) => (v.evidence as Array<{ role: string }>).map((e) => e.role))).toEqual([
      ['arrival'],
      ['arrival', 'departure'],
    ]);
    expect((detail.body.evidence as Array<{ role: string }>).map((e) => e.role)).toEqual([
      'arrival',
      'departure',
    ]);
  });

  it('refuses a correction naming the incomplete version, 409 version_conflict, and changes nothing', async () => {
    const refused = await leadA.post(`/api/v1/visits/${visitId}/corrections`, {
      version: 1,
      reason: 'Glömde låsa vid avfärd',
      departure: '2026-03-05T08:50:00Z',
    });
    expect([refused.status, refused.body.code, refused.body.details]).toEqual([
      409,
      'version_conflict',
      { currentVersion: 2 },
    ]);
    const detail = await leadA.get(`/api/v1/visits/${visitId}`);
    expect(detail.body.visit).toMatchObject({ version: 2, departure: '2026-03-05T08:35:00.000Z' });
  });

  it('lets the work lead correct the completed version they now see', async () => {
    const corrected = await leadA.post(`/api/v1/visits/${visitId}/corrections`, {
      version: 2,
      reason: 'Gick senare enligt personalen',
      departure: '2026-03-05T08:50:00Z',
    });
    expect([corrected.status, corrected.body.version]).toEqual([200, 3]);
  });
});

// Derivation changes only its own incomplete first version, and approval approves only registered
// and corrected visits: a visit a work lead approved is never changed by lock records arriving
// afterwards, so its approval stands for exactly what was approved (docs/visits.md "Approval").
describe('an approved lock visit and lock records arriving after the approval', () => {
  let visitId: string;

  it('keeps the approved version as it was; the late turns make a visit of their own to approve', async () => {
    expect(await turns.derive('2026-03-06T08:00:00Z', '2026-03-06T08:30:00Z')).toEqual({
      created: 1,
      completed: 0,
    });
    visitId = (await turns.findVisit('2026-03-06T08:00:00Z')).id;
    const approval = { staffMemberId: staffA, day: '2026-03-06' };
    expect((await leadA.post('/api/v1/visits/approvals', approval)).body).toEqual({ approved: 1 });
    // A turn in between and one after, in a later upload (another key carried the lock's records).
    expect(await turns.derive('2026-03-06T08:20:00Z', '2026-03-06T08:45:00Z')).toEqual({
      created: 1,
      completed: 0,
    });
    const detail = await leadA.get(`/api/v1/visits/${visitId}`);
    expect(detail.body.visit).toMatchObject({
      version: 2,
      state: 'approved',
      departure: '2026-03-06T08:30:00.000Z',
    });
    const lateId = (await turns.findVisit('2026-03-06T08:20:00Z')).id;
    const late = await leadA.get(`/api/v1/visits/${lateId}`);
    expect(late.body.visit).toMatchObject({ state: 'registered', departure: '2026-03-06T08:45:00.000Z' });
    // Beside the approved one it is held back until the work lead decides (it is not billed unseen).
    const queue = await leadA.get(
      '/api/v1/visit-exceptions?from=2026-03-06T00:00:00Z&to=2026-03-07T00:00:00Z',
    );
    const duplicate = (queue.body.items as { code: string; visitIds: string[] }[]).find(
      (item) => item.code === 'duplicate_visit',
    );
    expect(duplicate?.visitIds.sort()).toEqual([visitId, lateId].sort());
  });
});
