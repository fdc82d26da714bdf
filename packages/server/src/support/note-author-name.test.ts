// The name of whoever wrote a support case's timeline entry (authorName beside the username in
// author) over real HTTP on real PostgreSQL with the clock in support hours (docs/api.md
// "Support"): answered to the case's own organisation and the municipality for an author of that
// organisation or the municipality's staff, never the name of someone who now belongs to another
// organisation; another provider does not read the case at all.
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

interface Entry {
  kind: string;
  body: string;
  authorKind: string;
  author: string;
  authorName: string | null;
}

const raise = async (client: ApiClient) => {
  const made = await client.post('/api/v1/support-cases', {
    category: 'lock_fault',
    title: unique('Låset kärvar'),
  });
  if (made.status !== 201) throw new Error(JSON.stringify(made.body));
  return made.body as { id: string; timeline: Entry[] };
};

const writeNote = async (client: ApiClient, id: string, body: string) => {
  const written = await client.post(`/api/v1/support-cases/${id}/notes`, { body });
  if (written.status !== 201) throw new Error(JSON.stringify(written.body));
};

/** Who wrote each entry of the case's timeline, as `client` reads it. */
async function authorsAsReadBy(client: ApiClient, id: string) {
  const found = await client.get(`/api/v1/support-cases/${id}`);
  expect(found.status).toBe(200);
  return (found.body.timeline as Entry[]).map(({ kind, body, author, authorName }) => ({
    what: kind === 'note' ? body : kind,
    author,
    authorName,
  }));
}

describe('a timeline entry’s author’s name', () => {
  it('is answered beside the username to the case’s organisation and the municipality', async () => {
    const leadName = await tw.createUser('work_lead', { providerId: tw.world.provider.a });
    const lead = await new ApiClient(server.url).login(leadName, testPassword);
    const supportName = await tw.createUser('support');
    const support = await new ApiClient(server.url).login(supportName, testPassword);
    const made = await raise(lead);
    expect(made.timeline[0]).toMatchObject({
      kind: 'status',
      author: leadName,
      authorName: 'Test work_lead',
    });
    await writeNote(support, made.id, 'Ringt låsleverantören.');
    await writeNote(lead, made.id, 'Tack!');
    const expected = [
      { what: 'status', author: leadName, authorName: 'Test work_lead' },
      { what: 'Ringt låsleverantören.', author: supportName, authorName: 'Test support' },
      { what: 'Tack!', author: leadName, authorName: 'Test work_lead' },
    ];
    expect(await authorsAsReadBy(lead, made.id)).toEqual(expected);
    expect(await authorsAsReadBy(support, made.id)).toEqual(expected);
    expect(await authorsAsReadBy(tw.admin, made.id)).toEqual(expected);
    // Another provider does not read the case, so it learns no author's name either.
    const leadB = await tw.login('work_lead', { providerId: tw.world.provider.b });
    const readB = await leadB.get(`/api/v1/support-cases/${made.id}`);
    expect(readB.status).toBe(404);
    expect(JSON.stringify(readB.body)).not.toContain('Test work_lead');
    expect(JSON.stringify(readB.body)).not.toContain('Test support');
  });

  it('is not answered once the author belongs to another organisation: the username stays', async () => {
    const writer = await createNamedInstaller(tw, 'Nora Notering', tw.world.locksmithCompany.a);
    const colleague = await createNamedInstaller(tw, 'Kalle Kollega', tw.world.locksmithCompany.a);
    const made = await raise(colleague.client);
    await writeNote(writer.client, made.id, 'Jag tittar på det i morgon.');
    const note = async (client: ApiClient) =>
      (await authorsAsReadBy(client, made.id)).find((entry) => entry.what === 'Jag tittar på det i morgon.');
    expect(await note(colleague.client)).toEqual({
      what: 'Jag tittar på det i morgon.',
      author: writer.username,
      authorName: 'Nora Notering',
    });
    // The writer moves to company B: the case stays company A's, whose installer still reads it,
    // but must not learn the name of company B's installer; nor does the municipality here.
    const moved = await tw.admin.patch(`/api/v1/users/${writer.id}`, {
      locksmithCompanyId: tw.world.locksmithCompany.b,
    });
    expect(moved.status).toBe(200);
    const unnamed = { what: 'Jag tittar på det i morgon.', author: writer.username, authorName: null };
    expect(await note(colleague.client)).toEqual(unnamed);
    expect(await note(await tw.login('support'))).toEqual(unnamed);
    // The raiser, still company A's, is still named.
    expect((await authorsAsReadBy(colleague.client, made.id))[0]?.authorName).toBe('Kalle Kollega');
  });
});
