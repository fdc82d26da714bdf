// The records an audit page refers to, named beside the page, over real HTTP on real PostgreSQL
// at a fixed instant (docs/api.md "Audit trail"): GET /api/v1/audit answers `references`, each
// record a page's entries name by id (a lock's `doorId`, a service's `providerId`) once, by its
// name now or null when it is no longer there, in one statement per page. The entries stay as
// recorded. Only the trail's readers (admin, auditor) get it, each only the kinds they may read
// across the municipality, and only for what the returned page refers to.
import { roles } from '@portvakt/core';
import { appendAudit } from '@portvakt/storage';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiClient, testPassword } from '../platform/testing';
import { loginEveryRole, startTestWorld, unique, type TestWorld } from '../platform/world.testing';
import { makeAuditReferenceRecords } from './audit-references.testing';

const now = new Date('2027-03-10T09:00:00Z');
let t: TestWorld;
let auditor: ApiClient;
const made: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestWorld({ now: () => now });
  const { admin, world } = t;
  auditor = await t.login('auditor');
  Object.assign(made, await makeAuditReferenceRecords(admin, world, '2027-01-01'));
}, 120_000);
afterAll(async () => t?.server.close());

/** The trail as `client` reads it with `query`: 200 and the page. */
async function readTrail(client: ApiClient, query: string) {
  const trail = await client.get(`/api/v1/audit?${query}`);
  expect(trail.status, JSON.stringify(trail.body)).toBe(200);
  return trail.body as {
    items: Array<{ entity: string; before: unknown; after: Record<string, unknown> | null }>;
    references: Array<{ kind: string; id: string; name: string | null }>;
  };
}

describe('the records an audit page refers to', () => {
  it('names a lock’s door and a service’s provider and customer beside the page, the entries as recorded', async () => {
    const lockPage = await readTrail(t.admin, `entity=lock_device&action=create&entityId=${made.lock}`);
    expect(lockPage.items).toHaveLength(1);
    expect(lockPage.items[0]!.after!.doorId).toBe(made.door);
    expect(lockPage.references).toEqual([{ kind: 'door', id: made.door, name: 'Storgatan 3, port' }]);

    const servicePage = await readTrail(auditor, `entity=customer_service&entityId=${made.service}`);
    const customer = (await t.admin.get(`/api/v1/customers/${t.world.customer.a}`)).body;
    expect(servicePage.references).toHaveLength(2);
    expect(servicePage.references).toEqual(
      expect.arrayContaining([
        { kind: 'provider', id: made.provider, name: 'Omsorg AB' },
        { kind: 'customer', id: t.world.customer.a, name: `${customer.givenName} ${customer.familyName}` },
      ]),
    );

    // Nothing is written into the trail: the stored entry holds the id only.
    const { rows } = await t.server.db.pool.query(
      `SELECT before, after FROM audit_entry WHERE entity_id IN ($1, $2)`,
      [made.lock, made.service],
    );
    expect(rows.length).toBeGreaterThan(1);
    expect(JSON.stringify(rows)).not.toMatch(/Storgatan 3, port|Omsorg AB/);
  });

  it('answers a record no longer there as null, its id kept', async () => {
    const page = await readTrail(t.admin, `entity=team&action=create&entityId=${made.goneTeam}`);
    expect(page.items[0]!.after!.providerId).toBe(made.goneProvider);
    expect(page.references).toEqual([{ kind: 'provider', id: made.goneProvider, name: null }]);
  });

  it('names only what the returned page refers to, each record once', async () => {
    const lockPage = await readTrail(t.admin, `entity=lock_device&action=create&entityId=${made.lock}`);
    expect(JSON.stringify(lockPage)).not.toContain('Omsorg AB');

    for (const query of ['limit=500', 'limit=3', 'entity=customer_service']) {
      const page = await readTrail(t.admin, query);
      const onPage = JSON.stringify(page.items);
      expect(page.references.length).toBeGreaterThan(0);
      for (const reference of page.references) expect(onPage).toContain(reference.id);
      const keys = page.references.map(({ kind, id }) => `${kind}:${id}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
    // The gone team's page (its creation and deletion) names its provider, once, and nothing else.
    const teamPage = await readTrail(t.admin, `entity=team&entityId=${made.goneTeam}`);
    expect(teamPage.items.map((item) => item.entity)).toEqual(['team', 'team']);
    expect(teamPage.references).toEqual([{ kind: 'provider', id: made.goneProvider, name: null }]);
  });

  it('reads the names of a whole page in one statement', async () => {
    const query = vi.spyOn(t.server.db.pool, 'query');
    try {
      const page = await readTrail(t.admin, 'limit=500');
      expect(new Set(page.references.map((reference) => reference.kind)).size).toBeGreaterThan(4);
      const lookups = query.mock.calls.filter(([statement]) =>
        JSON.stringify(statement).includes('AS w(kind, id)'),
      );
      expect(lookups).toHaveLength(1);
    } finally {
      query.mockRestore();
    }
  });

  it('names accounts only to a reader who may read accounts: the admin, not the auditor', async () => {
    const admin = (await t.admin.get('/api/v1/auth/me')).body as { id: string; displayName: string };
    await appendAudit(t.server.db.pool, {
      municipalityId: t.municipalityId,
      actorLabel: 'test',
      action: 'update',
      entity: 'work_order',
      entityId: made.lock,
      after: { assignedUserId: admin.id, lockDeviceId: made.lock },
    });
    const query = `entity=work_order&entityId=${made.lock}`;
    const lock = { kind: 'lock_device', id: made.lock, name: expect.stringMatching(/^PV-CR-/) };
    // In the order the stored JSON has them (jsonb orders an object's keys by length).
    expect((await readTrail(t.admin, query)).references).toEqual([
      lock,
      { kind: 'user_account', id: admin.id, name: admin.displayName },
    ]);
    // The auditor may not read accounts: the reference is left as recorded, neither named nor "gone".
    expect((await readTrail(auditor, query)).references).toEqual([lock]);
  });

  it('names who made an API token and the invitation a relative’s account was made with, to the admin only', async () => {
    const admin = (await t.admin.get('/api/v1/auth/me')).body as { id: string; displayName: string };
    const token = await t.admin.post('/api/v1/api-tokens', { name: 'Verksamhetssystemet', role: 'auditor' });
    expect(token.status, JSON.stringify(token.body)).toBe(201);
    const tokenQuery = `entity=api_token&action=create&entityId=${token.body.apiToken.id}`;
    expect((await readTrail(t.admin, tokenQuery)).items[0]!.after!.createdBy).toBe(admin.id);
    expect((await readTrail(t.admin, tokenQuery)).references).toEqual([
      { kind: 'user_account', id: admin.id, name: admin.displayName },
    ]);
    expect((await readTrail(auditor, tokenQuery)).references).toEqual([]);

    const invited = await t.admin.post(`/api/v1/customers/${t.world.customer.a}/relative-invitations`, {
      relativeName: 'Lena Berg',
      email: 'lena.berg@example.se',
    });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    const linkToken = (invited.body.link as string).split('/').pop()!;
    const account = await new ApiClient(t.server.url).post(`/api/v1/relative-links/${linkToken}/account`, {
      username: unique('lena').toLowerCase(),
      password: testPassword,
    });
    expect(account.status, JSON.stringify(account.body)).toBe(201);
    const accountQuery = `entity=user_account&action=create&actorUserId=`;
    const newest = await t.admin.get('/api/v1/audit?entity=user_account&action=create&limit=1');
    const made = newest.body.items[0] as { actorUserId: string; after: Record<string, unknown> } | undefined;
    expect(made!.after.invitationId).toBe(invited.body.invitation.id);
    const customer = { kind: 'customer', id: t.world.customer.a, name: expect.any(String) };
    const invitation = { kind: 'relative_invitation', id: invited.body.invitation.id, name: 'Lena Berg' };
    expect((await readTrail(t.admin, `${accountQuery}${made!.actorUserId}`)).references).toEqual(
      expect.arrayContaining([customer, invitation]),
    );
    // The auditor reads no invitations: the invitation stays as recorded.
    expect((await readTrail(auditor, `${accountQuery}${made!.actorUserId}`)).references).toEqual([customer]);
  });

  it('is read by the admin and the auditor only: every other role gets 403 and no name', async () => {
    const clients = await loginEveryRole(t.server, t.municipalityId, t.world, t.admin);
    const query = `entity=lock_device&entityId=${made.lock}`;
    const door = { kind: 'door', id: made.door, name: 'Storgatan 3, port' };
    for (const role of ['municipality_admin', 'auditor'] as const)
      expect((await readTrail(clients[role], query)).references, role).toEqual([door]);
    const without = roles.filter((role) => role !== 'municipality_admin' && role !== 'auditor');
    expect(without.length).toBeGreaterThan(5);
    for (const role of without) {
      const trail = await clients[role].get(`/api/v1/audit?${query}`);
      expect(trail.status, role).toBe(403);
      expect(JSON.stringify(trail.body), role).not.toMatch(/Storgatan 3|Omsorg AB|references/);
    }
  });
});
