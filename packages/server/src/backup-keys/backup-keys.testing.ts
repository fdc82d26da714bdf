// The backup-key tests' setting: a test server at a fixed instant, a world built through the API,
// a login per role (work lead and staff of provider A), provider B's work lead, a cabinet per
// provider (rows inserted directly: the cabinet API is another capability's), and a customer in
// another municipality.
import type { Role } from '@portvakt/core';
import { insertTestKeyCabinet } from '@portvakt/storage/testing';
import {
  ApiClient,
  createMunicipality,
  createUser,
  testPassword,
  type TestServer,
} from '../platform/testing';
import { loginEveryRole, startTestWorld, unique, type World } from '../platform/world.testing';

export interface BackupKeySetting {
  server: TestServer;
  municipalityId: string;
  world: World;
  clients: Record<Role, ApiClient>;
  admin: ApiClient;
  leadB: ApiClient;
  cabinet: { a: string; b: string };
  foreignCustomer: string;
}

export async function startBackupKeySetting(now: Date): Promise<BackupKeySetting> {
  const { server, municipalityId, admin, world } = await startTestWorld({ now: () => now });
  const pool = server.db.pool;
  const login = async (role: Role, links = {}) =>
    new ApiClient(server.url).login(await createUser(pool, municipalityId, role, links), testPassword);
  const clients = await loginEveryRole(server, municipalityId, world, admin);
  const leadB = await login('work_lead', { providerId: world.provider.b });
  const cabinet = {
    a: await insertTestKeyCabinet(pool, {
      municipalityId,
      providerId: world.provider.a,
      name: unique('Nyckelskåp A'),
      slotCount: 20,
    }),
    b: await insertTestKeyCabinet(pool, {
      municipalityId,
      providerId: world.provider.b,
      name: unique('Nyckelskåp B'),
      slotCount: 20,
    }),
  };
  const otherMunicipality = await createMunicipality(pool);
  const otherAdmin = await new ApiClient(server.url).login(
    await createUser(pool, otherMunicipality, 'municipality_admin'),
    testPassword,
  );
  const district = await otherAdmin.post<{ id: string }>('/api/v1/districts', {
    code: unique('D'),
    name: unique('Distrikt'),
  });
  const foreignCustomer = (
    await otherAdmin.post<{ id: string }>('/api/v1/customers', {
      districtId: district.body.id,
      givenName: 'Ulla',
      familyName: 'Ek',
    })
  ).body.id;
  return { server, municipalityId, world, clients, admin, leadB, cabinet, foreignCustomer };
}

/** Rows in a table, to show a refused request changed nothing. */
export async function countRows(setting: BackupKeySetting, table: string): Promise<number> {
  const { rows } = await setting.server.db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(rows[0]!.n);
}

/**
 * A customer of provider A behind their own apartment door, made ready for their keys to go back
 * (docs/backup-keys.md "Readiness"): the door on their way in with an installed lock, provider A
 * introduced with an approved deviation plan in force, and round-the-clock support established.
 * `lead` is provider A's work lead; days are those of a clock fixed in March 2027.
 */
export async function addReadyCustomer(
  admin: ApiClient,
  lead: ApiClient,
  world: World,
  name: { givenName: string; familyName: string },
): Promise<{ customerId: string; doorId: string }> {
  const expectCreated = (answer: { status: number; body: unknown }, what: string) => {
    if (answer.status !== 201 && answer.status !== 200)
      throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body as { id: string };
  };
  const door = expectCreated(
    await admin.post('/api/v1/doors', {
      propertyId: world.property.a,
      kind: 'apartment_door',
      label: unique('Lgh'),
    }),
    'door',
  );
  const customer = expectCreated(
    await admin.post('/api/v1/customers', {
      districtId: world.district.a,
      ...name,
      residencePropertyId: world.property.a,
      apartmentDoorId: door.id,
    }),
    'customer',
  );
  expectCreated(
    await admin.post('/api/v1/customer-services', {
      customerId: customer.id,
      service: 'home_care',
      providerId: world.provider.a,
      startsOn: '2026-01-01',
    }),
    'service',
  );
  expectCreated(
    await admin.put(`/api/v1/customers/${customer.id}/access-path`, { doorIds: [door.id] }),
    'access path',
  );
  expectCreated(
    await admin.post('/api/v1/locks', {
      lockType: 'cylinder_ring',
      serial: unique('PV-CR-R'),
      status: 'installed',
      doorId: door.id,
      batteryLevel: 90,
    }),
    'lock',
  );
  expectCreated(
    await lead.post('/api/v1/provider-introductions', {
      customerId: customer.id,
      providerId: world.provider.a,
      introducedOn: '2027-02-01',
    }),
    'introduction',
  );
  // A new plan from the same day supersedes any earlier one: each call leaves one in force.
  const plan = expectCreated(
    await lead.post('/api/v1/deviation-plans', {
      body: 'Ring jouren; hämta reservnyckeln ur skåpet.',
      validFrom: '2027-03-01',
    }),
    'plan',
  );
  expectCreated(
    await admin.post(`/api/v1/deviation-plans/${plan.id}/decision`, { decision: 'approved' }),
    'plan decision',
  );
  expectCreated(
    await admin.patch('/api/v1/municipality', { settings: { roundTheClockSupportSince: '2027-01-01' } }),
    'support settings',
  );
  return { customerId: customer.id, doorId: door.id };
}
