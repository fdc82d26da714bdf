// A phone check-in at a customer with a lock, and the door opened with the key during the visit
// (docs/visits.md "Derivation", "A phone visit and the door's lock"): the key turns uploaded
// afterwards confirm the phone visit instead of being derived as a second visit of the same stay,
// which the exceptions queue would hold back as `duplicate_visit` and relatives would see twice.
// A turn well after the check-out is a visit of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from '../platform/testing';
import { startTestWorld, type World } from '../platform/world.testing';
import { createLockTurns, type LockTurns } from './lock-turns.testing';
import { createPhoneCheckIns, type PhoneCheckIns } from './phone-check-ins.testing';

let server: TestServer;
let world: World;
let admin: ApiClient;
let leadA: ApiClient;
let turns: LockTurns;
let phone: PhoneCheckIns;
// The world is built the day before; the visits are read two days after (a fixed clock, R5).
let clock = new Date('2026-03-09T12:00:00Z');

beforeAll(async () => {
  const started = await startTestWorld({ now: () => clock });
  ({ server, world, admin } = started);
  leadA = await started.login('work_lead', { providerId: world.provider.a });
  turns = await createLockTurns(server, world, started.municipalityId);
  phone = await createPhoneCheckIns(server, world, admin, started.municipalityId);
}, 120_000);
afterAll(async () => server?.close());

const lockVisitsOn = async (day: string) =>
  (
    await server.db.superuser.query<{ id: string }>(
      `SELECT visit_id AS id FROM visit WHERE source = 'lock' AND superseded_at IS NULL
        AND arrival_at >= $1::date AND arrival_at < $1::date + 1`,
      [day],
    )
  ).rows;

const confirmationsOf = async (visitId: string) =>
  (
    await server.db.superuser.query<{ sequence: number }>(
      `SELECT sequence::int FROM visit_lock_confirmation WHERE visit_id = $1 ORDER BY sequence`,
      [visitId],
    )
  ).rows.map((r) => r.sequence);

const codesOn = async (day: string) => {
  const queue = await leadA.get(`/api/v1/visit-exceptions?from=${day}T00:00:00Z&to=${day}T23:00:00Z`);
  expect(queue.status).toBe(200);
  return (queue.body.items as { code: string }[]).map((item) => item.code);
};

describe('a phone visit at a customer with a lock', () => {
  let phoneVisitId: string;

  it('takes the key turns during the visit and just after the check-out as its confirmation', async () => {
    phoneVisitId = (await phone.checkIn('2026-03-10T08:00:00Z')).visitId;
    // The phone uploads each turn as it happens: in, in again (fetching something), and out.
    await turns.derive('2026-03-10T08:01:00Z');
    await turns.derive('2026-03-10T08:20:00Z');
    await phone.checkOut('2026-03-10T08:30:00Z');
    await turns.derive('2026-03-10T08:31:00Z');
    expect(await lockVisitsOn('2026-03-10')).toEqual([]);
    expect(await confirmationsOf(phoneVisitId)).toHaveLength(3);
    clock = new Date('2026-03-12T12:00:00Z');
    // The phone visit itself is as the phone registered it.
    const detail = await leadA.get(`/api/v1/visits/${phoneVisitId}`);
    expect(detail.body.visit).toMatchObject({
      version: 2,
      state: 'registered',
      source: 'phone',
      minutes: 30,
    });
    // The turns that confirmed it are listed with it, by the lock's device and sequence.
    const evidence = detail.body.evidence as { kind: string; role: string; deviceId: string }[];
    expect(evidence.map((e) => `${e.kind} ${e.role}`).sort()).toEqual([
      'lock_record confirmation',
      'lock_record confirmation',
      'lock_record confirmation',
      'phone_request arrival',
      'phone_request departure',
    ]);
    const lockDevices = evidence.filter((e) => e.kind === 'lock_record').map((e) => e.deviceId);
    expect(new Set(lockDevices)).toEqual(new Set([world.lockDevice.apartmentA]));
    expect(await codesOn('2026-03-10')).not.toContain('duplicate_visit');
    const list = await admin.get(
      `/api/v1/customers/${world.customer.a}/visits?from=2026-03-10&to=2026-03-10&format=json`,
    );
    expect(list.status).toBe(200);
    expect(list.body.visits).toHaveLength(1);
  });

  it('takes turns uploaded later, made just before the check-in, too', async () => {
    const { visitId } = await phone.checkIn('2026-03-11T08:00:00Z');
    await phone.checkOut('2026-03-11T08:25:00Z');
    // A hardware key's records reach the server at the end of the shift.
    await turns.derive('2026-03-11T07:58:00Z', '2026-03-11T08:26:00Z');
    expect(await lockVisitsOn('2026-03-11')).toEqual([]);
    expect(await confirmationsOf(visitId)).toHaveLength(2);
    expect(await codesOn('2026-03-11')).not.toContain('duplicate_visit');
  });

  it('takes over the lock visit a turn uploaded at once made just before the check-in: voided, its turn confirming', async () => {
    // The phone opens the door and uploads the turn at once; the check-in comes two minutes on.
    expect(await turns.derive('2026-03-13T07:58:00Z')).toEqual({ created: 1, completed: 0 });
    const early = await turns.findVisit('2026-03-13T07:58:00Z');
    const { visitId } = await phone.checkIn('2026-03-13T08:00:00Z');
    await turns.derive('2026-03-13T08:20:00Z');
    await phone.checkOut('2026-03-13T08:25:00Z');
    expect(await lockVisitsOn('2026-03-13')).toEqual([{ id: early.id }]);
    expect(await confirmationsOf(visitId)).toHaveLength(2);
    const taken = await server.db.superuser.query<{
      version: number;
      state: string;
      reason: string;
      createdBy: string;
    }>(
      `SELECT version, state, reason, created_by AS "createdBy" FROM visit
        WHERE visit_id = $1 AND superseded_at IS NULL`,
      [early.id],
    );
    expect(taken.rows).toEqual([
      { version: 2, state: 'voided', reason: 'phone_check_in', createdBy: 'phone' },
    ]);
    const audit = await server.db.superuser.query<{ action: string }>(
      `SELECT action FROM audit_entry WHERE entity = 'visit' AND entity_id = $1`,
      [early.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['void']);
    expect(await codesOn('2026-03-13')).toEqual([]);
  });

  it('leaves a lock visit begun before the margin, or by someone else, a visit of its own', async () => {
    expect(await turns.derive('2026-03-14T07:40:00Z')).toEqual({ created: 1, completed: 0 });
    const { visitId } = await phone.checkIn('2026-03-14T08:00:00Z');
    expect(await confirmationsOf(visitId)).toEqual([]);
    await phone.checkOut('2026-03-14T08:30:00Z');
    const kept = await turns.findVisit('2026-03-14T07:40:00Z');
    expect(kept.version).toBe(1);
  });

  it('keeps a visit after the check-out, beyond the window, a visit of its own', async () => {
    // A turn belongs to the visit a quarter of an hour after its check-out at most (08:40).
    expect(await turns.derive('2026-03-11T08:50:00Z', '2026-03-11T09:10:00Z')).toEqual({
      created: 1,
      completed: 0,
    });
    const [own] = await lockVisitsOn('2026-03-11');
    const detail = await leadA.get(`/api/v1/visits/${own!.id}`);
    expect(detail.body.visit).toMatchObject({ source: 'lock', state: 'registered', minutes: 20 });
  });
});

describe('a phone visit a work lead has decided on', () => {
  it('keeps an approved phone visit as approved: a confirming turn changes nothing of it', async () => {
    const approval = { staffMemberId: world.staffMember.a, day: '2026-03-10' };
    expect((await leadA.post('/api/v1/visits/approvals', approval)).body).toEqual({ approved: 1 });
    const [approved] = (
      await server.db.superuser.query<{ id: string }>(
        `SELECT visit_id AS id FROM visit WHERE source = 'phone' AND state = 'approved' AND superseded_at IS NULL`,
      )
    ).rows;
    await turns.derive('2026-03-10T08:40:00Z');
    expect(await lockVisitsOn('2026-03-10')).toEqual([]);
    expect(await confirmationsOf(approved!.id)).toHaveLength(4);
    const detail = await leadA.get(`/api/v1/visits/${approved!.id}`);
    expect(detail.body.visit).toMatchObject({ version: 3, state: 'approved' });
  });

  it('lets a voided phone visit confirm nothing: the turns are a visit of their own', async () => {
    const { visitId } = await phone.checkIn('2026-03-11T13:00:00Z');
    await phone.checkOut('2026-03-11T13:20:00Z');
    const voided = await leadA.post(`/api/v1/visits/${visitId}/void`, {
      version: 2,
      reason: 'Fel kund vald i telefonen',
    });
    expect(voided.status).toBe(200);
    await turns.derive('2026-03-11T13:05:00Z', '2026-03-11T13:15:00Z');
    expect(await confirmationsOf(visitId)).toEqual([]);
    await turns.findVisit('2026-03-11T13:05:00Z');
  });
});
