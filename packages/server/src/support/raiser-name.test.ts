// The name of whoever raised a support case (raisedByName beside the username in raisedBy) over
// real HTTP on real PostgreSQL with the clock in support hours (docs/api.md "Support"): answered in
// the case and the list to the case's own organisation and the municipality, never the name of
// someone who now belongs to another organisation; another provider does not read the case at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, testPassword, type TestServer } from '../platform/testing';
import { startTestWorld, unique, type TestWorld } from '../platform/world.testing';
import { createNamedInstaller } from './named-installer.testing';

/** Wednesday 10 March 2027, 10:00 in Stockholm: support is open. */
const day = new Date('2027-03-10T09:00:00Z');

let tw: TestWorld;
let server: TestServer;

beforeAll(async () => {
  tw = await startTestWorld({ now: () => day });
  server = tw.server;
}, 180_000);
afterAll(async () => server?.close());

const raise = async (client: ApiClient) => {
  const made = await client.post('/api/v1/support-cases', {
    category: 'lock_fault',
    title: unique('Låset kärvar'),
  });
  if (made.status !== 201) throw new Error(JSON.stringify(made.body));
  return made.body as { id: string; raisedBy: string; raisedByName: string | null };
};

/** The case's raiser as `client` reads it, in the case and in the list. */
async function raiserAsReadBy(client: ApiClient, id: string) {
  const found = await client.get(`/api/v1/support-cases/${id}`);
  const listed = (await client.get('/api/v1/support-cases?limit=200')).body.items.find(
    (item: { id: string }) => item.id === id,
  );
  expect(listed?.raisedByName).toBe(found.body.raisedByName);
  return { raisedBy: found.body.raisedBy, raisedByName: found.body.raisedByName };
}

describe('the raiser’s name', () => {
  it('is answered beside the username to the raiser’s organisation and the municipality', async () => {
    const leadName = await tw.createUser('work_lead', { providerId: tw.world.provider.a });
    const lead = await new ApiClient(server.url).login(leadName, testPassword);
    const made = await raise(lead);
    expect(made).toMatchObject({ raisedBy: leadName, raisedByName: 'Test work_lead' });
    const expected = { raisedBy: leadName, raisedByName: 'Test work_lead' };
    expect(await raiserAsReadBy(lead, made.id)).toEqual(expected);
    expect(
      await raiserAsReadBy(await tw.login('work_lead', { providerId: tw.world.provider.a }), made.id),
    ).toEqual(expected);
    expect(await raiserAsReadBy(await tw.login('support'), made.id)).toEqual(expected);
    // Another provider does not read the case, so it learns no name either.
    const leadB = await tw.login('work_lead', { providerId: tw.world.provider.b });
    expect((await leadB.get(`/api/v1/support-cases/${made.id}`)).status).toBe(404);
    const listedB = (await leadB.get('/api/v1/support-cases?limit=200')).body.items;
    expect(JSON.stringify(listedB)).not.toContain('Test work_lead');
  });

  it('is not answered once the raiser belongs to another organisation: the username stays', async () => {
    const raiser = await createNamedInstaller(tw, 'Lina Låssmed', tw.world.locksmithCompany.a);
    const colleague = await createNamedInstaller(tw, 'Kalle Kollega', tw.world.locksmithCompany.a);
    const made = await raise(raiser.client);
    expect(await raiserAsReadBy(colleague.client, made.id)).toEqual({
      raisedBy: raiser.username,
      raisedByName: 'Lina Låssmed',
    });
    // The raiser moves to company B: the case stays company A's, whose installer still reads it,
    // but must not learn the name of company B's installer.
    const moved = await tw.admin.patch(`/api/v1/users/${raiser.id}`, {
      locksmithCompanyId: tw.world.locksmithCompany.b,
    });
    expect(moved.status).toBe(200);
    expect(await raiserAsReadBy(colleague.client, made.id)).toEqual({
      raisedBy: raiser.username,
      raisedByName: null,
    });
    const support = await tw.login('support');
    expect((await raiserAsReadBy(support, made.id)).raisedByName).toBeNull();
  });
});
