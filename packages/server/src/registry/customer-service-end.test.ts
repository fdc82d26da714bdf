// A customer's service over time (docs/permissions.md "Changing permissions", docs/api.md): a person
// cannot end it on a day already past (the provider's work lead would lose the customer and their
// event log for days they served), nor move or remove an end that has passed (reopening what is
// over); a care-system import may (it brings history). Once its first day has passed it is ended,
// not deleted (409 already_started). The same customer, service and provider twice for overlapping
// days is 422 already_assigned. Real HTTP on real PostgreSQL, the server's
// clock fixed and moved by the tests that need a later day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../platform/testing';
import { createRecord, startTestWorld, unique, type TestWorld } from '../platform/world.testing';

// 12:00 in Stockholm (CET) on Tuesday 10 March 2026.
const now = new Date('2026-03-10T11:00:00Z');
/** The server's clock: `now`, moved forward only inside a test that puts it back. */
let clock = now;

let tw: TestWorld;
let lead: ApiClient;

beforeAll(async () => {
  tw = await startTestWorld({ now: () => clock });
  lead = await tw.login('work_lead', { providerId: tw.world.provider.a });
}, 180_000);
afterAll(async () => tw?.server.close());

const newCustomer = () =>
  createRecord(tw.admin, 'customers', {
    districtId: tw.world.district.a,
    givenName: 'Britta',
    familyName: unique('Holm'),
  });

const serve = (customerId: string, dates: { startsOn: string; endsOn?: string | null }) =>
  tw.admin.post('/api/v1/customer-services', {
    customerId,
    service: 'home_care',
    providerId: tw.world.provider.a,
    ...dates,
  });

function expectRefused(response: { status: number; body: any }, code: string, field: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(422);
  expect(response.body.code).toBe(code);
  expect(response.body.details).toEqual([expect.objectContaining({ field, code })]);
}

describe('a service’s end written by a person', () => {
  it('cannot be on a day already past: the work lead keeps the customer for the days served', async () => {
    const customerId = await newCustomer();
    const service = await serve(customerId, { startsOn: '2026-01-01' });
    expect(service.status).toBe(201);
    const backdated = await tw.admin.patch(`/api/v1/customer-services/${service.body.id}`, {
      endsOn: '2026-02-15',
    });
    expectRefused(backdated, 'ends_in_the_past', 'endsOn');
    expect((await tw.admin.get(`/api/v1/customer-services/${service.body.id}`)).body.endsOn).toBeNull();
    expect((await lead.get(`/api/v1/customers/${customerId}`)).status).toBe(200);
  });

  it('may be today or later, and moved or removed until it has passed', async () => {
    const customerId = await newCustomer();
    const { body } = await serve(customerId, { startsOn: '2026-01-01' });
    const change = (endsOn: string | null) =>
      tw.admin.patch(`/api/v1/customer-services/${body.id}`, { endsOn });
    expect((await change('2026-03-10')).status).toBe(200);
    expect((await change('2026-04-30')).status).toBe(200);
    expect((await change(null)).status).toBe(200);
  });

  it('once passed, stays: an ended service is not reopened nor moved, and nothing is stored', async () => {
    const customerId = await newCustomer();
    const { body } = await serve(customerId, { startsOn: '2026-01-01', endsOn: '2026-03-10' });
    clock = new Date('2026-03-20T11:00:00Z');
    try {
      expectRefused(
        await tw.admin.patch(`/api/v1/customer-services/${body.id}`, { endsOn: null }),
        'already_ended',
        'endsOn',
      );
      expectRefused(
        await tw.admin.patch(`/api/v1/customer-services/${body.id}`, { endsOn: '2026-06-30' }),
        'already_ended',
        'endsOn',
      );
      // A new service is added instead.
      expect((await serve(customerId, { startsOn: '2026-03-20' })).status).toBe(201);
    } finally {
      clock = now;
    }
    expect((await tw.admin.get(`/api/v1/customer-services/${body.id}`)).body.endsOn).toBe('2026-03-10');
  });
});

describe('a service deleted by a person', () => {
  const remove = (id: string) => tw.admin.delete(`/api/v1/customer-services/${id}`);

  it('is refused once its first day has passed, ended or not, and stays on record: it is ended instead', async () => {
    const customerId = await newCustomer();
    const running = await serve(customerId, { startsOn: '2026-01-01' });
    const ended = await serve(customerId, { startsOn: '2025-06-01', endsOn: '2025-12-31' });
    expect([running.status, ended.status]).toEqual([201, 201]);
    for (const service of [running.body, ended.body]) {
      const refused = await remove(service.id);
      expect(refused.status, JSON.stringify(refused.body)).toBe(409);
      expect(refused.body.code).toBe('already_started');
      expect(refused.body.message).toContain(service.startsOn);
      expect(refused.body.message).toMatch(/end it instead/);
      expect((await tw.admin.get(`/api/v1/customer-services/${service.id}`)).body).toEqual(service);
    }
    // The provider's work lead keeps the customer, and ending it still works.
    expect((await lead.get(`/api/v1/customers/${customerId}`)).status).toBe(200);
    const end = await tw.admin.patch(`/api/v1/customer-services/${running.body.id}`, {
      endsOn: '2026-03-10',
    });
    expect(end.status, JSON.stringify(end.body)).toBe(200);
  });

  it('is allowed when it starts today (local) or later: a mistake made today can be undone', async () => {
    const customerId = await newCustomer();
    const tomorrow = await serve(customerId, { startsOn: '2026-03-11', endsOn: '2026-03-31' });
    const later = await serve(customerId, { startsOn: '2026-04-01', endsOn: '2026-04-30' });
    const startedYesterday = await serve(customerId, { startsOn: '2026-03-10', endsOn: '2026-03-10' });
    expect([tomorrow.status, later.status, startedYesterday.status]).toEqual([201, 201, 201]);
    // 00:30 on Wednesday 11 March in Stockholm, still the 10th in UTC.
    clock = new Date('2026-03-10T23:30:00Z');
    try {
      expect((await remove(tomorrow.body.id)).status).toBe(204);
      expect((await remove(startedYesterday.body.id)).status).toBe(409);
      expect((await remove(later.body.id)).status).toBe(204);
    } finally {
      clock = now;
    }
    expect((await tw.admin.get(`/api/v1/customer-services/${tomorrow.body.id}`)).status).toBe(404);
    expect((await tw.admin.get(`/api/v1/customer-services/${startedYesterday.body.id}`)).status).toBe(200);
  });
});

describe('a service’s end from the care system', () => {
  it('may be a day already past: the import brings the history the care system holds', async () => {
    const files = (endsOn: string) => [
      { name: 'omraden.csv', content: 'kod;namn\nSVC;Insatsområdet' },
      {
        name: 'utforare.csv',
        content: 'id;namn;regi;verksamheter\nU-SVC;Omsorg Insats AB;private;day_home_care',
      },
      { name: 'kunder.csv', content: 'kund-id;område;förnamn;efternamn\nK-SVC;SVC;Olle;Insats' },
      {
        name: 'insatser.csv',
        content: `insats-id;kund-id;insats;utförar-id;från;till\nI-SVC;K-SVC;home_care;U-SVC;2026-01-01;${endsOn}`,
      },
    ];
    const importFiles = async (endsOn: string) => {
      const started = await tw.admin.post('/api/v1/imports', { files: files(endsOn), isDryRun: false });
      expect(started.status, JSON.stringify(started.body)).toBe(201);
      for (;;) {
        const job = await tw.admin.get(`/api/v1/imports/${started.body.id}`);
        if (job.body.status !== 'running') return job.body;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    expect(await importFiles('')).toMatchObject({ status: 'succeeded' });
    expect(await importFiles('2026-02-15')).toMatchObject({ status: 'succeeded' });
    const { rows } = await tw.server.db.pool.query<{ ends_on: string }>(
      "SELECT to_char(ends_on, 'YYYY-MM-DD') AS ends_on FROM customer_service WHERE external_id = 'I-SVC'",
    );
    expect(rows).toEqual([{ ends_on: '2026-02-15' }]);
  });
});

describe('the same service twice', () => {
  it('is refused for overlapping days of the same customer, service and provider', async () => {
    const customerId = await newCustomer();
    expect((await serve(customerId, { startsOn: '2026-01-01', endsOn: '2026-06-30' })).status).toBe(201);
    const before = await tw.server.db.pool.query('SELECT 1 FROM customer_service WHERE customer_id = $1', [
      customerId,
    ]);
    expectRefused(await serve(customerId, { startsOn: '2026-03-10' }), 'already_assigned', 'providerId');
    // The last day counts: a service starting on it overlaps.
    expectRefused(
      await serve(customerId, { startsOn: '2026-06-30', endsOn: '2026-12-31' }),
      'already_assigned',
      'providerId',
    );
    const after = await tw.server.db.pool.query('SELECT 1 FROM customer_service WHERE customer_id = $1', [
      customerId,
    ]);
    expect(after.rowCount).toBe(before.rowCount);
  });

  it('is allowed after the other ends, or from another provider or for another service', async () => {
    const customerId = await newCustomer();
    expect((await serve(customerId, { startsOn: '2026-01-01', endsOn: '2026-06-30' })).status).toBe(201);
    expect((await serve(customerId, { startsOn: '2026-07-01' })).status).toBe(201);
    const otherProvider = await tw.admin.post('/api/v1/customer-services', {
      customerId,
      service: 'home_care',
      providerId: tw.world.provider.b,
      startsOn: '2026-03-10',
    });
    expect(otherProvider.status, JSON.stringify(otherProvider.body)).toBe(201);
    const otherService = await tw.admin.post('/api/v1/customer-services', {
      customerId,
      service: 'safety_alarm',
      providerId: tw.world.provider.a,
      startsOn: '2026-03-10',
    });
    expect(otherService.status, JSON.stringify(otherService.body)).toBe(201);
  });

  it('is refused when an end is moved so that two would overlap', async () => {
    const customerId = await newCustomer();
    const first = await serve(customerId, { startsOn: '2026-01-01', endsOn: '2026-06-30' });
    expect((await serve(customerId, { startsOn: '2026-07-01' })).status).toBe(201);
    expectRefused(
      await tw.admin.patch(`/api/v1/customer-services/${first.body.id}`, { endsOn: '2026-07-15' }),
      'already_assigned',
      'providerId',
    );
  });
});
