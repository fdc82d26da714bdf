// Two overlapping visits of one staff member (docs/visits.md "Corrections", "Derivation",
// "Exceptions"): a visit derived from lock records is stored even when it overlaps one a person
// registered, the pair is raised for the work lead (and holds its minutes back), and declining one
// of them resolves it; a correction that keeps a visit counting is still checked for overlap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raceBehindRowLock } from '../platform/lock-race.testing';
import type { ApiClient, ApiResponse, TestServer } from '../platform/testing';
import { startTestWorld, type World } from '../platform/world.testing';
import { createLockTurns, type LockTurns } from './lock-turns.testing';

let server: TestServer;
let world: World;
let municipalityId: string;
let leadA: ApiClient;
let turns: LockTurns;

const day = (date: string) => `?from=${date}T00:00:00Z&to=${date}T23:00:00Z`;

/** Registers staff member a's visit at customer a by hand; returns its id. */
async function registerManualVisit(arrival: string, departure: string): Promise<string> {
  const created = await leadA.post('/api/v1/visits', {
    customerId: world.customer.a,
    staffMemberIds: [world.staffMember.a],
    arrival,
    departure,
    services: ['meals'],
  });
  expect(created.status).toBe(201);
  return created.body.id;
}

async function listExceptions(date: string) {
  const answer = await leadA.get(`/api/v1/visit-exceptions${day(date)}`);
  expect(answer.status).toBe(200);
  return answer.body.items as { code: string; visitIds: string[]; isHolding: boolean }[];
}

const countVersions = async () =>
  (await server.db.superuser.query<{ n: number }>('SELECT count(*)::int AS n FROM visit')).rows[0]!.n;

beforeAll(async () => {
  const started = await startTestWorld({ now: () => new Date('2026-03-10T12:00:00Z') });
  ({ server, world, municipalityId } = started);
  leadA = await started.login('work_lead', { providerId: world.provider.a });
  turns = await createLockTurns(server, world, municipalityId);
}, 120_000);
afterAll(async () => server?.close());

describe('a lock visit overlapping a registered one', () => {
  let manualId: string;
  let lock: { id: string; version: number };

  it('is stored, and the pair is raised as a duplicate that holds both back', async () => {
    manualId = await registerManualVisit('2026-03-03T08:00:00Z', '2026-03-03T08:30:00Z');
    expect(await turns.derive('2026-03-03T08:05:00Z', '2026-03-03T08:25:00Z')).toEqual({
      created: 1,
      completed: 0,
    });
    lock = await turns.findVisit('2026-03-03T08:05:00Z');
    expect(await listExceptions('2026-03-03')).toEqual([
      expect.objectContaining({
        code: 'duplicate_visit',
        visitIds: expect.arrayContaining([manualId, lock.id]),
        isHolding: true,
      }),
    ]);
  });

  it('refuses a correction that keeps a visit of the pair counting, and changes nothing', async () => {
    const before = await countVersions();
    const kept = await leadA.post(`/api/v1/visits/${lock.id}/corrections`, {
      version: lock.version,
      reason: 'Insatser',
      services: ['meals'],
    });
    expect([kept.status, kept.body.code, kept.body.details]).toEqual([
      409,
      'overlapping_visit',
      { visitId: manualId },
    ]);
    expect(await countVersions()).toBe(before);
  });

  it('lets the work lead decline one of the two, which resolves the overlap', async () => {
    const declined = await leadA.post(`/api/v1/visits/${manualId}/decline`, {
      version: 1,
      reason: 'Dubbelregistrerat: låset registrerade besöket',
    });
    expect([declined.status, declined.body]).toEqual([200, { id: manualId, version: 2 }]);
    expect(await listExceptions('2026-03-03')).toEqual([]);
    const corrected = await leadA.post(`/api/v1/visits/${lock.id}/corrections`, {
      version: lock.version,
      reason: 'Insatser',
      services: ['meals'],
    });
    expect([corrected.status, corrected.body]).toEqual([200, { id: lock.id, version: lock.version + 1 }]);
  });

  it('refuses a correction that makes the declined one count again at the same time', async () => {
    const before = await countVersions();
    const revived = await leadA.post(`/api/v1/visits/${manualId}/corrections`, {
      version: 2,
      reason: 'Kunden tog emot besöket ändå',
      services: ['meals'],
    });
    expect([revived.status, revived.body.code]).toEqual([409, 'overlapping_visit']);
    expect(await countVersions()).toBe(before);
  });
});

describe('an upload and a registration of one staff member at once', () => {
  it('keeps the lock visit whichever commits first, and raises the overlap if both are kept', async () => {
    // Both pause at their write while the test holds the table (reads go on), so the
    // registration's check before its write has passed and derivation has read its context.
    let derived: Awaited<ReturnType<typeof turns.derive>> | undefined;
    const [registered] = await raceBehindRowLock<ApiResponse | undefined>(
      server,
      { sql: 'LOCK TABLE visit IN SHARE MODE' },
      [
        () =>
          leadA.post('/api/v1/visits', {
            customerId: world.customer.a,
            staffMemberIds: [world.staffMember.a],
            arrival: '2026-03-04T08:00:00Z',
            departure: '2026-03-04T08:30:00Z',
            services: ['meals'],
          }),
        async () => {
          derived = await turns.derive('2026-03-04T08:05:00Z', '2026-03-04T08:25:00Z');
          return undefined;
        },
      ],
    );
    expect(derived).toEqual({ created: 1, completed: 0 });
    const lockVisit = await turns.findVisit('2026-03-04T08:05:00Z');
    const exceptions = await listExceptions('2026-03-04');
    if (registered!.status === 201)
      expect(exceptions).toEqual([
        expect.objectContaining({
          code: 'duplicate_visit',
          visitIds: expect.arrayContaining([lockVisit.id, registered!.body.id]),
          isHolding: true,
        }),
      ]);
    else {
      expect([registered!.status, registered!.body.code]).toEqual([409, 'overlapping_visit']);
      expect(exceptions).toEqual([]);
    }
  });
});
