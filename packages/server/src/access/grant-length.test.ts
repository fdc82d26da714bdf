// Individual grants have a longest length, a municipality setting (default 90 days): a longer
// grant, or an extension past it, is refused with a code and changes nothing.
import { defaultMaxGrantDays } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from '../platform/testing';
import { createStaffMember, startTestWorld, type World } from '../platform/world.testing';

let server: TestServer;
let admin: ApiClient;
let workLead: ApiClient;
let world: World;
const day = 24 * 60 * 60 * 1000;
// One instant for the whole file; every grant is placed relative to it, never to the calendar.
// The next whole minute: a grant may not start in the past, however long the file takes to reach it.
const start = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 60_000);
const at = (days: number) => new Date(start.getTime() + days * day).toISOString();

beforeAll(async () => {
  const started = await startTestWorld();
  ({ server, admin, world } = started);
  workLead = await started.login('work_lead', { providerId: world.provider.a });
});
afterAll(async () => server?.close());

const grantCount = async () =>
  (await server.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM access_grant')).rows[0]!.n;

// Each grant for a staff member of its own: grants of one person to one customer may not overlap.
async function grant(client: ApiClient, validFrom: string, validUntil: string) {
  return client.post('/api/v1/access-grants', {
    staffMemberId: await createStaffMember(admin, world.provider.a),
    customerId: world.customer.a,
    validFrom,
    validUntil,
    reason: 'Vikariat',
  });
}

describe('the longest individual grant (issue 9 item 8e)', () => {
  it('is 90 days unless the municipality says otherwise, and shows as a setting', async () => {
    expect(defaultMaxGrantDays).toBe(90);
    expect((await admin.get('/api/v1/municipality')).body.settings.maxGrantDays).toBe(90);
    const before = await grantCount();
    const tooLong = await grant(workLead, at(0), at(90.01));
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.code).toBe('grant_too_long');
    expect(tooLong.body.message).toContain('90 days');
    expect(tooLong.body.details).toEqual([expect.objectContaining({ maxDays: 90 })]);
    expect(await grantCount()).toBe(before);
    expect((await grant(workLead, at(0), at(90))).status).toBe(201);
  });

  it('cannot be stretched by extending a grant, step by step', async () => {
    const created = await grant(workLead, at(0), at(30));
    expect(created.status).toBe(201);
    const path = `/api/v1/access-grants/${created.body.id}`;
    expect((await workLead.patch(path, { validUntil: at(60) })).status).toBe(200);
    const stretched = await workLead.patch(path, { validUntil: at(120) });
    expect(stretched.status).toBe(422);
    expect(stretched.body.code).toBe('grant_too_long');
    expect(Date.parse((await workLead.get(path)).body.validUntil)).toBe(Date.parse(at(60)));
  });

  it('is changed by the municipality admin only, within 1 to 365 days', async () => {
    const refused = await workLead.patch('/api/v1/municipality', { settings: { maxGrantDays: 365 } });
    expect(refused.status).toBe(403);
    for (const bad of [0, 366, 7.5, '30']) {
      const response = await admin.patch('/api/v1/municipality', { settings: { maxGrantDays: bad } });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('validation_failed');
    }
    try {
      const changed = await admin.patch('/api/v1/municipality', { settings: { maxGrantDays: 7 } });
      expect(changed.status).toBe(200);
      expect(changed.body.settings.maxGrantDays).toBe(7);
      const tooLong = await grant(workLead, at(0), at(8));
      expect(tooLong.status).toBe(422);
      expect(tooLong.body.code).toBe('grant_too_long');
      expect(tooLong.body.message).toContain('7 days');
      // The number goes to the client too, so the console says the municipality's own bound.
      expect(tooLong.body.details).toEqual([
        expect.objectContaining({ field: 'validUntil', code: 'grant_too_long', maxDays: 7 }),
      ]);
      expect((await grant(workLead, at(0), at(7))).status).toBe(201);
    } finally {
      await admin.patch('/api/v1/municipality', { settings: { maxGrantDays: defaultMaxGrantDays } });
    }
  });
});
