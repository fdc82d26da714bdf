// What the server writes in an owner's contact log over real HTTP, real PostgreSQL and a real SMTP
// receiver at a fixed instant (docs/consents.md "Contact log"): a request sent, a reminder sent
// and a withdrawal recorded are each an outcome kind with its parameters, not a Swedish sentence;
// a person's entry stays as they wrote it; and rows written as sentences before migration 0046
// are presented as the same entries while the stored rows stay as written.
import { insertOwnerContactLog } from '@portvakt/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConsentLink, startMailReceiver, type MailReceiver } from '../platform/mail.testing';
import { ApiClient, type TestServer } from '../platform/testing';
import { startTestWorld, type World } from '../platform/world.testing';
import { sendTestConsentRequest } from './consent-request.testing';

const start = new Date('2027-03-01T08:00:00Z');
const day = 86_400_000;
let now = start;
let server: TestServer;
let mail: MailReceiver;
let world: World;
let municipalityId: string;
let lockManager: ApiClient;
let requestId: string;
let doorLabel: string;

type Entry = Record<string, unknown> & { id: number; at: string; recordedAt: string };
const logPath = () => `/api/v1/property-owners/${world.propertyOwner.a}/contact-log`;
const readLog = async () => (await lockManager.get(logPath())).body.items as Entry[];
/** An entry without what differs between two rows saying the same. */
const said = ({ id: _id, at: _at, recordedAt: _recordedAt, ...entry }: Entry) => entry;

beforeAll(async () => {
  mail = await startMailReceiver();
  const started = await startTestWorld({ now: () => now, mailer: mail.mailer });
  ({ server, world, municipalityId } = started);
  lockManager = await started.login('lock_manager');
}, 120_000);
afterAll(async () => {
  await server?.close();
  await mail?.close();
});

describe("an owner's contact log", () => {
  let entries: Entry[];

  it('records a request sent, a reminder sent and a withdrawal as outcome kinds with their parameters', async () => {
    const { request } = await sendTestConsentRequest(lockManager, world, {
      name: 'Eva Ek (förvaltare)',
      email: 'eva.ek@fastighet.example',
    });
    requestId = request.id;
    doorLabel = request.doors[0]!.label;
    await mail.waitForMessage(1);

    now = new Date(start.getTime() + 14 * day);
    const reminded = await lockManager.post('/api/v1/consent-requests/reminders');
    expect(reminded.body.reminded).toEqual([requestId]);
    const link = readConsentLink(await mail.waitForMessage(2));
    const answered = await new ApiClient(server.url).post(`/api/v1/consent-links/${link.token}`, {
      name: 'Eva Ek',
      title: 'Förvaltare',
      answers: [{ doorId: world.door.a, answer: 'consented' }],
    });
    expect(answered.status).toBe(200);
    now = new Date(start.getTime() + 20 * day);
    const withdrawn = await lockManager.post(`/api/v1/consent-requests/${requestId}/withdrawals`, {
      kind: 'call',
      doorIds: [world.door.a],
      name: 'Eva Ek',
      note: '  Styrelsen ändrade sig.  ',
    });
    expect(withdrawn.status).toBe(201);

    entries = await readLog();
    expect(entries.map(said)).toEqual([
      expect.objectContaining({
        kind: 'call',
        madeBy: 'Eva Ek',
        outcomeKind: 'consent_withdrawn',
        outcome: '',
        params: { doors: [doorLabel], note: 'Styrelsen ändrade sig.' },
        consentRequestId: requestId,
      }),
      expect.objectContaining({
        kind: 'email',
        outcomeKind: 'consent_reminder_sent',
        outcome: '',
        params: { reminder: 1, contactName: 'Eva Ek (förvaltare)', email: 'eva.ek@fastighet.example' },
        consentRequestId: requestId,
      }),
      expect.objectContaining({
        kind: 'email',
        outcomeKind: 'consent_request_sent',
        outcome: '',
        params: {
          contactName: 'Eva Ek (förvaltare)',
          email: 'eva.ek@fastighet.example',
          doorCount: 1,
          streetAddress: 'Storgatan 1',
        },
        consentRequestId: requestId,
      }),
    ]);
    // Nothing the server wrote is a sentence in Swedish.
    expect(JSON.stringify(entries)).not.toMatch(/skickad|Påminnelse|återkallat|dörr\(ar\)/);
  });

  it("keeps a person's entry as written, a note without parameters", async () => {
    const noted = await lockManager.post(logPath(), {
      kind: 'meeting',
      at: new Date(start.getTime() + 2 * day).toISOString(),
      madeBy: 'Lisa Låsansvarig',
      outcome: ' Genomgång på plats. ',
      consentRequestId: requestId,
    });
    expect(noted.status).toBe(201);
    expect(noted.body).toMatchObject({ outcomeKind: 'note', outcome: 'Genomgång på plats.', params: null });
    const listed = (await readLog()).find((entry) => entry.id === noted.body.id);
    expect(listed).toEqual(noted.body);
  });

  it('presents the sentences written before migration 0046 as the entries they stand for', async () => {
    const at = new Date(start.getTime() + 21 * day);
    const base = {
      propertyOwnerId: world.propertyOwner.a,
      consentRequestId: requestId,
      recordedBy: 'Lisa Låsansvarig',
      at,
      recordedAt: at,
    };
    const old = [
      {
        kind: 'email',
        madeBy: 'Lisa Låsansvarig',
        outcome: `Samtyckesförfrågan skickad till Eva Ek (förvaltare) (eva.ek@fastighet.example) om 1 dörr(ar) på Storgatan 1.`,
      },
      {
        kind: 'email',
        madeBy: 'system:consent-reminders',
        outcome: 'Påminnelse 1 skickad till Eva Ek (förvaltare) (eva.ek@fastighet.example).',
      },
      {
        kind: 'call',
        madeBy: 'Eva Ek',
        outcome: `Samtycket återkallat för ${doorLabel}: Styrelsen ändrade sig.`,
      },
      { kind: 'letter', madeBy: 'Eva Ek', outcome: `Samtycket återkallat för ${doorLabel}, Tvättstuga.` },
    ];
    const ids: number[] = [];
    for (const row of old)
      ids.push((await insertOwnerContactLog(server.db.pool, municipalityId, { ...base, ...row })).id);
    // A person's entry that reads like one, logged for a time of its own, is a note.
    const lookalike = `Påminnelse 1 skickad till Eva Ek (eva.ek@fastighet.example).`;
    const person = await insertOwnerContactLog(server.db.pool, municipalityId, {
      ...base,
      kind: 'email',
      madeBy: 'Lisa Låsansvarig',
      outcome: lookalike,
      at: new Date(at.getTime() - day),
    });

    const byId = new Map((await readLog()).map((entry) => [entry.id, entry]));
    const presented = ids.map((id) => said(byId.get(id)!));
    expect(presented).toEqual([
      { ...said(entries[2]!), madeBy: 'Lisa Låsansvarig', recordedBy: 'Lisa Låsansvarig' },
      { ...said(entries[1]!), madeBy: 'system:consent-reminders', recordedBy: 'Lisa Låsansvarig' },
      { ...said(entries[0]!), recordedBy: 'Lisa Låsansvarig' },
      {
        ...said(entries[0]!),
        kind: 'letter',
        params: { doors: [doorLabel, 'Tvättstuga'], note: null },
        recordedBy: 'Lisa Låsansvarig',
      },
    ]);
    expect(byId.get(person.id)).toMatchObject({ outcomeKind: 'note', outcome: lookalike, params: null });
    // The stored rows stay as written: what was said to an owner is on record.
    const { rows } = await server.db.pool.query<{ outcome: string; outcome_kind: string }>(
      'SELECT outcome, outcome_kind FROM owner_contact_log WHERE id = ANY($1::bigint[]) ORDER BY id',
      [ids],
    );
    expect(rows).toEqual(old.map((row) => ({ outcome: row.outcome, outcome_kind: 'note' })));
  });
});
