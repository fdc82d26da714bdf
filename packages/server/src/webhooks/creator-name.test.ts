// The names of whoever created or disabled a webhook subscription (createdByName and
// disabledByName beside the usernames) over real HTTP on real PostgreSQL (docs/api.md
// "Webhooks"): answered to the subscriber and the municipality for the subscriber's people and
// the municipality's staff, null for an API token, and never the name of someone who now belongs
// to another provider; another provider does not read the subscription at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, testPassword } from '../platform/testing';
import { startTestWorld, type TestWorld } from '../platform/world.testing';

let tw: TestWorld;

beforeAll(async () => {
  tw = await startTestWorld({ now: () => new Date('2027-03-10T10:00:00Z') });
}, 180_000);
afterAll(async () => tw?.server.close());

async function subscribe(client: ApiClient): Promise<string> {
  const made = await client.post('/api/v1/webhooks', {
    url: 'https://receiver.example/hooks',
    eventTypes: ['key.blocked'],
  });
  if (made.status !== 201) throw new Error(JSON.stringify(made.body));
  return made.body.id;
}

/** The subscription's creator as `client` reads it, alone and in the list. */
async function creatorAsReadBy(client: ApiClient, id: string) {
  const found = await client.get(`/api/v1/webhooks/${id}`);
  const listed = (await client.get('/api/v1/webhooks')).body.items.find(
    (item: { id: string }) => item.id === id,
  );
  expect(listed?.createdByName).toBe(found.body.createdByName);
  return { createdBy: found.body.createdBy, createdByName: found.body.createdByName };
}

describe('the creator’s name', () => {
  it('is answered beside the username to the subscriber and the municipality', async () => {
    const leadName = await tw.createUser('work_lead', { providerId: tw.world.provider.a });
    const lead = await new ApiClient(tw.server.url).login(leadName, testPassword);
    const id = await subscribe(lead);
    const expected = { createdBy: leadName, createdByName: 'Test work_lead' };
    expect(await creatorAsReadBy(lead, id)).toEqual(expected);
    expect(await creatorAsReadBy(tw.admin, id)).toEqual(expected);
    const leadB = await tw.login('work_lead', { providerId: tw.world.provider.b });
    expect((await leadB.get(`/api/v1/webhooks/${id}`)).status).toBe(404);
    expect(JSON.stringify((await leadB.get('/api/v1/webhooks')).body)).not.toContain('Test work_lead');
  });

  it('is null for an API token', async () => {
    const token = await tw.admin.post('/api/v1/api-tokens', {
      name: 'integration',
      role: 'municipality_admin',
    });
    expect(token.status).toBe(201);
    const client = ApiClient.withToken(tw.server.url, token.body.token);
    const id = await subscribe(client);
    expect(await creatorAsReadBy(tw.admin, id)).toEqual({
      createdBy: 'token:integration',
      createdByName: null,
    });
  });

  it('is not answered once the creator belongs to another provider: the username stays', async () => {
    const leadName = await tw.createUser('work_lead', { providerId: tw.world.provider.a });
    const id = await subscribe(await new ApiClient(tw.server.url).login(leadName, testPassword));
    // No route moves an account to another provider; a data fix in the database could.
    await tw.server.db.pool.query('UPDATE user_account SET provider_id = $2 WHERE username = $1', [
      leadName,
      tw.world.provider.b,
    ]);
    const colleague = await tw.login('work_lead', { providerId: tw.world.provider.a });
    expect(await creatorAsReadBy(colleague, id)).toEqual({ createdBy: leadName, createdByName: null });
  });
});

describe('the name of who disabled it', () => {
  /** Who disabled the subscription, as `client` reads it. */
  async function disablerAsReadBy(client: ApiClient, id: string) {
    const found = (await client.get(`/api/v1/webhooks/${id}`)).body;
    return { disabledBy: found.disabledBy, disabledByName: found.disabledByName };
  }

  it('names the municipality’s administrator to the subscriber, and the subscriber’s own lead', async () => {
    const leadName = await tw.createUser('work_lead', { providerId: tw.world.provider.a });
    const lead = await new ApiClient(tw.server.url).login(leadName, testPassword);
    const id = await subscribe(lead);
    expect((await tw.admin.patch(`/api/v1/webhooks/${id}`, { isEnabled: false })).status).toBe(200);
    const byAdmin = await disablerAsReadBy(lead, id);
    expect(byAdmin.disabledByName).toBe('Test municipality_admin');
    expect(byAdmin.disabledBy).not.toBe(byAdmin.disabledByName);

    await lead.patch(`/api/v1/webhooks/${id}`, { isEnabled: true });
    expect((await lead.patch(`/api/v1/webhooks/${id}`, { isEnabled: false })).status).toBe(200);
    const expected = { disabledBy: leadName, disabledByName: 'Test work_lead' };
    expect(await disablerAsReadBy(lead, id)).toEqual(expected);
    expect(await disablerAsReadBy(tw.admin, id)).toEqual(expected);
  });

  it('is not answered once the one who disabled it belongs to another provider', async () => {
    const leadName = await tw.createUser('work_lead', { providerId: tw.world.provider.a });
    const lead = await new ApiClient(tw.server.url).login(leadName, testPassword);
    const id = await subscribe(lead);
    await lead.patch(`/api/v1/webhooks/${id}`, { isEnabled: false });
    await tw.server.db.pool.query('UPDATE user_account SET provider_id = $2 WHERE username = $1', [
      leadName,
      tw.world.provider.b,
    ]);
    const colleague = await tw.login('work_lead', { providerId: tw.world.provider.a });
    expect(await disablerAsReadBy(colleague, id)).toEqual({ disabledBy: leadName, disabledByName: null });
    expect(await disablerAsReadBy(tw.admin, id)).toEqual({ disabledBy: leadName, disabledByName: null });
  });
});
