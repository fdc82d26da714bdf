// Closing an emergency over real HTTP at a fixed instant (docs/support.md "Emergency opening"):
// support may close before the locksmith comes (staff got in another way), which the SLA view
// then holds neither against the locksmith nor as still waiting, while one closed only past its
// deadline stays a breach with its minutes fixed at the closing; the emergency's own case is
// resolved by closing the emergency, not by a status change while it is open; and a follow-up
// waits for the closing, whose cause decides the work order's kind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from '../platform/testing';
import { startTestWorld, type World } from '../platform/world.testing';

const minute = 60_000;
// Tuesday 2 February 2027, 02:00 in Stockholm.
const night = new Date('2027-02-02T01:00:00Z');
let clock = night;
let server: TestServer;
let world: World;
let admin: ApiClient;
let support: ApiClient;
let workLead: ApiClient;

interface Emergency {
  id: string;
  reference: string;
  supportCaseId: string;
  version: number;
}

const at = (minutes: number) => {
  clock = new Date(night.getTime() + minutes * minute);
};
const report = async (doorId = world.door.apartmentA): Promise<Emergency> => {
  const made = await workLead.post<Emergency>('/api/v1/emergency-openings', {
    customerId: world.customer.a,
    doorId,
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return made.body;
};
const step = async (emergency: Emergency, path: string, body: Record<string, unknown> = {}) => {
  const answer = await support.post<Emergency & { emergency?: Emergency }>(
    `/api/v1/emergency-openings/${emergency.id}/${path}`,
    { version: emergency.version, ...body },
  );
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  // The assignment answers the emergency beside its arrival link; the other steps answer it alone.
  emergency.version = (answer.body.emergency ?? answer.body).version;
};
const assign = (emergency: Emergency) =>
  step(emergency, 'assign', { locksmithCompanyId: world.locksmithCompany.a });
const close = (emergency: Emergency, cause = 'other') => step(emergency, 'close', { cause });
const readCase = async (emergency: Emergency) =>
  (await support.get(`/api/v1/support-cases/${emergency.supportCaseId}`)).body as {
    status: string;
    version: number;
    timeline: unknown[];
  };
const sla = async () => (await support.get('/api/v1/emergency-sla?from=2027-02-01&to=2027-02-28')).body;

beforeAll(async () => {
  const started = await startTestWorld({ now: () => clock });
  ({ server, world, admin } = started);
  const company = `/api/v1/locksmith-companies/${world.locksmithCompany.a}`;
  expect((await admin.patch(company, { isEmergencyContracted: true })).status).toBe(200);
  expect((await admin.patch('/api/v1/municipality', { settings: { emergencySlaMinutes: 10 } })).status).toBe(
    200,
  );
  support = await started.login('support');
  workLead = await started.login('work_lead', { providerId: world.provider.a });
}, 120_000);
afterAll(async () => server?.close());

describe('an emergency closed before the locksmith came', () => {
  it('counts neither against the locksmith nor as still waiting, however long after', async () => {
    at(0);
    const cancelled = await report();
    await assign(cancelled);
    // Staff got in with the backup key, the locksmith was cancelled: closed 0.2 seconds later.
    clock = new Date(clock.getTime() + 200);
    await close(cancelled);
    at(1);
    const late = await report(world.door.a);
    await assign(late);
    // Closed 25 minutes after its assignment, 15 past the 10-minute deadline, no locksmith.
    at(26);
    await close(late);

    for (const minutes of [11, 60 * 24 * 3]) {
      at(minutes);
      const report = await sla();
      expect(report.total, `${minutes} minutes on`).toMatchObject({
        count: 2,
        onTime: 0,
        breached: 1,
        pending: 0,
        closedBeforeArrival: 1,
        shareWithin: 0,
      });
      expect(report.breaches).toEqual([
        expect.objectContaining({
          reference: late.reference,
          minutes: 25,
          isStillWaiting: false,
          onSiteAt: null,
          closedAt: new Date(night.getTime() + 26 * minute).toISOString(),
        }),
      ]);
    }
  });
});

describe("an emergency's own case", () => {
  it('cannot be resolved or closed while its emergency is open; closing the emergency resolves it', async () => {
    at(100);
    const emergency = await report();
    const before = await readCase(emergency);
    expect(before.status).toBe('open');
    for (const [client, status] of [
      [workLead, 'closed'],
      [workLead, 'resolved'],
      [support, 'closed'],
    ] as const) {
      const refused = await client.patch(`/api/v1/support-cases/${emergency.supportCaseId}`, {
        version: before.version,
        status,
      });
      expect([refused.status, refused.body.code], status).toEqual([409, 'emergency_not_closed']);
    }
    expect(await readCase(emergency)).toEqual(before);
    // Support's worklist still has the live emergency.
    const worklist = await support.get('/api/v1/support-cases?emergency=true&status=open');
    expect(worklist.body.items.map((item: { id: string }) => item.id)).toContain(emergency.supportCaseId);
    // Other statuses go on as before.
    const working = await workLead.patch(`/api/v1/support-cases/${emergency.supportCaseId}`, {
      version: before.version,
      status: 'in_progress',
    });
    expect(working.status).toBe(200);

    await close(emergency);
    const resolved = await readCase(emergency);
    expect(resolved.status).toBe('resolved');
    const closed = await workLead.patch(`/api/v1/support-cases/${emergency.supportCaseId}`, {
      version: resolved.version,
      status: 'closed',
    });
    expect([closed.status, closed.body.status]).toEqual([200, 'closed']);
  });
});

describe("an emergency's follow-up", () => {
  it('waits for the closing, whose cause decides the work order', async () => {
    at(200);
    const emergency = await report();
    const orders = async () =>
      Number((await server.db.pool.query('SELECT count(*) FROM work_order')).rows[0].count);
    const ordersBefore = await orders();
    for (const kind of ['work_order', 'support_case']) {
      const refused = await support.post(`/api/v1/emergency-openings/${emergency.id}/follow-up`, {
        version: emergency.version,
        kind,
      });
      expect([refused.status, refused.body.code], kind).toEqual([409, 'emergency_not_closed']);
    }
    expect(await orders()).toBe(ordersBefore);
    const read = (await support.get(`/api/v1/emergency-openings/${emergency.id}`)).body;
    expect(read).toMatchObject({
      version: emergency.version,
      followUpWorkOrderId: null,
      followUpCaseId: null,
    });

    await close(emergency, 'battery');
    await step(emergency, 'follow-up', { kind: 'work_order' });
    const made = (await support.get(`/api/v1/emergency-openings/${emergency.id}`)).body;
    const kind = await server.db.pool.query('SELECT kind FROM work_order WHERE id = $1', [
      made.followUpWorkOrderId,
    ]);
    expect(kind.rows[0].kind).toBe('battery');
  });
});
