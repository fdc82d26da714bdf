// The name of whoever acted, in the audit trail over real HTTP on real PostgreSQL at a fixed
// instant (docs/api.md "Audit trail"): GET /api/v1/audit answers actorName beside the username in
// actorLabel. Only the municipality's own roles read the trail (core's policy for audit_entry), and
// they may know every account of their municipality by name, a provider's people too, also after
// one moved; no one else reads the trail, and an account of another municipality is never named.
import { appendAudit } from '@portvakt/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, testPassword } from '../platform/testing';
import { addMunicipality, startTestWorld, unique, type TestWorld } from '../platform/world.testing';

const now = new Date('2027-03-10T09:00:00Z');
let t: TestWorld;

beforeAll(async () => {
  t = await startTestWorld({ now: () => now });
}, 120_000);
afterAll(async () => t?.server.close());

/** An account of `fields` (role, organisation) made by the admin, logged in once (an audited login). */
async function createAccount(displayName: string, fields: Record<string, string>) {
  const username = unique('konto').toLowerCase();
  const made = await t.admin.post('/api/v1/users', {
    username,
    displayName,
    password: testPassword,
    ...fields,
  });
  if (made.status !== 201) throw new Error(JSON.stringify(made.body));
  const client = await new ApiClient(t.server.url).login(username, testPassword);
  return { id: made.body.id as string, username, client };
}

const createWorkLead = (displayName: string, providerId: string) =>
  createAccount(displayName, { role: 'work_lead', providerId });

/** The actor fields of `userId`'s entries in the trail as `client` reads it, newest first. */
async function actorsAsReadBy(client: ApiClient, userId: string) {
  const trail = await client.get(`/api/v1/audit?actorUserId=${userId}`);
  expect(trail.status).toBe(200);
  return trail.body.items.map(({ actorKind, actorLabel, actorName }: Record<string, string | null>) => ({
    actorKind,
    actorLabel,
    actorName,
  }));
}

describe('the actor’s name in the audit trail', () => {
  it('is answered beside the username to the municipality’s admin and auditor', async () => {
    const lead = await createWorkLead('Wilma Ledare', t.world.provider.a);
    const expected = { actorKind: 'actor', actorLabel: lead.username, actorName: 'Wilma Ledare' };
    const asAdmin = await actorsAsReadBy(t.admin, lead.id);
    expect(asAdmin.length).toBeGreaterThan(0);
    for (const actor of asAdmin) expect(actor).toEqual(expected);
    expect(await actorsAsReadBy(await t.login('auditor'), lead.id)).toEqual(asAdmin);
    const admin = (await t.admin.get('/api/v1/auth/me')).body;
    expect((await actorsAsReadBy(t.admin, admin.id))[0]).toEqual({
      actorKind: 'actor',
      actorLabel: admin.label,
      actorName: admin.displayName,
    });
  });

  it('is read by no one outside the municipality’s roles: another provider, support and the lead get 403', async () => {
    const lead = await createWorkLead('Vera Hemlig', t.world.provider.a);
    for (const client of [
      await t.login('work_lead', { providerId: t.world.provider.b }),
      lead.client,
      await t.login('support'),
    ]) {
      const trail = await client.get(`/api/v1/audit?actorUserId=${lead.id}`);
      expect(trail.status).toBe(403);
      expect(JSON.stringify(trail.body)).not.toContain('Vera Hemlig');
    }
  });

  it('stays for an account that moved to another company: the municipality knows both', async () => {
    const installer = await createAccount('Maja Flyttad', {
      role: 'installer',
      locksmithCompanyId: t.world.locksmithCompany.a,
    });
    const moved = await t.admin.patch(`/api/v1/users/${installer.id}`, {
      locksmithCompanyId: t.world.locksmithCompany.b,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    await new ApiClient(t.server.url).login(installer.username, testPassword);
    const actors = await actorsAsReadBy(t.admin, installer.id);
    expect(actors.length).toBeGreaterThan(1);
    for (const actor of actors)
      expect(actor).toMatchObject({ actorLabel: installer.username, actorName: 'Maja Flyttad' });
  });

  it('is null for an account of another municipality, a blank name, and a link holder', async () => {
    const lead = await createWorkLead('Olle Utomsocken', t.world.provider.a);
    // An entry in another municipality carrying this account's id (as no code path writes) must
    // not tell that municipality this account's name.
    const other = await addMunicipality(t.server);
    await appendAudit(t.server.db.pool, {
      municipalityId: other.municipalityId,
      actorUserId: lead.id,
      actorLabel: lead.username,
      actorRole: 'work_lead',
      action: 'update',
      entity: 'provider',
    });
    expect(await actorsAsReadBy(other.admin, lead.id)).toEqual([
      { actorKind: 'actor', actorLabel: lead.username, actorName: null },
    ]);

    const blank = await createWorkLead('Tom Namn', t.world.provider.a);
    await t.server.db.pool.query(`UPDATE user_account SET display_name = '  ' WHERE id = $1`, [blank.id]);
    for (const actor of await actorsAsReadBy(t.admin, blank.id))
      expect(actor).toMatchObject({ actorLabel: blank.username, actorName: null });

    // A relative's invitation is said by the label (their name) and whose link it was, not the account.
    await appendAudit(t.server.db.pool, {
      municipalityId: t.municipalityId,
      actorUserId: lead.id,
      actorLabel: 'Lena Berg',
      actorRole: 'relative',
      action: 'create',
      entity: 'user_account',
      entityId: lead.id,
    });
    expect((await actorsAsReadBy(t.admin, lead.id))[0]).toEqual({
      actorKind: 'relative_invitation',
      actorLabel: 'Lena Berg',
      actorName: null,
    });
  });
});
