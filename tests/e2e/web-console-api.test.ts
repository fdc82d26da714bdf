// The API behind the console fixes of issue #9 item 9, over real HTTP on a real database with the
// simulated devices of tests/e2e/event-log.world.ts: event rows name doors and locks as far as the
// caller may see them; key answers carry the holder's name as far as the caller may be told it; a
// work lead sees how far a blocked key's block-list entry has reached; dismounting a lock on an
// ongoing customer's way in is refused unless forced with a reason. Each scope rule is tried
// from the wrong side too.
import { roles, type Role } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiClient,
  createUser,
  keyBlockListRouteTemplates,
  lockDismountRouteTemplates,
  startTestServer,
  testPassword,
  type TestServer,
} from '@portvakt/server/testing';
import { createEventWorld, type EventWorld } from './event-log.world';
import { recordActivity } from './web-events.world';

let server: TestServer;
let w: EventWorld;
const clients = {} as Record<Role, ApiClient>;
let workLeadB: ApiClient;
const day0 = Math.floor(Date.UTC(2026, 0, 12, 7, 0, 0) / 1000); // a Monday, 08:00 in Stockholm

interface EventRow {
  doorId: string | null;
  doorLabel: string | null;
  doorKind: string | null;
  lockSerial: string | null;
  lockNumber: number | null;
  result: number;
  staffPseudonym: string | null;
}

beforeAll(async () => {
  server = await startTestServer();
  const pool = server.db.pool;
  w = await createEventWorld(pool, day0);
  await recordActivity(w, day0, 1);
  for (const role of roles) {
    const links =
      role === 'work_lead'
        ? { providerId: w.providerA }
        : role === 'staff'
          ? { providerId: w.providerA, staffMemberId: w.staffA.id }
          : {};
    if (role === 'property_owner') continue;
    clients[role] = await new ApiClient(server.url).login(
      await createUser(pool, w.municipalityId, role, links),
      testPassword,
    );
  }
  workLeadB = await new ApiClient(server.url).login(
    await createUser(pool, w.municipalityId, 'work_lead', { providerId: w.providerB }),
    testPassword,
  );
}, 120_000);
afterAll(async () => server?.close());

const range = `from=${new Date((day0 - 3600) * 1000).toISOString()}&to=${new Date((day0 + 86_400) * 1000).toISOString()}`;

async function events(client: ApiClient, subject: string, id: string): Promise<EventRow[]> {
  const response = await client.get(`/api/v1/event-log/${subject}/${id}?${range}`);
  expect(response.status).toBe(200);
  return response.body.items as EventRow[];
}

describe('event rows name the doors and locks the caller may see', () => {
  it('roles that read doors and locks get label, kind and serial on every row', async () => {
    for (const role of ['municipality_admin', 'lock_manager', 'support', 'auditor'] as const) {
      const rows = await events(clients[role], 'door', w.entrance);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.doorLabel).toBe('Port A');
        expect(row.doorKind).toBe('entrance');
        expect(row.lockSerial).toMatch(/^PV-/);
        expect(row.lockNumber).toBe(1);
      }
    }
  });

  it('a work lead gets the doors on their customers’ ways in by name, and no serials', async () => {
    const rows = await events(clients.work_lead, 'customer', w.customer);
    const labels = new Set(rows.map((row) => row.doorLabel));
    expect(labels).toEqual(new Set(['Port A', 'Lgh 1001']));
    // Bertil (provider B) was refused at Port A: the door is A's customer's, so it is named.
    expect(rows.some((row) => row.result === 1 && row.doorLabel === 'Port A')).toBe(true);
    for (const row of rows) {
      expect(row.lockSerial).toBeNull();
      expect(row.lockNumber).not.toBeNull();
    }
  });

  it('attack: a work lead reading their own staff’s refusal at another provider’s door does not learn that door', async () => {
    // Bertil's own history for his work lead (provider B): his opening at Lgh 2001 (B's customer)
    // and his refusal at Port A, which is A's customer's door.
    const rows = await events(workLeadB, 'staff', w.staffB.id);
    const refusal = rows.find((row) => row.result === 1 && row.doorId === w.entrance);
    expect(refusal).toBeDefined();
    expect(refusal!.doorLabel).toBeNull();
    expect(refusal!.doorKind).toBeNull();
    expect(rows.find((row) => row.doorId === w.otherApartment)?.doorLabel).toBe('Lgh 2001');
    expect(JSON.stringify(rows)).not.toContain('Port A');
  });
});

interface KeyBody {
  id: string;
  holderName?: string | null;
}

describe('key answers carry the holder’s name the caller may be told', () => {
  it('lock managers, admins, oversight, the work lead and the holder get the name, in the list and the key', async () => {
    for (const role of [
      'lock_manager',
      'municipality_admin',
      'support',
      'auditor',
      'work_lead',
      'staff',
    ] as const) {
      const list = await clients[role].get('/api/v1/keys?limit=100');
      expect(list.status).toBe(200);
      const keyA = (list.body.items as KeyBody[]).find((key) => key.id === w.keyIds.keyA);
      expect(keyA?.holderName, role).toBe('Anna Andersson');
      const one = await clients[role].get(`/api/v1/keys/${w.keyIds.keyA}`);
      expect(one.body.holderName, role).toBe('Anna Andersson');
    }
  });

  it('attack: a work lead’s key held by another provider’s staff member does not name that person', async () => {
    const odd = await server.db.pool.query<{ id: string }>(
      `INSERT INTO digital_key (municipality_id, provider_id, kind, serial, holder_staff_member_id)
       VALUES ($1, $2, 'hardware_key', 'ODD-1', $3) RETURNING id`,
      [w.municipalityId, w.providerA, w.staffB.id],
    );
    const list = await clients.work_lead.get('/api/v1/keys?limit=100');
    const row = (list.body.items as KeyBody[]).find((key) => key.id === odd.rows[0]!.id);
    expect(row).toBeDefined();
    expect(row!.holderName).toBeNull();
    expect(JSON.stringify(list.body)).not.toContain('Bertil');
    // The lock manager, who hands out keys, is told.
    const manager = await clients.lock_manager.get(`/api/v1/keys/${odd.rows[0]!.id}`);
    expect(manager.body.holderName).toBe('Bertil Berg');
    await server.db.pool.query('DELETE FROM digital_key WHERE id = $1', [odd.rows[0]!.id]);
  });
});

interface BlockListStatus {
  isOnBlockList: boolean;
  addedInVersion: number | null;
  relevantLocks: number;
  confirmed: number;
  lagging: Array<{
    lockId: string | null;
    serial: string | null;
    doorLabel: string;
    lockNumber: number | null;
  }>;
}

describe('how far a blocked key’s block-list entry has reached', () => {
  let keyId: string;
  beforeAll(async () => {
    // A spare key of provider A for Anna, issued and then lost, as a work lead does it.
    const created = await clients.work_lead.post('/api/v1/keys', {
      providerId: w.providerA,
      kind: 'hardware_key',
      serial: 'SPARE-1',
      holderStaffMemberId: w.staffA.id,
    });
    expect(created.status).toBe(201);
    keyId = created.body.id as string;
    const lost = await clients.work_lead.patch(`/api/v1/keys/${keyId}`, {
      status: 'lost',
      statusReason: 'Tappad på bussen',
    });
    expect(lost.status).toBe(200);
  });

  it('a work lead sees how many of the locks on their customers’ ways in have the entry, and which lag', async () => {
    const before = await clients.work_lead.get(`/api/v1/keys/${keyId}/block-list-status`);
    expect(before.status).toBe(200);
    const status = before.body as BlockListStatus;
    expect(status.isOnBlockList).toBe(true);
    expect(status.relevantLocks).toBe(2); // Port A and Lgh 1001; not Lgh 2001 (provider B's customer)
    expect(status.lagging.map((lock) => lock.doorLabel).sort()).toEqual(['Lgh 1001', 'Port A']);
    for (const lock of status.lagging) {
      expect(lock.lockId).toBeNull(); // work leads read no locks
      expect(lock.serial).toBeNull();
    }
    // The entrance lock reports the new version.
    await server.db.pool.query(
      `INSERT INTO lock_block_list_report (lock_device_id, version, reported_at) VALUES ($1, $2, now())
       ON CONFLICT (municipality_id, lock_device_id) DO UPDATE SET version = excluded.version, reported_at = now()`,
      [w.lockIds.entrance, status.addedInVersion],
    );
    const after = (await clients.work_lead.get(`/api/v1/keys/${keyId}/block-list-status`))
      .body as BlockListStatus;
    expect(after.confirmed).toBe(1);
    expect(after.lagging.map((lock) => lock.doorLabel)).toEqual(['Lgh 1001']);
    const admin = (await clients.municipality_admin.get(`/api/v1/keys/${keyId}/block-list-status`))
      .body as BlockListStatus;
    expect(admin.lagging[0]!.lockId).toBe(w.lockIds.apartment);
  });

  it('attack: another provider’s work lead, a staff member and roles without keys learn nothing', async () => {
    const other = await workLeadB.get(`/api/v1/keys/${keyId}/block-list-status`);
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.body)).not.toContain('Port A');
    expect((await clients.staff.get(`/api/v1/keys/${keyId}/block-list-status`)).status).toBe(403);
    expect((await clients.installer.get(`/api/v1/keys/${keyId}/block-list-status`)).status).toBe(403);
  });

  it('role matrix', async () => {
    expect(keyBlockListRouteTemplates).toEqual(['GET /api/v1/keys/{id}/block-list-status']);
    const allowed = ['municipality_admin', 'lock_manager', 'support', 'auditor', 'work_lead'];
    for (const role of Object.keys(clients) as Role[]) {
      const response = await clients[role].get(`/api/v1/keys/${keyId}/block-list-status`);
      expect(response.status, role).toBe(allowed.includes(role) ? 200 : 403);
    }
  });
});

describe('dismounting a lock on an ongoing customer’s way in', () => {
  it('a PATCH that takes the lock off is refused with 409 and says who loses access; nothing changes', async () => {
    for (const body of [{ status: 'removed' }, { status: 'in_stock', doorId: null }]) {
      const response = await clients.lock_manager.patch(`/api/v1/locks/${w.lockIds.apartment}`, body);
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('lock_on_access_path');
      expect(response.body.details.door.label).toBe('Lgh 1001');
      expect(response.body.details.customerCount).toBe(1);
      expect(response.body.details.customers).toEqual([{ id: w.customer, name: 'Karl Lund' }]);
    }
    const lock = await clients.lock_manager.get(`/api/v1/locks/${w.lockIds.apartment}`);
    expect(lock.body.status).toBe('installed');
    expect(lock.body.doorId).toBe(w.apartment);
    // A lock marked faulty stays on its door: no dismount, no refusal.
    const faulty = await clients.lock_manager.patch(`/api/v1/locks/${w.lockIds.apartment}`, {
      status: 'faulty',
    });
    expect(faulty.status).toBe(200);
    await clients.lock_manager.patch(`/api/v1/locks/${w.lockIds.apartment}`, { status: 'installed' });
  });

  it('attack: an installer, who reads no customers, is told how many lose access but not who', async () => {
    const response = await clients.installer.post(`/api/v1/locks/${w.lockIds.apartment}/dismount`, {});
    expect(response.status).toBe(409);
    expect(response.body.details.customerCount).toBe(1);
    expect(response.body.details.customers).toEqual([]);
    expect(JSON.stringify(response.body)).not.toContain('Lund');
  });

  it('forcing needs a reason; the forced dismount is audited with the reason and who lost access', async () => {
    const path = `/api/v1/locks/${w.lockIds.apartment}/dismount`;
    const noReason = await clients.lock_manager.post(path, { force: true });
    expect(noReason.status).toBe(422);
    expect(noReason.body.code).toBe('reason_required');
    expect((await clients.lock_manager.get(`/api/v1/locks/${w.lockIds.apartment}`)).body.status).toBe(
      'installed',
    );
    const forced = await clients.lock_manager.post(path, { force: true, reason: 'Låset är trasigt' });
    expect(forced.status).toBe(200);
    expect(forced.body.lock.status).toBe('removed');
    expect(forced.body.lock.doorId).toBeNull();
    expect(forced.body.accessLost.customers).toEqual([{ id: w.customer, name: 'Karl Lund' }]);
    const { rows } = await server.db.pool.query<{ after: Record<string, unknown> }>(
      `SELECT after FROM audit_entry WHERE action = 'dismount' AND entity_id = $1`,
      [w.lockIds.apartment],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.after.dismountReason).toBe('Låset är trasigt');
    expect(rows[0]!.after.customerIdsLosingAccess).toEqual([w.customer]);
    expect((await clients.lock_manager.post(path, {})).body.code).toBe('not_mounted');
  });

  it('a lock whose door no ongoing customer passes comes off without ceremony', async () => {
    await server.db.pool.query(`UPDATE customer_service SET ends_on = '2021-01-01' WHERE customer_id = $1`, [
      w.otherCustomer,
    ]);
    const response = await clients.lock_manager.patch(`/api/v1/locks/${w.lockIds.other}`, {
      status: 'removed',
      doorId: null,
    });
    expect(response.status).toBe(200);
  });

  it('role matrix: only the roles that change locks may dismount', async () => {
    expect(lockDismountRouteTemplates).toEqual(['POST /api/v1/locks/{id}/dismount']);
    const changers = ['municipality_admin', 'lock_manager', 'installer'];
    for (const role of Object.keys(clients) as Role[]) {
      const response = await clients[role].post(`/api/v1/locks/${w.lockIds.entrance}/dismount`, {});
      // Port A is still on Karl Lund's way in: those who may change locks get the refusal.
      expect(response.status, role).toBe(changers.includes(role) ? 409 : 403);
    }
  });
});
