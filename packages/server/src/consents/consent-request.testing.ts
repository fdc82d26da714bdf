// A consent request as tests send it: to a new contact of property owner A, for door A (an
// entrance of owner A's property), by a client that may send requests (admin, lock manager).
import { expect } from 'vitest';
import type { ApiClient } from '../platform/testing';
import type { World } from '../platform/world.testing';

export interface SentConsentRequest {
  contactId: string;
  /** The request as the API answered it (id, doors, …). */
  request: { id: string; doors: Array<{ label: string }> } & Record<string, unknown>;
}

export async function sendTestConsentRequest(
  client: ApiClient,
  world: World,
  contact: { name: string; email: string; title?: string; isPrimary?: boolean } = {
    name: 'Eva Ek',
    title: 'Förvaltare',
    email: 'eva.ek@fastighet.example',
    isPrimary: true,
  },
): Promise<SentConsentRequest> {
  const made = await client.post<{ id: string }>(
    `/api/v1/property-owners/${world.propertyOwner.a}/contacts`,
    contact,
  );
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  const request = await client.post<SentConsentRequest['request']>('/api/v1/consent-requests', {
    propertyId: world.property.a,
    contactId: made.body.id,
    doorIds: [world.door.a],
  });
  expect(request.status, JSON.stringify(request.body)).toBe(201);
  return { contactId: made.body.id, request: request.body };
}
