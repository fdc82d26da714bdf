// Two visit writes for one staff member at once (docs/visits.md "Corrections"): a person is at one
// customer at a time even when both requests are checked before either is written. The test
// holds the visit table against writes (reads go on), so both requests pause at their write;
// without the staff member's lock both have passed the overlap check by then.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raceBehindRowLock } from '../platform/lock-race.testing';
import type { ApiClient, ApiResponse, TestServer } from '../platform/testing';
import { startTestWorld, type World } from '../platform/world.testing';

let server: TestServer;
let world: World;
let leadA: ApiClient;

const holdVisitWrites = { sql: 'LOCK TABLE visit IN SHARE MODE' };
const visitBody = (arrival: string, departure: string) => ({
  customerId: world.customer.a,
  staffMemberIds: [world.staffMember.a],
  arrival,
  departure,
  services: ['meals'],
});

/** The current visits of staff member a overlapping [from, to). */
async function countOverlapping(from: string, to: string): Promise<number> {
  const { rows } = await server.db.superuser.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM visit
      WHERE superseded_at IS NULL AND $1::uuid = ANY(staff_member_ids)
        AND arrival_at < $3::timestamptz AND departure_at > $2::timestamptz`,
    [world.staffMember.a, from, to],
  );
  return rows[0]!.n;
}

/** One request of two succeeded with `status`, the other was refused 409 overlapping_visit. */
function expectOneRefused(answers: ApiResponse[], status: number) {
  expect(answers.map((answer) => answer.status).sort()).toEqual([status, 409]);
  expect(answers.find((answer) => answer.status === 409)!.body.code).toBe('overlapping_visit');
}

beforeAll(async () => {
  const started = await startTestWorld({ now: () => new Date('2026-03-10T12:00:00Z') });
  ({ server, world } = started);
  leadA = await started.login('work_lead', { providerId: world.provider.a });
}, 120_000);
afterAll(async () => server?.close());

describe('overlapping visits sent at once', () => {
  it('registers one of two overlapping manual visits and refuses the other 409', async () => {
    const answers = await raceBehindRowLock(server, holdVisitWrites, [
      () => leadA.post('/api/v1/visits', visitBody('2026-03-03T08:00:00Z', '2026-03-03T08:30:00Z')),
      () => leadA.post('/api/v1/visits', visitBody('2026-03-03T08:15:00Z', '2026-03-03T08:45:00Z')),
    ]);
    expectOneRefused(answers, 201);
    expect(await countOverlapping('2026-03-03T08:00:00Z', '2026-03-03T08:45:00Z')).toBe(1);
  });

  it('keeps one of two corrections that move two visits onto each other and refuses the other 409', async () => {
    const first = await leadA.post(
      '/api/v1/visits',
      visitBody('2026-03-04T08:00:00Z', '2026-03-04T08:30:00Z'),
    );
    const second = await leadA.post(
      '/api/v1/visits',
      visitBody('2026-03-04T09:00:00Z', '2026-03-04T09:30:00Z'),
    );
    expect([first.status, second.status]).toEqual([201, 201]);
    const move = (id: string, arrival: string, departure: string) => () =>
      leadA.post(`/api/v1/visits/${id}/corrections`, { version: 1, reason: 'Fel tid', arrival, departure });
    const answers = await raceBehindRowLock(server, holdVisitWrites, [
      move(first.body.id, '2026-03-04T10:00:00Z', '2026-03-04T10:30:00Z'),
      move(second.body.id, '2026-03-04T10:15:00Z', '2026-03-04T10:45:00Z'),
    ]);
    expectOneRefused(answers, 200);
    expect(await countOverlapping('2026-03-04T10:00:00Z', '2026-03-04T10:45:00Z')).toBe(1);
  });
});
