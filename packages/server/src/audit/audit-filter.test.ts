// The audit trail's filters over real HTTP on real PostgreSQL at a fixed instant (docs/api.md
// "Audit trail"): an entity or action the trail does not know (a typo) is refused with 400
// validation_failed, not answered as an empty page that looks like "nothing happened"; every name
// of the contract's lists is accepted, also one that is not a core resource (a session's login).
import { auditActions, auditEntities } from '@portvakt/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWorld, type TestWorld } from '../platform/world.testing';

const now = new Date('2027-03-10T09:00:00Z');
let t: TestWorld;

beforeAll(async () => {
  t = await startTestWorld({ now: () => now });
}, 120_000);
afterAll(async () => t?.server.close());

describe('the audit trail’s filters', () => {
  it.each([
    ['entity=relative_invitatoin', 'querystring.entity'],
    ['action=drop', 'querystring.action'],
    ['entity=relative_invitation&action=withdrawal', 'querystring.action'],
  ])('refuses an unknown name (%s) with 400 validation_failed naming the field', async (query, field) => {
    const trail = await t.admin.get(`/api/v1/audit?${query}`);
    expect(trail.status, JSON.stringify(trail.body)).toBe(400);
    expect(trail.body.code).toBe('validation_failed');
    expect(trail.body.details).toEqual([expect.objectContaining({ field })]);
    expect(trail.body).not.toHaveProperty('items');
  });

  it('accepts every entity and action of the contract’s lists', async () => {
    for (const entity of auditEntities)
      expect((await t.admin.get(`/api/v1/audit?entity=${entity}&limit=1`)).status, entity).toBe(200);
    for (const action of auditActions)
      expect((await t.admin.get(`/api/v1/audit?action=${action}&limit=1`)).status, action).toBe(200);
    // The admin's own login is found by its entity, which is no resource of the policy.
    const logins = await t.admin.get('/api/v1/audit?entity=user_session&action=login');
    expect(logins.body.items.length).toBeGreaterThan(0);
  });
});
