// Role × scope matrix over every route: each role inside and outside its scope. The expected
// grants are written out here by hand (not derived from core's policy table) so that a wrong
// policy fails this test.
import { liveRouteTemplates } from '../live';
import type { Role } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createUser, type TestServer } from './testing';
import { eventRouteTemplates } from '../events/events.routes';
import { keyBlockListRouteTemplates } from '../devices/key-block-list.routes';
import { lockDismountRouteTemplates } from '../registry/lock-dismount.routes';
import { carePlanRouteTemplates } from '../visits/care-plan.routes';
import { compensationRouteTemplates } from '../visits/compensation.routes';
import { alarmRouteTemplates } from '../visits/alarms.routes';
import { breakGlassRouteTemplates } from '../visits/break-glass.routes';
import { consentLinkRouteTemplates, consentRouteTemplates } from '../consents';
import { visitRouteTemplates } from '../visits/visits.routes';
import { workShiftRouteTemplates } from '../visits/work-shifts.routes';
import { workOrderRouteTemplates } from '../work-orders';
import { lockConsentRouteTemplates } from '../work-orders/lock-consent.routes';
import { rolloutRouteTemplates } from '../rollout';
import { batteryRouteTemplates } from '../batteries';
import { keyCabinetRouteTemplates } from '../key-cabinets';
import { supportCaseRouteTemplates } from '../support';
import { emergencyArrivalRouteTemplates, emergencyRouteTemplates } from '../emergency';
import { backupKeyRouteTemplates, deviationPlanRouteTemplates } from '../backup-keys';
import { oidcRouteTemplates, passkeyRouteTemplates } from '../accounts';
import { exportRouteTemplates } from '../exports';
import { importRouteTemplates } from '../imports';
import { relativeLinkRouteTemplates, relativeRouteTemplates } from '../relatives';
import { webhookRouteTemplates } from '../webhooks';
import { addWorld, createBody, linksOfRole, patchBody, startTestWorld, type World } from './world.testing';

type ScopeLetter = 'm' | 'p' | 'o' | 's';
interface Expected {
  ops: string;
  scope: ScopeLetter;
}

const roleOrder: Role[] = [
  'municipality_admin',
  'lock_manager',
  'installer',
  'work_lead',
  'staff',
  'support',
  'auditor',
  'property_owner',
  // A relative (docs/relatives.md): no cell below grants it anything; its own routes are in
  // relatives/relatives-matrix.test.ts.
  'relative',
];

// CRUD letters the role may use, and after the colon how far: m municipality, p own provider,
// o own property owner, s self. '-' means nothing at all.
const matrix: Record<string, { key: keyof World; cells: string[] }> = {
  //                                      admin   lock_mgr installer work_lead  staff  support auditor owner
  districts: { key: 'district', cells: ['CRUD', 'R', 'R', 'R', '-', 'R', 'R', '-'] },
  'property-owners': { key: 'propertyOwner', cells: ['CRUD', 'CRUD', '-', '-', '-', 'R', 'R', 'R:o'] },
  'locksmith-companies': { key: 'locksmithCompany', cells: ['CRUD', 'CRUD', 'R', '-', '-', 'R', 'R', '-'] },
  properties: { key: 'property', cells: ['CRUD', 'CRUD', 'R', '-', '-', 'R', 'R', 'R:o'] },
  doors: { key: 'door', cells: ['CRUD', 'CRUD', 'R', '-', '-', 'R', 'R', 'R:o'] },
  providers: { key: 'provider', cells: ['CRUD', 'R', '-', 'R:p', 'R:p', 'R', 'R', '-'] },
  teams: { key: 'team', cells: ['CRUD', '-', '-', 'CRUD:p', '-', 'R', 'R', '-'] },
  staff: { key: 'staffMember', cells: ['CRUD', '-', '-', 'CRUD:p', 'R:s', 'R', 'R', '-'] },
  'team-memberships': { key: 'teamMembership', cells: ['CRUD', '-', '-', 'CRUD:p', '-', 'R', 'R', '-'] },
  customers: { key: 'customer', cells: ['CRUD', 'R', '-', 'R:p', '-', 'R', 'R', '-'] },
  'customer-services': { key: 'customerService', cells: ['CRUD', 'R', '-', 'R:p', '-', 'R', 'R', '-'] },
  locks: { key: 'lockDevice', cells: ['CRUD', 'CRUD', 'CRU', '-', '-', 'R', 'R', 'R:o'] },
  keys: { key: 'digitalKey', cells: ['CRUD', 'CRUD', '-', 'CRUD:p', 'R:s', 'R', 'R', '-'] },
  'team-customers': { key: 'teamCustomer', cells: ['CRUD', '-', '-', 'CRUD:p', '-', 'R', 'R', '-'] },
  'area-rules': { key: 'areaRule', cells: ['CRUD', '-', '-', 'CRUD:p', '-', 'R', 'R', '-'] },
  'access-grants': { key: 'accessGrant', cells: ['CRUD', '-', '-', 'CRUD:p', '-', 'R', 'R', '-'] },
  'shared-door-grants': { key: 'sharedDoorGrant', cells: ['CRUD', '-', '-', 'CRUD:p', '-', 'R', 'R', '-'] },
};

function expected(path: string, role: Role): Expected {
  const cell = matrix[path]!.cells[roleOrder.indexOf(role)] ?? '-';
  const [ops, scope] = cell.split(':');
  return { ops: ops === '-' ? '' : ops!, scope: (scope ?? 'm') as ScopeLetter };
}

let server: TestServer;
let world: World;
let otherWorld: World;
const clients = {} as Record<Role, ApiClient>;
let admin: ApiClient;
let otherMunicipalityId: string;
const covered = new Set<string>();
const writes: Array<{ action: string; entityId: string }> = [];

function cover(method: string, template: string) {
  covered.add(`${method} ${template}`);
}

function expectNoData(body: Record<string, unknown>) {
  expect(Object.keys(body).sort()).toEqual(['code', 'message']);
}

beforeAll(async () => {
  const started = await startTestWorld();
  ({ server, admin, world } = started);
  const other = await addWorld(server);
  otherMunicipalityId = other.municipalityId;
  otherWorld = other.world;
  for (const role of roleOrder)
    clients[role] =
      role === 'municipality_admin' ? admin : await started.login(role, linksOfRole(world, role));
}, 120_000);

afterAll(async () => server?.close());

describe.each(Object.keys(matrix))('registry resource /%s', (path) => {
  const key = () => matrix[path]!.key;
  const inside = () => (world[key()] as { a: string }).a;
  const outside = (scope: ScopeLetter) => {
    const other = (otherWorld[key()] as { a: string }).a;
    return scope === 'm' ? [other] : [(world[key()] as { b: string }).b, other];
  };

  it.each(roleOrder)('lists only what %s may see', async (role) => {
    cover('GET', `/api/v1/${path}`);
    const grant = expected(path, role);
    const response = await clients[role].get(`/api/v1/${path}?limit=500`);
    if (!grant.ops.includes('R')) {
      expect(response.status).toBe(403);
      expectNoData(response.body);
      return;
    }
    expect(response.status).toBe(200);
    const ids = (response.body.items as Array<{ id: string }>).map((item) => item.id);
    expect(ids).toContain(inside());
    for (const id of outside(grant.scope)) expect(ids).not.toContain(id);
  });

  it.each(roleOrder)('reads inside and not outside the scope of %s', async (role) => {
    cover('GET', `/api/v1/${path}/{id}`);
    const grant = expected(path, role);
    const own = await clients[role].get(`/api/v1/${path}/${inside()}`);
    expect(own.status).toBe(grant.ops.includes('R') ? 200 : 403);
    for (const id of outside(grant.scope)) {
      const response = await clients[role].get(`/api/v1/${path}/${id}`);
      expect(response.status).toBe(grant.ops.includes('R') ? 404 : 403);
      expectNoData(response.body);
    }
  });

  it.each(roleOrder)('creates only where %s may', async (role) => {
    cover('POST', `/api/v1/${path}`);
    const grant = expected(path, role);
    const response = await clients[role].post(
      `/api/v1/${path}`,
      createBody(world, path, 'a', { isExtra: true }),
    );
    if (!grant.ops.includes('C')) {
      expect(response.status).toBe(403);
      return;
    }
    expect(response.status).toBe(201);
    writes.push({ action: 'create', entityId: response.body.id });
    // Creating on the other side (another provider) or with another municipality's references.
    const elsewhere = [
      createBody(otherWorld, path, 'a', { isExtra: true }),
      ...(grant.scope === 'm' ? [] : [createBody(world, path, 'b', { isExtra: true })]),
    ];
    for (const body of elsewhere) {
      if (Object.values(body).every((value) => typeof value !== 'string' || !/^[0-9a-f-]{36}$/.test(value)))
        continue;
      const refused = await clients[role].post(`/api/v1/${path}`, body);
      expect([403, 422]).toContain(refused.status);
    }
  });

  it.each(roleOrder)('changes inside and not outside the scope of %s', async (role) => {
    cover('PATCH', `/api/v1/${path}/{id}`);
    const grant = expected(path, role);
    const own = await clients[role].patch(`/api/v1/${path}/${inside()}`, patchBody(path));
    expect(own.status).toBe(grant.ops.includes('U') ? 200 : 403);
    if (own.status === 200) writes.push({ action: 'update', entityId: inside() });
    for (const id of outside(grant.scope)) {
      const response = await clients[role].patch(`/api/v1/${path}/${id}`, patchBody(path));
      expect(response.status).toBe(grant.ops.includes('U') ? 404 : 403);
      expectNoData(response.body);
    }
  });

  it.each(roleOrder)('deletes inside and not outside the scope of %s', async (role) => {
    cover('DELETE', `/api/v1/${path}/{id}`);
    const grant = expected(path, role);
    const fresh = await admin.post(`/api/v1/${path}`, createBody(world, path, 'a', { isExtra: true }));
    expect(fresh.status).toBe(201);
    writes.push({ action: 'create', entityId: fresh.body.id });
    const response = await clients[role].delete(`/api/v1/${path}/${fresh.body.id}`);
    expect(response.status).toBe(grant.ops.includes('D') ? 204 : 403);
    if (response.status === 204) {
      writes.push({ action: 'delete', entityId: fresh.body.id });
      expect((await admin.get(`/api/v1/${path}/${fresh.body.id}`)).status).toBe(404);
    }
    for (const id of outside(grant.scope)) {
      const refused = await clients[role].delete(`/api/v1/${path}/${id}`);
      expect(refused.status).toBe(grant.ops.includes('D') ? 404 : 403);
    }
  });
});

describe('property owners never see customers or apartment doors (R2.7)', () => {
  it('hides apartment doors and their locks from the owner of the building', async () => {
    const owner = clients.property_owner;
    expect((await owner.get(`/api/v1/doors/${world.door.apartmentA}`)).status).toBe(404);
    expect((await owner.get(`/api/v1/doors/${world.door.laundryA}`)).status).toBe(200);
    expect((await owner.get(`/api/v1/locks/${world.lockDevice.apartmentA}`)).status).toBe(404);
    const doors = await owner.get('/api/v1/doors?limit=500');
    const kinds = new Set(doors.body.items.map((door: { kind: string }) => door.kind));
    expect([...kinds].sort()).toEqual(['entrance', 'laundry_room']);
    expect((await owner.get('/api/v1/customers')).status).toBe(403);
  });
});

describe('the municipality', () => {
  it.each(roleOrder)('is readable by %s and changeable only by its admin', async (role) => {
    cover('GET', '/api/v1/municipality');
    cover('PATCH', '/api/v1/municipality');
    expect((await clients[role].get('/api/v1/municipality')).status).toBe(role === 'relative' ? 403 : 200);
    const response = await clients[role].patch('/api/v1/municipality', { settings: { shiftHours: 12 } });
    expect(response.status).toBe(role === 'municipality_admin' ? 200 : 403);
    if (response.status === 200) writes.push({ action: 'update', entityId: response.body.id });
  });
});

describe('access paths', () => {
  const readers: Role[] = ['municipality_admin', 'lock_manager', 'support', 'auditor', 'work_lead'];
  const writers: Role[] = ['municipality_admin', 'lock_manager'];

  it.each(roleOrder)('are readable in scope and changeable only by the lock side, for %s', async (role) => {
    cover('GET', '/api/v1/customers/{id}/access-path');
    cover('PUT', '/api/v1/customers/{id}/access-path');
    const client = clients[role];
    const read = await client.get(`/api/v1/customers/${world.customer.a}/access-path`);
    expect(read.status).toBe(readers.includes(role) ? 200 : 403);
    if (read.status === 200)
      expect(read.body.doors.map((d: { doorId: string }) => d.doorId)).toEqual([
        world.door.a,
        world.door.apartmentA,
      ]);
    const foreign = await client.get(`/api/v1/customers/${otherWorld.customer.a}/access-path`);
    expect(foreign.status).toBe(readers.includes(role) ? 404 : 403);
    if (role === 'work_lead') {
      expect((await client.get(`/api/v1/customers/${world.customer.b}/access-path`)).status).toBe(404);
    }
    const write = await client.put(`/api/v1/customers/${world.customer.a}/access-path`, {
      doorIds: [world.door.a, world.door.apartmentA],
    });
    expect(write.status).toBe(writers.includes(role) ? 200 : 403);
    if (write.status === 200) writes.push({ action: 'update', entityId: world.customer.a });
    const foreignWrite = await client.put(`/api/v1/customers/${otherWorld.customer.a}/access-path`, {
      doorIds: [],
    });
    expect(foreignWrite.status).toBe(writers.includes(role) ? 404 : 403);
  });
});

describe('administration routes', () => {
  it.each(roleOrder)('user accounts are managed only by the admin (%s)', async (role) => {
    for (const template of [
      'GET /api/v1/users',
      'POST /api/v1/users',
      'GET /api/v1/users/{id}',
      'PATCH /api/v1/users/{id}',
    ]) {
      covered.add(template);
    }
    const client = clients[role];
    const isAdmin = role === 'municipality_admin';
    expect((await client.get('/api/v1/users')).status).toBe(isAdmin ? 200 : 403);
    const created = await client.post('/api/v1/users', {
      username: `u${Math.random().toString(36).slice(2, 10)}`,
      displayName: 'Ny användare',
      password: 'a long enough password',
      role: 'support',
    });
    expect(created.status).toBe(isAdmin ? 201 : 403);
    if (!isAdmin) return;
    writes.push({ action: 'create', entityId: created.body.id });
    expect(created.body).not.toHaveProperty('passwordHash');
    expect((await client.get(`/api/v1/users/${created.body.id}`)).status).toBe(200);
    const changed = await client.patch(`/api/v1/users/${created.body.id}`, { isDisabled: true });
    expect(changed.status).toBe(200);
    writes.push({ action: 'update', entityId: created.body.id });
  });

  it('users of another municipality are out of reach of its admin', async () => {
    const username = await createUser(server.db.pool, otherMunicipalityId, 'support');
    const { rows } = await server.db.pool.query<{ id: string }>(
      'SELECT id FROM user_account WHERE username = $1',
      [username],
    );
    const foreignId = rows[0]!.id;
    const users = await admin.get('/api/v1/users');
    expect(users.body.items.map((u: { id: string }) => u.id)).not.toContain(foreignId);
    const read = await admin.get(`/api/v1/users/${foreignId}`);
    expect(read.status).toBe(404);
    expectNoData(read.body);
    expect((await admin.patch(`/api/v1/users/${foreignId}`, { isDisabled: true })).status).toBe(404);
  });

  it.each(roleOrder)('API tokens are managed only by the admin (%s)', async (role) => {
    for (const template of [
      'GET /api/v1/api-tokens',
      'POST /api/v1/api-tokens',
      'DELETE /api/v1/api-tokens/{id}',
    ]) {
      covered.add(template);
    }
    const client = clients[role];
    const isAdmin = role === 'municipality_admin';
    expect((await client.get('/api/v1/api-tokens')).status).toBe(isAdmin ? 200 : 403);
    const created = await client.post('/api/v1/api-tokens', {
      name: 'Verksamhetssystem',
      role: 'auditor',
      isReadOnly: true,
    });
    expect(created.status).toBe(isAdmin ? 201 : 403);
    if (!isAdmin) {
      expect((await client.delete('/api/v1/api-tokens/00000000-0000-4000-8000-000000000000')).status).toBe(
        403,
      );
      return;
    }
    writes.push({ action: 'create', entityId: created.body.apiToken.id });
    expect((await client.delete(`/api/v1/api-tokens/${created.body.apiToken.id}`)).status).toBe(204);
    writes.push({ action: 'revoke', entityId: created.body.apiToken.id });
  });

  it.each(roleOrder)('the audit trail is readable by admin and auditor only (%s)', async (role) => {
    cover('GET', '/api/v1/audit');
    const response = await clients[role].get('/api/v1/audit');
    expect(response.status).toBe(role === 'municipality_admin' || role === 'auditor' ? 200 : 403);
  });

  it.each(roleOrder)('every role can ask who it is (%s)', async (role) => {
    cover('GET', '/api/v1/auth/me');
    const me = await clients[role].get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.role).toBe(role);
  });
});

describe('permission checks', () => {
  const readers: Role[] = ['municipality_admin', 'support', 'auditor', 'work_lead'];

  it.each(roleOrder)('explain and lock lists answer %s only about staff in scope', async (role) => {
    cover('GET', '/api/v1/permissions/explain');
    cover('GET', '/api/v1/staff/{id}/lock-list');
    cover('GET', '/api/v1/staff/{id}/permission-history');
    const client = clients[role];
    const isReader = readers.includes(role);
    const lock = world.lockDevice.apartmentA;
    const explainFor = (staffId: string) =>
      client.get(`/api/v1/permissions/explain?staffMemberId=${staffId}&lockId=${lock}`);
    expect((await explainFor(world.staffMember.a)).status).toBe(isReader ? 200 : 403);
    expect((await explainFor(world.staffMember.b)).status).toBe(
      !isReader ? 403 : role === 'work_lead' ? 404 : 200,
    );
    expect((await explainFor(otherWorld.staffMember.a)).status).toBe(isReader ? 404 : 403);
    for (const path of ['lock-list', 'permission-history']) {
      expect((await client.get(`/api/v1/staff/${world.staffMember.a}/${path}`)).status).toBe(
        isReader ? 200 : 403,
      );
      expect((await client.get(`/api/v1/staff/${world.staffMember.b}/${path}`)).status).toBe(
        !isReader ? 403 : role === 'work_lead' ? 404 : 200,
      );
      expect((await client.get(`/api/v1/staff/${otherWorld.staffMember.a}/${path}`)).status).toBe(
        isReader ? 404 : 403,
      );
    }
  });

  it.each(roleOrder)('who can open a customer’s doors is shown to %s only in scope', async (role) => {
    cover('GET', '/api/v1/customers/{id}/who-can-open');
    cover('GET', '/api/v1/customers/{id}/permission-history');
    const client = clients[role];
    const isReader = readers.includes(role);
    for (const path of ['who-can-open', 'permission-history']) {
      const own = await client.get(`/api/v1/customers/${world.customer.a}/${path}`);
      expect(own.status).toBe(isReader ? 200 : 403);
      expect((await client.get(`/api/v1/customers/${world.customer.b}/${path}`)).status).toBe(
        !isReader ? 403 : role === 'work_lead' ? 404 : 200,
      );
      expect((await client.get(`/api/v1/customers/${otherWorld.customer.a}/${path}`)).status).toBe(
        isReader ? 404 : 403,
      );
    }
  });
});

describe('devices, issuer keys and the block list', () => {
  const jwk = {
    kty: 'EC',
    crv: 'P-256',
    x: 'WKn-ZIGevcwGIyyrzFoZNBdaq9_TsqzGl96oc0CWuis',
    y: 'y77t-RvAHRKTsSGdIYUfweuOvwrvDD-Q3Hv5J0fSKbE',
  };

  it.each(roleOrder)('who may enrol and list devices (%s)', async (role) => {
    for (const route of ['POST /api/v1/devices', 'GET /api/v1/devices', 'DELETE /api/v1/devices/{id}'])
      covered.add(route);
    const client = clients[role];
    const canEnrolBoxes = ['municipality_admin', 'lock_manager', 'installer'].includes(role);
    const box = await client.post('/api/v1/devices', {
      kind: 'activation_box',
      publicJwk: jwk,
      label: `Box ${role}`,
    });
    expect(box.status).toBe(canEnrolBoxes ? 201 : 403);
    const key = await client.post('/api/v1/devices', {
      kind: 'key',
      keyId: world.digitalKey.a,
      publicJwk: jwk,
    });
    expect(key.status).toBe(
      ['municipality_admin', 'lock_manager', 'work_lead'].includes(role) ? 201 : canEnrolBoxes ? 422 : 403,
    );
    if (key.status === 201)
      writes.push({
        action: key.body.enrolment.enrolledAt ? 'enrol' : 're_enrol',
        entityId: world.digitalKey.a,
      });
    const foreignKey = await client.post('/api/v1/devices', {
      kind: 'phone',
      keyId: world.digitalKey.b,
      publicJwk: jwk,
    });
    expect(foreignKey.status).toBe(
      ['municipality_admin', 'lock_manager'].includes(role)
        ? 201
        : role === 'work_lead' || canEnrolBoxes
          ? 422
          : 403,
    );
    const list = await client.get('/api/v1/devices');
    expect(list.status).toBe(
      ['municipality_admin', 'lock_manager', 'installer', 'support', 'auditor', 'work_lead'].includes(role)
        ? 200
        : 403,
    );
    if (role === 'work_lead') {
      expect(
        list.body.items.every(
          (item: { digitalKeyId: string | null }) => item.digitalKeyId === world.digitalKey.a,
        ),
      ).toBe(true);
    }
    if (box.status === 201) {
      const revoke = await client.delete(`/api/v1/devices/${box.body.enrolment.id}`);
      expect(revoke.status).toBe(role === 'installer' ? 403 : 204);
    }
  });

  it.each(roleOrder)('a key’s activation state is shown in the key’s own scope (%s)', async (role) => {
    covered.add('GET /api/v1/keys/{id}/activation');
    const client = clients[role];
    const reads = expected('keys', role).ops.includes('R');
    const scope = expected('keys', role).scope;
    const own = await client.get(`/api/v1/keys/${world.digitalKey.a}/activation`);
    expect(own.status).toBe(reads ? 200 : 403);
    if (own.status === 200) expect(own.body.isActivatedNow).toBe(false);
    const other = await client.get(`/api/v1/keys/${world.digitalKey.b}/activation`);
    expect(other.status).toBe(!reads ? 403 : scope === 'm' ? 200 : 404);
    expect((await client.get(`/api/v1/keys/${otherWorld.digitalKey.a}/activation`)).status).toBe(
      reads ? 404 : 403,
    );
  });

  it.each(roleOrder)('PIN reset codes are made in scope only (%s)', async (role) => {
    covered.add('POST /api/v1/keys/{id}/pin-reset');
    const client = clients[role];
    const mayReset = ['municipality_admin', 'lock_manager', 'work_lead'].includes(role);
    const own = await client.post(`/api/v1/keys/${world.digitalKey.a}/pin-reset`);
    expect(own.status).toBe(mayReset ? 201 : 403);
    if (own.status === 201) {
      expect(own.body.code).toMatch(/^[0-9]{8}$/);
      writes.push({ action: 'pin_reset', entityId: world.digitalKey.a });
    }
    const foreign = await client.post(`/api/v1/keys/${otherWorld.digitalKey.a}/pin-reset`);
    expect(foreign.status).toBe(mayReset ? 404 : 403);
    if (role === 'work_lead')
      expect((await client.post(`/api/v1/keys/${world.digitalKey.b}/pin-reset`)).status).toBe(404);
  });

  it.each(roleOrder)(
    'issuer keys and the block list are shown to the lock side and oversight (%s)',
    async (role) => {
      for (const route of [
        'GET /api/v1/issuer-keys',
        'POST /api/v1/issuer-keys/rotate',
        'GET /api/v1/block-list',
      ])
        covered.add(route);
      const client = clients[role];
      const mayRead = ['municipality_admin', 'lock_manager', 'support', 'auditor'].includes(role);
      const keys = await client.get('/api/v1/issuer-keys');
      expect(keys.status).toBe(mayRead ? 200 : 403);
      if (keys.status === 200) expect(JSON.stringify(keys.body)).not.toContain('"d"');
      expect((await client.get('/api/v1/block-list')).status).toBe(mayRead ? 200 : 403);
      expect((await client.post('/api/v1/issuer-keys/rotate')).status).toBe(
        role === 'municipality_admin' ? 201 : 403,
      );
    },
  );
});

describe('coverage and audit', () => {
  it('every route in the OpenAPI document is covered by this matrix or the auth tests', async () => {
    const spec = (await new ApiClient(server.url).get('/api/v1/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    // Public or session routes that auth.test.ts covers on their own.
    const elsewhere = new Set([
      'GET /api/v1/health',
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/logout',
      'POST /api/v1/auth/password',
      // The event log's routes: role × scope in tests/e2e/events-api.test.ts (needs the devices).
      ...eventRouteTemplates,
      'GET /api/v1/event-log/summary', // role × scope: event-summary.routes.test.ts
      // The live view: role × scope in tests/e2e/web-live-api.test.ts (needs the devices).
      ...liveRouteTemplates,
      // Lock dismount and a key's block-list reach: role × scope in tests/e2e/web-console-api.test.ts.
      ...lockDismountRouteTemplates,
      ...keyBlockListRouteTemplates,
      // Visits, planned visits and granted time: role × scope in visits/visits.test.ts; the run's
      // PDF summary and time given against granted in visits/compensation-reports.test.ts; work
      // shifts and reading planned visits in visits/work-shifts.test.ts.
      ...visitRouteTemplates,
      ...workShiftRouteTemplates,
      ...workOrderRouteTemplates,
      ...carePlanRouteTemplates,
      ...compensationRouteTemplates,
      ...alarmRouteTemplates,
      // Rollout and the R2.6 warnings: role × scope in rollout/rollout.test.ts.
      ...rolloutRouteTemplates,
      // Battery forecasts, changes and rounds: role × scope in batteries/batteries.test.ts.
      ...batteryRouteTemplates,
      // Key cabinets and takes: role × scope in tests/e2e/key-cabinets.test.ts (needs a cabinet device).
      ...keyCabinetRouteTemplates,
      // Backup keys, receipts, returns, readiness, keys held and deviation plans: role × scope in
      // backup-keys/backup-keys.test.ts and backup-keys/deviation-plans.test.ts.
      ...backupKeyRouteTemplates,
      ...deviationPlanRouteTemplates,
      // Break-glass openings: role × scope in tests/e2e/visit-window.test.ts (needs the devices).
      ...breakGlassRouteTemplates,
      // Lock consent, provider introductions and lock usage: role × scope in work-orders/lock-consent.test.ts.
      ...lockConsentRouteTemplates,
      // Owner contacts, contact log and consent requests: role × scope in consents/consents.test.ts;
      // the e-service behind a link is public (the token is the credential), tested there too.
      ...consentRouteTemplates,
      ...consentLinkRouteTemplates,
      // Support cases and support hours: role × scope in support/support-cases.test.ts.
      ...supportCaseRouteTemplates,
      // Emergency opening, the SLA view and on-call contacts: role × scope in emergency/emergency.test.ts;
      // the locksmith's arrival link is public (the token is the credential), tested there too.
      ...emergencyRouteTemplates,
      ...emergencyArrivalRouteTemplates,
      // Relatives' invitations, read log and the relative's own list: role × scope in
      // relatives/relatives-matrix.test.ts (which also sends the relative to every route here);
      // the invitation link is public (the token is the credential), tested in relatives.test.ts.
      ...relativeRouteTemplates,
      ...relativeLinkRouteTemplates,
      // Passkeys: role × scope in accounts/passkey-policy.test.ts; sign-in and enrolment are public.
      ...passkeyRouteTemplates,
      // OpenID Connect: role × scope in accounts/oidc-login.test.ts; sign-in routes are public.
      ...oidcRouteTemplates,
      // Webhooks: role × scope in webhooks/webhooks.test.ts.
      ...webhookRouteTemplates,
      // Exports: role × scope in exports/exports.test.ts.
      ...exportRouteTemplates,
      // Imports from the care system: role × scope in imports/imports.routes.test.ts.
      ...importRouteTemplates,
      // Device gateway: authenticated by device signatures, covered by tests/e2e/device-gateway.test.ts
      // and tests/e2e/activation.test.ts.
      'POST /api/v1/device/activate',
      'POST /api/v1/device/set-pin',
      'POST /api/v1/device/sync',
      'POST /api/v1/device/login',
      'POST /api/v1/device/records',
      'POST /api/v1/device/time',
      // A phone's check-in and check-out, signed by the phone: tests/e2e/phone-visits.test.ts
      // (the visits they make keep to provider scope there and in visits/visits.test.ts).
      'POST /api/v1/device/visits/check-in',
      'POST /api/v1/device/visits/check-out',
      // The phone app's door list, signed by the phone: tests/e2e/phone-app.test.ts (only the
      // phone's own holder's doors, and a blocked phone is refused).
      'POST /api/v1/device/doors',
      // Today's planned visits for a phone, signed by it: tests/e2e/phone-app-planned.test.ts (only
      // its holder's teams' customers of its own provider; a blocked phone is refused).
      'POST /api/v1/device/planned-visits',
    ]);
    const missing: string[] = [];
    for (const [template, methods] of Object.entries(spec.paths)) {
      for (const method of Object.keys(methods)) {
        const route = `${method.toUpperCase()} ${template}`;
        if (!covered.has(route) && !elsewhere.has(route)) missing.push(route);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every change made above has an entry in the audit trail', async () => {
    expect(writes.length).toBeGreaterThan(50);
    const { rows } = await server.db.pool.query<{ action: string; entity_id: string }>(
      'SELECT action, entity_id FROM audit_entry',
    );
    const recorded = new Set(rows.map((row) => `${row.action} ${row.entity_id}`));
    const missing = writes.filter((write) => !recorded.has(`${write.action} ${write.entityId}`));
    expect(missing).toEqual([]);
  });
});
