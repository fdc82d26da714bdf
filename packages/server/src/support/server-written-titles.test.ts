// What the server writes on the cases and orders it opens, and who confirmed an arrival, over
// real HTTP at a fixed instant (docs/support.md "Support cases"): titles are kinds with
// parameters (a backup key taken, an emergency opening, an emergency's follow-up), the follow-up
// work order's notes hold only what the person wrote, and the arrival link's locksmith is an
// actor kind in the audit trail. Rows written as Swedish text before migration 0048 are converted
// by it where they are recognisably the server's; a person's look-alike title stays as written.
import { appendAudit, insertSupportCase, loadMigrations } from '@portvakt/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from '../platform/testing';
import { linksOfRole, startTestWorld, type World } from '../platform/world.testing';
import { makeServerWrittenFacts } from './server-written-facts.testing';

// Saturday 6 February 2027, 02:40 in Stockholm.
const night = new Date('2027-02-06T01:40:00Z');
let clock = night;
let server: TestServer;
let world: World;
let municipalityId: string;
let support: ApiClient;
let admin: ApiClient;
let companyName: string;
const cabinetName = 'Nyckelskåp Storgatan (Norr)';
const ids = {} as Record<'takeCase' | 'emergencyCase' | 'followUpCase' | 'workOrder' | 'emergency', string>;
let emergencyReference: string;

const readCase = async (id: string) => (await support.get(`/api/v1/support-cases/${id}`)).body;
const titleOf = async (id: string) => {
  const { title, titleKind, titleParams } = await readCase(id);
  return { title, titleKind, titleParams };
};

beforeAll(async () => {
  const started = await startTestWorld({ now: () => clock });
  ({ server, world, municipalityId, admin } = started);
  support = await started.login('support');
  const facts = await makeServerWrittenFacts({
    server,
    municipalityId,
    world,
    admin,
    support,
    staff: await started.login('staff', linksOfRole(world, 'staff')),
    cabinetName,
    night,
    arrivalMinutes: 40,
    setClock: (at) => (clock = at),
  });
  ({ companyName, emergencyReference } = facts);
  Object.assign(ids, facts);
}, 120_000);
afterAll(async () => {
  await server?.close();
});

const expectedTitles = () => ({
  takeCase: {
    title: `Backup key taken from ${cabinetName}, slot 2`,
    titleKind: 'backup_key_taken',
    titleParams: { cabinetName, slot: 2 },
  },
  emergencyCase: {
    title: 'Emergency opening: cannot get in',
    titleKind: 'emergency_opening',
    titleParams: null,
  },
  followUpCase: {
    title: `Follow-up of emergency opening ${emergencyReference}`,
    titleKind: 'emergency_follow_up',
    titleParams: { emergencyReference },
  },
});

const readTitles = async () => ({
  takeCase: await titleOf(ids.takeCase),
  emergencyCase: await titleOf(ids.emergencyCase),
  followUpCase: await titleOf(ids.followUpCase),
});

describe('what the server writes on the cases and orders it opens', () => {
  it('titles its cases by kind with parameters, the English words in `title`, and stores no sentence', async () => {
    expect(await readTitles()).toEqual(expectedTitles());
    const listed = (await support.get('/api/v1/support-cases')).body.items as Array<Record<string, unknown>>;
    expect(listed.find((item) => item.id === ids.takeCase)).toMatchObject(expectedTitles().takeCase);
    const stored = await server.db.pool.query<{ title: string; title_kind: string }>(
      'SELECT title, title_kind FROM support_case WHERE id = ANY($1) ORDER BY title_kind',
      [[ids.takeCase, ids.emergencyCase, ids.followUpCase]],
    );
    expect(stored.rows).toEqual([
      { title: '', title_kind: 'backup_key_taken' },
      { title: '', title_kind: 'emergency_follow_up' },
      { title: '', title_kind: 'emergency_opening' },
    ]);
  });

  it("keeps the person's note on the follow-up order, and which emergency it follows up as a fact", async () => {
    const order = await support.get(`/api/v1/work-orders/${ids.workOrder}`);
    expect(order.status).toBe(200);
    expect(order.body).toMatchObject({
      notes: 'Ring på hos grannen.',
      followsUpEmergencies: [emergencyReference],
    });
  });

  it("records the arrival link's locksmith by the company, answered as the actor kind `arrival_link`", async () => {
    const trail = await admin.get(`/api/v1/audit?entity=emergency_opening&action=arrive`);
    expect(trail.status).toBe(200);
    expect(trail.body.items).toEqual([
      expect.objectContaining({ actorKind: 'arrival_link', actorLabel: companyName, actorUserId: null }),
    ]);
    const other = await admin.get(`/api/v1/audit?entity=emergency_opening&action=create`);
    expect(other.body.items[0]).toMatchObject({ actorKind: 'actor' });
  });
});

describe('migration 0048 over rows written before it', () => {
  it("converts the server's Swedish titles and notes it recognises, and leaves a person's as written", async () => {
    const db = server.db.superuser;
    const old = async (id: string, title: string) =>
      db.query(`UPDATE support_case SET title = $2, title_kind = 'text', title_params = NULL WHERE id = $1`, [
        id,
        title,
      ]);
    await old(ids.takeCase, `Reservnyckel tagen ur ${cabinetName}, fack 2`);
    await old(ids.emergencyCase, 'Nödöppning: kommer inte in');
    await old(ids.followUpCase, `Uppföljning av nödöppning ${emergencyReference}`);
    await db.query('UPDATE work_order SET notes = $2 WHERE id = $1', [
      ids.workOrder,
      `Uppföljning av nödöppning ${emergencyReference}: Ring på hos grannen.`,
    ]);
    // A person's titles that read alike, on cases no take or emergency links to.
    const person = {
      municipalityId,
      category: 'other',
      raisedByUserId: null,
      raisedBy: 'Sara',
      raisedByRole: 'support',
    } as const;
    const lookAlikes = [
      `Reservnyckel tagen ur ${cabinetName}, fack 2`,
      `Uppföljning av nödöppning ${emergencyReference}`,
      'Nödöppning: kommer inte in',
    ];
    const personCases = [];
    for (const title of lookAlikes)
      personCases.push((await insertSupportCase(server.db.pool, { ...person, title }, night)).id);
    expect((await titleOf(ids.takeCase)).titleKind).toBe('text');

    const migration = (await loadMigrations()).find((file) => file.version === '0048')!;
    await db.query(migration.sql);

    expect(await readTitles()).toEqual(expectedTitles());
    expect((await support.get(`/api/v1/work-orders/${ids.workOrder}`)).body).toMatchObject({
      notes: 'Ring på hos grannen.',
      followsUpEmergencies: [emergencyReference],
    });
    for (const [index, id] of personCases.entries())
      expect(await titleOf(id)).toEqual({ title: lookAlikes[index], titleKind: 'text', titleParams: null });
  });

  it('answers an arrival recorded under the old Swedish label as the same actor', async () => {
    await appendAudit(server.db.pool, {
      municipalityId,
      actorLabel: `Låssmed (${companyName}) via ankomstlänk`,
      action: 'arrive',
      entity: 'emergency_opening',
      entityId: ids.emergency,
    });
    await appendAudit(server.db.pool, {
      municipalityId,
      actorLabel: 'Låssmed (okänt företag) via ankomstlänk',
      action: 'arrive',
      entity: 'emergency_opening',
      entityId: ids.emergency,
    });
    const trail = await admin.get(`/api/v1/audit?entity=emergency_opening&action=arrive`);
    expect(
      trail.body.items.map(({ actorKind, actorLabel }: Record<string, string>) => ({
        actorKind,
        actorLabel,
      })),
    ).toEqual([
      { actorKind: 'arrival_link', actorLabel: '' },
      { actorKind: 'arrival_link', actorLabel: companyName },
      { actorKind: 'arrival_link', actorLabel: companyName },
    ]);
  });
});
