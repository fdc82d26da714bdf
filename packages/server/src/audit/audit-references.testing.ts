// Records whose ids audit entries hold, for the tests of the trail's references (server and
// browser): a door with its property's address, a provider, a lock on the door, a customer's
// service with the provider, and a provider that is gone (its team's entry still names it by id).
import { expect } from 'vitest';
import type { ApiClient } from '../platform/testing';
import { createRecord, unique, type World } from '../platform/world.testing';

export interface AuditReferenceRecords {
  door: string;
  provider: string;
  lock: string;
  service: string;
  goneProvider: string;
  goneTeam: string;
}

/** Makes the records as `admin`; the service starts on `serviceStartsOn` (after the world's now). */
export async function makeAuditReferenceRecords(
  admin: ApiClient,
  world: World,
  serviceStartsOn: string,
): Promise<AuditReferenceRecords> {
  const propertyId = await createRecord(admin, 'properties', {
    districtId: world.district.a,
    designation: unique('Eken'),
    streetAddress: 'Storgatan 3',
  });
  const door = await createRecord(admin, 'doors', { propertyId, kind: 'entrance', label: 'port' });
  const provider = await createRecord(admin, 'providers', {
    name: 'Omsorg AB',
    ownership: 'private',
    kinds: ['day_home_care'],
  });
  const lock = await createRecord(admin, 'locks', {
    lockType: 'cylinder_ring',
    serial: unique('PV-CR'),
    status: 'installed',
    doorId: door,
  });
  const service = await createRecord(admin, 'customer-services', {
    customerId: world.customer.a,
    service: 'safety_alarm',
    providerId: provider,
    startsOn: serviceStartsOn,
  });
  const goneProvider = await createRecord(admin, 'providers', {
    name: 'Nedlagd Omsorg AB',
    ownership: 'private',
    kinds: ['night_patrol'],
  });
  const goneTeam = await createRecord(admin, 'teams', { providerId: goneProvider, name: 'Nattlaget' });
  expect((await admin.delete(`/api/v1/teams/${goneTeam}`)).status).toBe(204);
  expect((await admin.delete(`/api/v1/providers/${goneProvider}`)).status).toBe(204);
  return { door, provider, lock, service, goneProvider, goneTeam };
}
