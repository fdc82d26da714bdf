// A test world whose two providers' customers live at two street addresses, for the tests of the
// addresses a work lead is given without reading properties (lock lists, customer rows).
import { expect } from 'vitest';
import type { ApiClient } from './testing';
import { startTestWorld, type TestWorld } from './world.testing';

/** The street address of provider B's customer's building, told apart from side A's. */
export const addressB = 'Lundavägen 9';

/** The world with property b moved to `addressB`, and provider A's work lead logged in. */
export async function startTwoAddressWorld(): Promise<TestWorld & { workLeadA: ApiClient }> {
  const started = await startTestWorld();
  const { admin, world } = started;
  const moved = await admin.patch(`/api/v1/properties/${world.property.b}`, { streetAddress: addressB });
  expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  return { ...started, workLeadA: await started.login('work_lead', { providerId: world.provider.a }) };
}
