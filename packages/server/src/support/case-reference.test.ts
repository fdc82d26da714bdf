// What a case's reference tells its reader (docs/support.md "References"): a property owner or a
// provider who raises cases learns nothing from the references about how many others raised in
// between (R2.7), and the counted reference of a case made before migration 0064 is answered to
// the municipality's readers only.
import { supportCaseReferencePattern } from '@portvakt/core';
import { readReferenceCodeValue as codeValue } from '@portvakt/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from '../platform/testing';
import { startTestWorld, unique, type World } from '../platform/world.testing';

/** Wednesday 10 March 2027, 10:00 in Stockholm: support is open. */
const day = new Date('2027-03-10T09:00:00Z');

let server: TestServer;
let world: World;
let owner: ApiClient;
let leadA: ApiClient;
let leadB: ApiClient;
let support: ApiClient;

const raise = async (client: ApiClient) => {
  const response = await client.post('/api/v1/support-cases', { category: 'other', title: unique('Fråga') });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; reference: string; formerReference: string | null };
};

beforeAll(async () => {
  const started = await startTestWorld({ now: () => day });
  ({ server, world } = started);
  owner = await started.login('property_owner', { propertyOwnerId: world.propertyOwner.a });
  leadA = await started.login('work_lead', { providerId: world.provider.a });
  leadB = await started.login('work_lead', { providerId: world.provider.b });
  support = await started.login('support');
}, 180_000);
afterAll(async () => server?.close());

describe('case references say nothing of other organisations’ cases', () => {
  it('gives an owner’s and a provider’s second case a reference that does not count the cases between', async () => {
    const ownerFirst = await raise(owner);
    const leadFirst = await raise(leadA);
    for (let index = 0; index < 5; index += 1) await raise(index % 2 ? support : leadB);
    const ownerSecond = await raise(owner);
    const leadSecond = await raise(leadA);
    for (const [first, second] of [
      [ownerFirst, ownerSecond],
      [leadFirst, leadSecond],
    ] as const) {
      for (const made of [first, second]) {
        expect(made.reference).toMatch(supportCaseReferencePattern);
        expect(made.formerReference).toBeNull();
      }
      const gap = codeValue(second.reference) - codeValue(first.reference);
      // Not the next, nor the cases raised between apart (6 for both: five others and each other's).
      expect([1, 6, 7]).not.toContain(gap);
    }
    // The list answers the same references, and the owner reads nothing else of the others.
    const listed = await owner.get('/api/v1/support-cases?limit=200');
    expect(listed.body.total).toBe(2);
    expect((listed.body.items as { reference: string }[]).map((item) => item.reference).sort()).toEqual(
      [ownerFirst.reference, ownerSecond.reference].sort(),
    );
  });

  it('answers a case’s former counted reference to the municipality’s readers only', async () => {
    const made = await raise(owner);
    await server.db.pool.query(`UPDATE support_case SET former_reference = 'SUP-2026-000042' WHERE id = $1`, [
      made.id,
    ]);
    expect((await support.get(`/api/v1/support-cases/${made.id}`)).body.formerReference).toBe(
      'SUP-2026-000042',
    );
    const own = await owner.get(`/api/v1/support-cases/${made.id}`);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ reference: made.reference, formerReference: null });
  });
});
