// Who gave a grant, by name (docs/permissions.md "Single checks and explain"): explain's reasons, the grants list
// and the permission history name the account as people know it, where the reader may be told
// it (the municipality's own staff, or an account of the staff member's provider), else by the
// username on record. Real HTTP on real PostgreSQL with a fixed clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../platform/testing';
import {
  createRecord,
  createStaffMember,
  signInNamedUser,
  startTestWorld,
  unique,
  type TestWorld,
} from '../platform/world.testing';

const now = new Date('2026-12-15T09:00:00Z');
let tw: TestWorld;

beforeAll(async () => {
  tw = await startTestWorld({ now: () => now });
}, 180_000);
afterAll(async () => tw?.server.close());

const inOneHour = new Date(now.getTime() + 3600_000).toISOString();
const inTwoHours = new Date(now.getTime() + 2 * 3600_000).toISOString();

async function explainText(client: ApiClient, staffMemberId: string): Promise<string> {
  const answer = await client.get(
    `/api/v1/permissions/explain?staffMemberId=${staffMemberId}&lockId=${tw.world.lockDevice.apartmentA}&at=${encodeURIComponent(inOneHour)}`,
  );
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return (answer.body.reasons as Array<{ text: string }>).map((reason) => reason.text).join(' ');
}

async function historyActors(client: ApiClient, staffMemberId: string) {
  const history = await client.get(`/api/v1/staff/${staffMemberId}/permission-history`);
  expect(history.status, JSON.stringify(history.body)).toBe(200);
  return (history.body.items as Array<{ entity: string; actorLabel: string; actorName: string | null }>)
    .filter((item) => item.entity === 'access_grant')
    .map((item) => [item.actorLabel, item.actorName]);
}

/** The grants of a staff member as the grants list (the console's "Beviljad av") names their giver. */
async function listedGranters(client: ApiClient, staffMemberId: string) {
  const listed = await client.get(`/api/v1/access-grants?staffMemberId=${staffMemberId}`);
  expect(listed.status, JSON.stringify(listed.body)).toBe(200);
  return (listed.body.items as Array<{ grantedBy: string; grantedByName: string | null }>).map((row) => [
    row.grantedBy,
    row.grantedByName,
  ]);
}

describe('the name of whoever gave a grant', () => {
  it('is the account’s name in explain, the permission history and the grants list, and the username once it is not the reader’s to know', async () => {
    const { world } = tw;
    const username = unique('lena.lead').toLowerCase();
    const lead = await signInNamedUser(tw, {
      username,
      displayName: 'Lena Arbetsledare',
      role: 'work_lead',
      providerId: world.provider.a,
    });
    const colleague = await tw.login('work_lead', { providerId: world.provider.a });
    const staffMemberId = await createRecord(tw.admin, 'staff', {
      providerId: world.provider.a,
      givenName: 'Vera',
      familyName: unique('Vikarie'),
      employmentStartsOn: '2026-01-01',
    });
    const grant = await lead.client.post('/api/v1/access-grants', {
      staffMemberId,
      customerId: world.customer.a,
      validUntil: inTwoHours,
      reason: 'Vikarie',
    });
    expect(grant.status, JSON.stringify(grant.body)).toBe(201);
    // The record keeps the username, as every record of who acted does.
    expect(grant.body.grantedBy).toBe(username);

    for (const reader of [tw.admin, colleague]) {
      expect(await explainText(reader, staffMemberId)).toContain('given av Lena Arbetsledare: "Vikarie"');
      expect(await historyActors(reader, staffMemberId)).toEqual([[username, 'Lena Arbetsledare']]);
      expect(await listedGranters(reader, staffMemberId)).toEqual([[username, 'Lena Arbetsledare']]);
    }

    // Lena's account comes to belong to provider B (the API has no such move; the rule must hold
    // whatever the data): provider A's work lead is no longer told her name; the municipality's
    // own roles, who read the audit trail with every name, still are.
    await tw.server.db.pool.query('UPDATE user_account SET provider_id = $1 WHERE id = $2', [
      world.provider.b,
      lead.id,
    ]);
    expect(await historyActors(colleague, staffMemberId)).toEqual([[username, null]]);
    expect(await listedGranters(colleague, staffMemberId)).toEqual([[username, null]]);
    expect(await listedGranters(tw.admin, staffMemberId)).toEqual([[username, 'Lena Arbetsledare']]);
    expect(await historyActors(tw.admin, staffMemberId)).toEqual([[username, 'Lena Arbetsledare']]);
    // The facts are read again after the next permission change (a colleague's grant).
    await createRecord(tw.admin, 'access-grants', {
      staffMemberId: await createStaffMember(tw.admin, world.provider.a),
      customerId: world.customer.a,
      validUntil: inTwoHours,
      reason: 'Extra pass',
    });
    expect(await explainText(colleague, staffMemberId)).toContain(`given av ${username}: "Vikarie"`);
  });
});
