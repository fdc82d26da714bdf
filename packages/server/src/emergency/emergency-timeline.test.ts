// An emergency's steps on its support case's timeline over real HTTP at a fixed instant
// (docs/support.md "Support cases"): each is a kind with its parameters, not a Swedish sentence
// (the locksmith on site by the company through the arrival link, the door opened, the emergency
// closed with its cause and note, the follow-ups), and rows written as sentences before migration
// 0045 are presented as the same entries while the stored rows stay as written.
import { appendSupportCaseNote } from '@portvakt/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type TestServer } from '../platform/testing';
import { startTestWorld, type World } from '../platform/world.testing';

// Saturday 6 February 2027, 02:40 in Stockholm.
const night = new Date('2027-02-06T01:40:00Z');
const minute = 60_000;
let clock = night;
let server: TestServer;
let world: World;
let municipalityId: string;
let support: ApiClient;
let companyName: string;
let supportCaseId: string;

type Entry = Record<string, unknown> & { kind: string; id: number; at: string };
const readTimeline = async (caseId: string) =>
  (await support.get(`/api/v1/support-cases/${caseId}`)).body.timeline as Entry[];
/** An entry without what differs between two rows saying the same (an old row names no account). */
const said = ({ id: _id, at: _at, authorName: _authorName, ...entry }: Entry) => entry;

beforeAll(async () => {
  const started = await startTestWorld({ now: () => clock });
  ({ server, world, municipalityId } = started);
  const { admin } = started;
  const company = `/api/v1/locksmith-companies/${world.locksmithCompany.a}`;
  expect((await admin.patch(company, { isEmergencyContracted: true })).status).toBe(200);
  expect(
    (await admin.post(`${company}/on-call-contacts`, { name: 'Alva Jour', phone: '070-111 11 11' })).status,
  ).toBe(201);
  companyName = (await admin.get(company)).body.name;
  support = await started.login('support');
}, 120_000);
afterAll(async () => {
  await server?.close();
});

describe("an emergency's timeline", () => {
  let entries: Entry[];

  it('records each step as a kind with its parameters, by the company through the arrival link', async () => {
    const made = await support.post('/api/v1/emergency-openings', {
      customerId: world.customer.a,
      doorId: world.door.apartmentA,
    });
    expect(made.status).toBe(201);
    supportCaseId = made.body.supportCaseId;
    const base = `/api/v1/emergency-openings/${made.body.id}`;
    clock = new Date(night.getTime() + 5 * minute);
    const assigned = await support.post(`${base}/assign`, {
      locksmithCompanyId: world.locksmithCompany.a,
      version: 1,
    });
    expect(assigned.status).toBe(200);
    const token = assigned.body.arrivalUrl.split('/').at(-1);
    clock = new Date(night.getTime() + 40 * minute);
    expect((await new ApiClient(server.url).post(`/api/v1/emergency-arrivals/${token}`)).status).toBe(200);
    clock = new Date(night.getTime() + 45 * minute);
    const opened = await support.post(`${base}/door-opened`, { version: 3 });
    expect(opened.status).toBe(200);
    const closed = await support.post(`${base}/close`, {
      version: opened.body.version,
      cause: 'lock_fault',
      note: '  Cylindern satt fast. ',
    });
    expect(closed.status).toBe(200);
    const order = await support.post(`${base}/follow-up`, {
      version: closed.body.version,
      kind: 'work_order',
    });
    expect(order.status).toBe(200);
    const followCase = await support.post(`${base}/follow-up`, {
      version: order.body.version,
      kind: 'support_case',
    });
    expect(followCase.status).toBe(200);

    entries = await readTimeline(supportCaseId);
    // Support is named beside its username on each entry it wrote; the arrival link names no one.
    expect(entries.map(({ authorKind, authorName }) => [authorKind, authorName])).toEqual(
      entries.map(({ kind }) =>
        kind === 'locksmith_on_site' ? ['arrival_link', null] : ['actor', 'Test support'],
      ),
    );
    const actor = { authorKind: 'actor', author: expect.any(String) };
    expect(entries.map(said)).toEqual([
      { kind: 'status', body: 'raised', fromValue: null, toValue: 'open', params: null, ...actor },
      { kind: 'assignee', body: 'assigned', fromValue: null, toValue: companyName, params: null, ...actor },
      {
        kind: 'arrival_link_mailed',
        body: '',
        fromValue: null,
        toValue: null,
        params: { mailedTo: [], mailFailedTo: [] },
        ...actor,
      },
      {
        kind: 'locksmith_on_site',
        body: '',
        fromValue: null,
        toValue: null,
        params: null,
        authorKind: 'arrival_link',
        author: companyName,
      },
      { kind: 'door_opened', body: '', fromValue: null, toValue: null, params: null, ...actor },
      {
        kind: 'emergency_closed',
        body: '',
        fromValue: null,
        toValue: null,
        params: { cause: 'lock_fault', note: 'Cylindern satt fast.' },
        ...actor,
      },
      { kind: 'status', body: 'resolved', fromValue: 'open', toValue: 'resolved', params: null, ...actor },
      {
        kind: 'follow_up_opened',
        body: '',
        fromValue: null,
        toValue: null,
        params: {
          followUp: 'work_order',
          reference: order.body.followUpWorkOrderReference,
          workOrderKind: 'repair',
        },
        ...actor,
      },
      {
        kind: 'follow_up_opened',
        body: '',
        fromValue: null,
        toValue: null,
        params: {
          followUp: 'support_case',
          reference: followCase.body.followUpCaseReference,
          workOrderKind: null,
        },
        ...actor,
      },
    ]);
    // No sentence in any language is stored: the console says them.
    const stored = await server.db.pool.query<{ body: string; author: string }>(
      'SELECT body, author FROM support_case_note WHERE support_case_id = $1',
      [supportCaseId],
    );
    expect(stored.rows.map((row) => row.body).filter((body) => /[åäö ]/i.test(body))).toEqual([]);
    expect(stored.rows.filter((row) => row.author.includes('ankomstlänk'))).toEqual([]);
  });

  it('presents the sentences written before migration 0045 as the entries they stand for', async () => {
    const made = await support.post('/api/v1/emergency-openings', {
      customerId: world.customer.a,
      doorId: world.door.apartmentA,
    });
    expect(made.status).toBe(201);
    const oldCaseId: string = made.body.supportCaseId;
    const [, assignee, , onSite, opened, closed, , order, followCase] = entries;
    const reference = (entry: Entry) => (entry.params as { reference: string }).reference;
    const writer = { authorUserId: null, author: String(opened!.author) };
    // As the server wrote them before: Swedish sentences, the locksmith named in the author.
    const old: Array<{
      kind: 'note' | 'link' | 'assignee';
      body: string;
      toValue?: string;
      author?: string;
    }> = [
      {
        kind: 'assignee',
        body: `Låssmed tilldelad: ${companyName}, på plats senast 2027-02-06T02:45:00.000Z`,
        toValue: companyName,
      },
      { kind: 'note', body: 'Låssmeden på plats', author: `Låssmed (${companyName}) via ankomstlänk` },
      { kind: 'note', body: 'Dörren öppnad' },
      { kind: 'note', body: 'Nödöppningen avslutad, orsak: lock_fault. Cylindern satt fast.' },
      { kind: 'link', body: `Uppföljning: arbetsorder ${reference(order!)} (repair)` },
      { kind: 'link', body: `Uppföljning: supportärende ${reference(followCase!)}` },
      { kind: 'link', body: 'Uppföljning: befintlig arbetsorder (battery)' },
      { kind: 'note', body: 'Nödöppningen avslutad, orsak: unknown' },
      { kind: 'note', body: 'Låssmeden på plats', author: 'Låssmed (okänt företag) via ankomstlänk' },
      // Notes people wrote stay notes.
      { kind: 'note', body: 'Dörren öppnad av grannen' },
      { kind: 'note', body: 'Nödöppningen avslutad, orsak: gremlins' },
    ];
    for (const row of old)
      await appendSupportCaseNote(
        server.db.pool,
        { municipalityId, supportCaseId: oldCaseId, ...writer, ...row },
        clock,
      );

    const presented = (await readTimeline(oldCaseId)).slice(1).map(said);
    expect(presented.slice(0, 6)).toEqual(
      [assignee, onSite, opened, closed, order, followCase].map((e) => said(e!)),
    );
    expect(presented.slice(6)).toEqual([
      {
        ...said(order!),
        params: { followUp: 'work_order', reference: null, workOrderKind: 'battery' },
      },
      { ...said(closed!), params: { cause: 'unknown', note: null } },
      { ...said(onSite!), author: '' },
      { ...said(opened!), kind: 'note', body: 'Dörren öppnad av grannen' },
      { ...said(opened!), kind: 'note', body: 'Nödöppningen avslutad, orsak: gremlins' },
    ]);
    // The timeline is on record: the stored rows stay as written.
    const stored = await server.db.pool.query<{ kind: string; body: string }>(
      'SELECT kind, body FROM support_case_note WHERE support_case_id = $1 ORDER BY id',
      [oldCaseId],
    );
    expect(stored.rows.slice(1)).toEqual(old.map(({ kind, body }) => ({ kind, body })));
  });
});
