// Property owners and consent over real HTTP, real PostgreSQL and a real SMTP receiver, with a
// fixed clock (docs/consents.md): contacts and the contact log, a request mailed with a
// single-use link that the test follows, answers per entrance keeping entrance_consent current,
// the letter PDF read back, reminders, withdrawals, the role × scope matrix of the new routes, and
// bad input answered 4xx with a code and nothing changed. Nothing the e-service shows names a
// customer or an apartment (R2.7).
import type { Role } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConsentLink, startMailReceiver, type MailReceiver } from '../platform/mail.testing';
import { readPdfText } from '../platform/pdf.testing';
import { ApiClient, startTestServer, type TestServer } from '../platform/testing';
import { addWorld, startTestWorld, type World } from '../platform/world.testing';

const start = new Date('2027-03-01T08:00:00Z');
let now = start;
const day = 86_400_000;
let server: TestServer;
let mail: MailReceiver;
let world: World;
const clients = {} as Record<Role, ApiClient>;
let ownerB: ApiClient;
let contactA: string;
let contactA2: string;
let contactB: string;
let mailCount = 0;

const pool = () => server.db.pool;
async function entranceStatus(doorId: string) {
  const { rows } = await pool().query<{
    status: string;
    answered_by_name: string | null;
    answered_by_title: string | null;
    answered_at: Date | null;
  }>(
    'SELECT status, answered_by_name, answered_by_title, answered_at FROM entrance_consent WHERE door_id = $1',
    [doorId],
  );
  return rows[0] ?? null;
}
/** The username a request keeps as its creator (the audit trail's label). */
async function createdByOf(requestId: string) {
  const { rows } = await pool().query<{ created_by: string }>(
    'SELECT created_by FROM consent_request WHERE id = $1',
    [requestId],
  );
  return rows[0]!.created_by;
}
async function count(table: string) {
  return Number((await pool().query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
}
async function snapshot() {
  const { rows } = await pool().query(
    `SELECT (SELECT json_agg(e ORDER BY door_id) FROM entrance_consent e) AS consent,
       (SELECT json_agg(r ORDER BY id) FROM consent_request r) AS requests,
       (SELECT json_agg(d ORDER BY request_id, door_id) FROM consent_request_door d) AS doors,
       (SELECT count(*) FROM owner_contact_log) AS log, (SELECT count(*) FROM consent_link) AS links`,
  );
  return rows[0];
}
/** Creates a request as the lock manager and returns it with the link mailed for it. */
async function sendRequest(body: Record<string, unknown>) {
  const created = await clients.lock_manager.post('/api/v1/consent-requests', body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  mailCount += 1;
  const message = await mail.waitForMessage(mailCount);
  return { request: created.body, message, ...readConsentLink(message) };
}
const publicClient = () => new ApiClient(server.url);

beforeAll(async () => {
  mail = await startMailReceiver();
  const started = await startTestWorld({
    now: () => now,
    mailer: mail.mailer,
    municipalityName: 'Portviks kommun',
  });
  ({ server, world } = started);
  const { login } = started;
  clients.municipality_admin = started.admin;
  for (const role of ['lock_manager', 'installer', 'support', 'auditor'] as const)
    clients[role] = await login(role);
  clients.work_lead = await login('work_lead', { providerId: world.provider.a });
  clients.staff = await login('staff', { providerId: world.provider.a, staffMemberId: world.staffMember.a });
  clients.property_owner = await login('property_owner', { propertyOwnerId: world.propertyOwner.a });
  ownerB = await login('property_owner', { propertyOwnerId: world.propertyOwner.b });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await mail?.close();
});

describe('owner contacts and contact log', () => {
  it('keeps several contacts per owner with one primary, audited', async () => {
    const base = `/api/v1/property-owners/${world.propertyOwner.a}/contacts`;
    const first = await clients.lock_manager.post(base, {
      name: 'Eva Ek',
      title: 'Förvaltare',
      email: 'eva.ek@fastighet.example',
      phone: '08-111 22 33',
      isPrimary: true,
    });
    expect(first.status).toBe(201);
    contactA = first.body.id;
    const second = await clients.municipality_admin.post(base, {
      name: 'Olle Ström',
      title: 'Fastighetschef',
      email: 'olle@fastighet.example',
      isPrimary: true,
    });
    expect(second.status).toBe(201);
    contactA2 = second.body.id;
    const listed = await clients.lock_manager.get(base);
    expect(listed.body.items.map((c: { name: string; isPrimary: boolean }) => [c.name, c.isPrimary])).toEqual(
      [
        ['Olle Ström', true],
        ['Eva Ek', false],
      ],
    );
    const changed = await clients.lock_manager.patch(`${base}/${contactA}`, { phone: '08-999 00 00' });
    expect(changed.status).toBe(200);
    expect(changed.body.phone).toBe('08-999 00 00');
    const b = await clients.lock_manager.post(`/api/v1/property-owners/${world.propertyOwner.b}/contacts`, {
      name: 'Bo Berglund',
      email: 'bo@owner-b.example',
    });
    contactB = b.body.id;
    const { rows } = await pool().query(
      `SELECT action FROM audit_entry WHERE entity = 'property_owner_contact' AND entity_id = $1 ORDER BY id`,
      [contactA],
    );
    expect(rows.map((row) => row.action)).toEqual(['create', 'update']);
  });

  it('refuses bad contacts with a code and changes nothing', async () => {
    const before = await count('property_owner_contact');
    const base = `/api/v1/property-owners/${world.propertyOwner.a}/contacts`;
    for (const body of [{ name: '' }, { name: 'X', email: 'not-an-address' }, { name: 'X', extra: 1 }]) {
      const response = await clients.lock_manager.post(base, body);
      expect(response.status).toBe(400);
      expect(response.body.code).toBeTypeOf('string');
    }
    expect((await clients.lock_manager.patch(`${base}/${contactB}`, { phone: '08-111 22 33' })).status).toBe(
      404,
    );
    expect(await count('property_owner_contact')).toBe(before);
  });

  it('logs letters, calls, e-mails and meetings newest first, and keeps the log from the owner', async () => {
    const base = `/api/v1/property-owners/${world.propertyOwner.a}/contact-log`;
    const call = await clients.lock_manager.post(base, {
      kind: 'call',
      at: new Date(start.getTime() - 2 * day).toISOString(),
      madeBy: 'Lisa Låsansvarig',
      outcome: 'Förvaltaren vill ha brevet först.',
    });
    expect(call.status).toBe(201);
    const meeting = await clients.lock_manager.post(base, {
      kind: 'meeting',
      at: new Date(start.getTime() - day).toISOString(),
      madeBy: 'Lisa Låsansvarig',
      outcome: 'Genomgång på plats.',
    });
    expect(meeting.status).toBe(201);
    const listed = await clients.support.get(base);
    expect(listed.body.items.map((entry: { kind: string }) => entry.kind).slice(0, 2)).toEqual([
      'meeting',
      'call',
    ]);
    expect((await clients.property_owner.get(base)).status).toBe(403);
    const wrongKind = await clients.lock_manager.post(base, {
      kind: 'fax',
      at: start.toISOString(),
      madeBy: 'L',
      outcome: 'x',
    });
    expect(wrongKind.status).toBe(400);
  });

  it('refuses a contact logged after now (the server’s clock) and one before 1900, storing nothing', async () => {
    const base = `/api/v1/property-owners/${world.propertyOwner.a}/contact-log`;
    const entry = (at: string) => ({ kind: 'call', at, madeBy: 'Lisa Låsansvarig', outcome: 'Ringde.' });
    const audits = async () =>
      Number(
        (
          await pool().query<{ n: string }>(
            "SELECT count(*) AS n FROM audit_entry WHERE entity = 'property_owner'",
          )
        ).rows[0]!.n,
      );
    const [logBefore, auditBefore] = [await count('owner_contact_log'), await audits()];
    // Far ahead (the tester's 2030 and 2099), and an hour ahead of the server's clock.
    for (const at of [
      '2030-01-01T00:00:00Z',
      '2099-05-01T00:00:00Z',
      new Date(start.getTime() + 3_600_000).toISOString(),
    ]) {
      const future = await clients.lock_manager.post(base, entry(at));
      expect([future.status, future.body.code], at).toEqual([422, 'date_in_future']);
      expect(future.body.details).toEqual({ field: 'at' });
      expect(future.body.message).toContain('is after now');
    }
    // The API's calendar range (core calendar-range.ts) refuses a year before 1900 as a typing mistake.
    const ancient = await clients.lock_manager.post(base, entry('1899-12-31T12:00:00Z'));
    expect([ancient.status, ancient.body.code]).toEqual([400, 'validation_failed']);
    expect([await count('owner_contact_log'), await audits()]).toEqual([logBefore, auditBefore]);
    // Now itself is taken (a console's clock running a little ahead: consent-rules.test.ts).
    expect((await clients.lock_manager.post(base, entry(start.toISOString()))).status).toBe(201);
    // Left out, the contact was made now by the server's clock: what the console sends, so a
    // browser's clock running ahead of the server's is never refused for a time nobody typed.
    const { at: _at, ...withoutTime } = entry(start.toISOString());
    const stamped = await clients.lock_manager.post(base, withoutTime);
    expect([stamped.status, stamped.body.at]).toEqual([201, start.toISOString()]);
  });
});

describe('consent request, e-mail and e-service', () => {
  let token: string;
  let requestId: string;

  it('mails the contact a single-use link and marks the entrances asked', async () => {
    const sent = await sendRequest({
      propertyId: world.property.a,
      contactId: contactA,
      doorIds: [world.door.a, world.door.laundryA],
    });
    requestId = sent.request.id;
    token = sent.token;
    expect(sent.message.to).toMatchObject({ text: 'eva.ek@fastighet.example' });
    expect(sent.message.subject).toContain('Storgatan 1');
    expect(sent.message.text).toContain('Hej Eva Ek');
    // Whom to ask (R7.3): the lock manager by the account's name, never the login's username.
    const createdBy = await createdByOf(requestId);
    expect(sent.message.text).toContain(
      'Frågor om förfrågan besvaras av Test lock_manager, låsansvarig vid Portviks kommun.',
    );
    expect(sent.message.text).not.toContain(createdBy);
    expect(sent.url).toBe(`${server.url}/consent/${token}`);
    expect(sent.request.doors.map((door: { status: string }) => door.status)).toEqual(['asked', 'asked']);
    expect((await entranceStatus(world.door.a))?.status).toBe('asked');
    const { rows } = await pool().query<{ token_hash: Buffer }>(
      'SELECT token_hash FROM consent_link WHERE request_id = $1',
      [requestId],
    );
    // Only the hash is kept: the token itself is nowhere in the database.
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash.toString('base64url')).not.toBe(token);
    const log = await clients.lock_manager.get(
      `/api/v1/property-owners/${world.propertyOwner.a}/contact-log`,
    );
    expect(log.body.items[0]).toMatchObject({ kind: 'email', consentRequestId: requestId });
  });

  it('shows the link holder the property and its asked entrances only, never who lives there', async () => {
    const view = await publicClient().get(`/api/v1/consent-links/${token}`);
    expect(view.status).toBe(200);
    expect(view.body.property.streetAddress).toBe('Storgatan 1');
    expect(view.body.entrances.map((entrance: { doorId: string }) => entrance.doorId).sort()).toEqual(
      [world.door.a, world.door.laundryA].sort(),
    );
    const text = JSON.stringify(view.body);
    for (const secret of ['Karl', 'Berg', 'Lgh 1001', world.door.apartmentA, world.customer.a])
      expect(text).not.toContain(secret);
  });

  it('refuses a door outside the request and an incomplete answer, changing nothing', async () => {
    const before = await snapshot();
    const outside = await publicClient().post(`/api/v1/consent-links/${token}`, {
      name: 'Eva Ek',
      title: 'Förvaltare',
      answers: [
        { doorId: world.door.a, answer: 'consented' },
        { doorId: world.door.laundryA, answer: 'consented' },
        { doorId: world.door.apartmentA, answer: 'consented' },
      ],
    });
    expect(outside.status).toBe(422);
    expect(outside.body.code).toBe('door_not_in_request');
    const partial = await publicClient().post(`/api/v1/consent-links/${token}`, {
      name: 'Eva Ek',
      title: 'Förvaltare',
      answers: [{ doorId: world.door.a, answer: 'consented' }],
    });
    // Its own code (changed on purpose: was invalid_value, which is otherwise a 400).
    expect([partial.status, partial.body.code]).toEqual([422, 'one_answer_per_entrance']);
    expect(partial.body.details).toEqual({ field: 'answers' });
    const twice = await publicClient().post(`/api/v1/consent-links/${token}`, {
      name: 'Eva Ek',
      title: 'Förvaltare',
      answers: [
        { doorId: world.door.a, answer: 'consented' },
        { doorId: world.door.a, answer: 'declined' },
        { doorId: world.door.laundryA, answer: 'consented' },
      ],
    });
    expect([twice.status, twice.body.code]).toEqual([422, 'one_answer_per_entrance']);
    expect(await snapshot()).toEqual(before);
  });

  it('records consent or refusal per entrance with name, title and time, once', async () => {
    now = new Date(start.getTime() + 3 * day);
    const answered = await publicClient().post(`/api/v1/consent-links/${token}`, {
      name: 'Eva Ek',
      title: 'Förvaltare',
      answers: [
        { doorId: world.door.a, answer: 'consented' },
        { doorId: world.door.laundryA, answer: 'declined' },
      ],
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(await entranceStatus(world.door.a)).toEqual({
      status: 'consented',
      answered_by_name: 'Eva Ek',
      answered_by_title: 'Förvaltare',
      answered_at: now,
    });
    expect((await entranceStatus(world.door.laundryA))?.status).toBe('declined');
    const { rows } = await pool().query(
      `SELECT actor_label, actor_user_id FROM audit_entry WHERE action = 'answer' AND entity_id = $1`,
      [requestId],
    );
    expect(rows).toEqual([
      { actor_label: expect.stringContaining('Eva Ek, Förvaltare'), actor_user_id: null },
    ]);

    const before = await snapshot();
    const again = await publicClient().post(`/api/v1/consent-links/${token}`, {
      name: 'Någon Annan',
      title: 'VD',
      answers: [
        { doorId: world.door.a, answer: 'declined' },
        { doorId: world.door.laundryA, answer: 'declined' },
      ],
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('consent_link_used');
    expect((await publicClient().get(`/api/v1/consent-links/${token}`)).body.code).toBe('consent_link_used');
    const unknown = await publicClient().get(`/api/v1/consent-links/${'A'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it('writes the letter in Swedish answering the owners’ questions, entrances only', async () => {
    const file = await clients.lock_manager.getBytes(`/api/v1/consent-requests/${requestId}/letter.pdf`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    const text = (await readPdfText(file.bytes)).flat().join('\n');
    for (const expected of [
      'Varför ber kommunen om detta?',
      'Hur fungerar det?',
      'Vad kostar det?',
      'Ingenting för fastighetsägaren.',
      'Vem kontaktar vi?',
      'Vad händer om en nyckel tappas bort?',
      'Försäkring',
      'Portviks kommun',
      'Att: Eva Ek',
      'Tvättstuga',
      // Whom to contact (R7.3): the lock manager by the account's name.
      'Test lock_manager, låsansvarig vid Portviks kommun.',
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain(await createdByOf(requestId));
    for (const secret of ['Karl', 'Berg', 'Lgh 1001']) expect(text).not.toContain(secret);
    // The owner's own login may read its letter; another owner's may not.
    expect(
      (await clients.property_owner.getBytes(`/api/v1/consent-requests/${requestId}/letter.pdf`)).status,
    ).toBe(200);
    expect((await ownerB.getBytes(`/api/v1/consent-requests/${requestId}/letter.pdf`)).status).toBe(404);
  });

  it('records a withdrawal, which only a consent given can be', async () => {
    const before = await snapshot();
    const notGiven = await clients.lock_manager.post(`/api/v1/consent-requests/${requestId}/withdrawals`, {
      kind: 'letter',
      doorIds: [world.door.laundryA],
      name: 'Eva Ek',
    });
    expect(notGiven.status).toBe(422);
    expect(notGiven.body.code).toBe('consent_not_given');
    const outside = await clients.lock_manager.post(`/api/v1/consent-requests/${requestId}/withdrawals`, {
      kind: 'letter',
      doorIds: [world.door.b],
      name: 'Eva Ek',
    });
    expect(outside.body.code).toBe('door_not_in_request');
    expect(await snapshot()).toEqual(before);
    const withdrawn = await clients.lock_manager.post(`/api/v1/consent-requests/${requestId}/withdrawals`, {
      kind: 'call',
      doorIds: [world.door.a],
      name: 'Olle Ström',
      title: 'Fastighetschef',
      note: 'Styrelsen ändrade sig.',
    });
    expect(withdrawn.status).toBe(201);
    expect(withdrawn.body.doors.find((door: { doorId: string }) => door.doorId === world.door.a).status).toBe(
      'withdrawn',
    );
    expect(await entranceStatus(world.door.a)).toMatchObject({
      status: 'withdrawn',
      answered_by_name: 'Olle Ström',
    });
  });

  it('turns a no after a yes through a new link into a withdrawal, and a new yes back to consented', async () => {
    const again = await sendRequest({ propertyId: world.property.a, contactId: contactA2 });
    expect(again.request.doors.map((door: { doorId: string }) => door.doorId)).toEqual([world.door.a]);
    expect((await entranceStatus(world.door.a))?.status).toBe('asked');
    const yes = await publicClient().post(`/api/v1/consent-links/${again.token}`, {
      name: 'Olle Ström',
      title: 'Fastighetschef',
      answers: [{ doorId: world.door.a, answer: 'consented' }],
    });
    expect(yes.status).toBe(200);
    const third = await sendRequest({ propertyId: world.property.a, contactId: contactA2 });
    // A consent given stands when the entrance is asked again.
    expect((await entranceStatus(world.door.a))?.status).toBe('consented');
    const no = await publicClient().post(`/api/v1/consent-links/${third.token}`, {
      name: 'Olle Ström',
      title: 'Fastighetschef',
      answers: [{ doorId: world.door.a, answer: 'declined' }],
    });
    expect(no.body.entrances).toEqual([
      { doorId: world.door.a, label: expect.any(String), status: 'withdrawn' },
    ]);
    expect((await entranceStatus(world.door.a))?.status).toBe('withdrawn');
  });
});

describe('expiry and reminders', () => {
  it('answers an expired link 410 consent_link_expired and changes nothing', async () => {
    const sent = await sendRequest({ propertyId: world.property.b, contactId: contactB });
    const before = await snapshot();
    const saved = now;
    now = new Date(saved.getTime() + 30 * day);
    const view = await publicClient().get(`/api/v1/consent-links/${sent.token}`);
    expect(view.status).toBe(410);
    expect(view.body.code).toBe('consent_link_expired');
    const answer = await publicClient().post(`/api/v1/consent-links/${sent.token}`, {
      name: 'Bo Berglund',
      title: 'Ägare',
      answers: [{ doorId: world.door.b, answer: 'consented' }],
    });
    expect(answer.status).toBe(410);
    expect(await snapshot()).toEqual(before);
    now = saved;
  });

  it('reminds after the configured days with a new link, logged, and the first answer uses up every link', async () => {
    const setting = await clients.municipality_admin.patch('/api/v1/municipality', {
      settings: { consentReminderDays: 7, consentLinkDays: 60 },
    });
    expect(setting.status).toBe(200);
    now = new Date(now.getTime() + day);
    // The expired request of owner B above waits too: both are reminded; this one goes to Olle.
    const sent = await sendRequest({ propertyId: world.property.a, contactId: contactA2 });
    now = new Date(now.getTime() + 6 * day);
    const early = await clients.lock_manager.post('/api/v1/consent-requests/reminders');
    expect(early.body.reminded).not.toContain(sent.request.id);
    mailCount += early.body.reminded.length;
    now = new Date(now.getTime() + day);
    const due = await clients.lock_manager.post('/api/v1/consent-requests/reminders');
    expect(due.body.reminded).toContain(sent.request.id);
    expect(due.body.failed).toEqual([]);
    mailCount += due.body.reminded.length;
    await mail.waitForMessage(mailCount);
    const reminder = mail.messages
      .slice(-due.body.reminded.length)
      .find((message) => message.to && JSON.stringify(message.to).includes('olle@'))!;
    expect(reminder.subject).toMatch(/^Påminnelse/);
    expect(reminder.text).toContain('besvaras av Test lock_manager, låsansvarig vid Portviks kommun.');
    const second = readConsentLink(reminder);
    expect(second.token).not.toBe(sent.token);
    expect((await entranceStatus(world.door.a))?.status).toBe('reminded');
    const request = await clients.lock_manager.get(`/api/v1/consent-requests/${sent.request.id}`);
    expect(request.body).toMatchObject({ reminderCount: 1, lastSentAt: now.toISOString() });
    const log = await clients.lock_manager.get(
      `/api/v1/property-owners/${world.propertyOwner.a}/contact-log`,
    );
    expect(log.body.items[0]).toMatchObject({
      kind: 'email',
      consentRequestId: sent.request.id,
      outcomeKind: 'consent_reminder_sent',
      params: { reminder: 1, contactName: 'Olle Ström' },
    });
    const { rows } = await pool().query(
      `SELECT action FROM audit_entry WHERE action = 'remind' AND entity_id = $1`,
      [sent.request.id],
    );
    expect(rows).toHaveLength(1);
    // Not again the same day; and not at all while another process runs the reminders.
    const other = await pool().connect();
    try {
      await other.query("SELECT pg_advisory_lock(hashtext('portvakt:consent-reminders'))");
      expect((await clients.lock_manager.post('/api/v1/consent-requests/reminders')).body).toEqual({
        isSkipped: true,
        reminded: [],
        failed: [],
      });
    } finally {
      await other.query("SELECT pg_advisory_unlock(hashtext('portvakt:consent-reminders'))");
      other.release();
    }
    expect((await clients.lock_manager.post('/api/v1/consent-requests/reminders')).body.reminded).toEqual([]);
    // The reminder's link answers; the first mail's link is then used up too.
    const answered = await publicClient().post(`/api/v1/consent-links/${second.token}`, {
      name: 'Olle Ström',
      title: 'Fastighetschef',
      answers: [{ doorId: world.door.a, answer: 'consented' }],
    });
    expect(answered.status).toBe(200);
    expect((await entranceStatus(world.door.a))?.status).toBe('consented');
    expect((await publicClient().get(`/api/v1/consent-links/${sent.token}`)).body.code).toBe(
      'consent_link_used',
    );
    await clients.municipality_admin.patch('/api/v1/municipality', {
      settings: { consentReminderDays: 14, consentLinkDays: 30 },
    });
  });
});

describe('bad requests change nothing', () => {
  it('refuses apartment doors, other owners’ contacts, contacts without e-mail and doors elsewhere', async () => {
    const noMail = await clients.lock_manager.post(
      `/api/v1/property-owners/${world.propertyOwner.a}/contacts`,
      {
        name: 'Utan Post',
      },
    );
    const before = await snapshot();
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [
        { propertyId: world.property.a, contactId: contactA, doorIds: [world.door.apartmentA] },
        422,
        'door_not_askable',
      ],
      [{ propertyId: world.property.a, contactId: contactA, doorIds: [world.door.b] }, 422, 'wrong_property'],
      [{ propertyId: world.property.a, contactId: contactB }, 422, 'contact_of_other_owner'],
      [{ propertyId: world.property.a, contactId: noMail.body.id }, 422, 'contact_without_email'],
      [{ propertyId: world.customer.a, contactId: contactA }, 404, 'not_found'],
    ];
    for (const [body, status, code] of cases) {
      const response = await clients.lock_manager.post('/api/v1/consent-requests', body);
      expect([response.status, response.body.code]).toEqual([status, code]);
    }
    expect(await snapshot()).toEqual(before);
    expect(mail.messages).toHaveLength(mailCount);
  });

  it('keeps nothing when the mail cannot be sent (502 mail_not_sent)', async () => {
    const before = await snapshot();
    mail.setRefusing(true);
    try {
      const response = await clients.lock_manager.post('/api/v1/consent-requests', {
        propertyId: world.property.a,
        contactId: contactA,
      });
      expect(response.status).toBe(502);
      expect(response.body.code).toBe('mail_not_sent');
    } finally {
      mail.setRefusing(false);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('role × scope of the consent routes', () => {
  const readers: Role[] = ['municipality_admin', 'lock_manager', 'support', 'auditor'];
  const writers: Role[] = ['municipality_admin', 'lock_manager'];
  const outsiders: Role[] = ['installer', 'work_lead', 'staff'];

  it('lets oversight read every request, an owner only their own, and nobody else anything', async () => {
    const all = await clients.lock_manager.get('/api/v1/consent-requests');
    const owners = new Set(all.body.items.map((item: { propertyOwnerId: string }) => item.propertyOwnerId));
    expect(owners).toEqual(new Set([world.propertyOwner.a, world.propertyOwner.b]));
    for (const role of readers)
      expect((await clients[role].get('/api/v1/consent-requests')).body.items).toHaveLength(
        all.body.items.length,
      );
    const own = await clients.property_owner.get('/api/v1/consent-requests');
    expect(own.status).toBe(200);
    expect(own.body.items.length).toBeGreaterThan(0);
    expect(
      own.body.items.every(
        (item: { propertyOwnerId: string }) => item.propertyOwnerId === world.propertyOwner.a,
      ),
    ).toBe(true);
    const otherOwners = await clients.property_owner.get(
      `/api/v1/consent-requests?propertyOwnerId=${world.propertyOwner.b}`,
    );
    expect(otherOwners.body.items).toEqual([]);
    const bRequest = all.body.items.find(
      (item: { propertyOwnerId: string }) => item.propertyOwnerId === world.propertyOwner.b,
    );
    expect((await clients.property_owner.get(`/api/v1/consent-requests/${bRequest.id}`)).status).toBe(404);
    expect(
      (await clients.property_owner.get(`/api/v1/property-owners/${world.propertyOwner.b}/contacts`)).status,
    ).toBe(404);
    expect(
      (await clients.property_owner.get(`/api/v1/property-owners/${world.propertyOwner.a}/contacts`)).status,
    ).toBe(200);
    for (const role of outsiders) {
      for (const path of [
        '/api/v1/consent-requests',
        `/api/v1/consent-requests/${bRequest.id}`,
        `/api/v1/property-owners/${world.propertyOwner.a}/contacts`,
        `/api/v1/property-owners/${world.propertyOwner.a}/contact-log`,
      ]) {
        const response = await clients[role].get(path);
        expect([role, path, response.status]).toEqual([role, path, 403]);
        expect(Object.keys(response.body).sort()).toEqual(['code', 'message']);
      }
      expect(
        (await clients[role].getBytes(`/api/v1/consent-requests/${bRequest.id}/letter.pdf`)).status,
      ).toBe(403);
    }
  });

  it('lets only the municipality’s lock managers and admins write', async () => {
    const before = await snapshot();
    const contactsBefore = await count('property_owner_contact');
    for (const role of [...outsiders, 'support', 'auditor', 'property_owner'] as Role[]) {
      const client = clients[role];
      const attempts = [
        await client.post('/api/v1/consent-requests', { propertyId: world.property.a, contactId: contactA }),
        await client.post('/api/v1/consent-requests/reminders'),
        await client.post(
          `/api/v1/consent-requests/${(await clients.lock_manager.get('/api/v1/consent-requests')).body.items[0].id}/withdrawals`,
          {
            kind: 'call',
            doorIds: [world.door.a],
            name: 'X',
          },
        ),
        await client.post(`/api/v1/property-owners/${world.propertyOwner.a}/contacts`, {
          name: 'X',
          email: 'x@y.example',
        }),
        await client.patch(`/api/v1/property-owners/${world.propertyOwner.a}/contacts/${contactA}`, {
          phone: '08-111 22 33',
        }),
        await client.post(`/api/v1/property-owners/${world.propertyOwner.a}/contact-log`, {
          kind: 'call',
          at: now.toISOString(),
          madeBy: 'X',
          outcome: 'X',
        }),
      ];
      expect([role, attempts.map((attempt) => attempt.status)]).toEqual([
        role,
        [403, 403, 403, 403, 403, 403],
      ]);
    }
    expect(await snapshot()).toEqual(before);
    expect(await count('property_owner_contact')).toBe(contactsBefore);
    for (const role of writers)
      expect(
        (await clients[role].get(`/api/v1/property-owners/${world.propertyOwner.b}/contact-log`)).status,
      ).toBe(200);
  });
});

describe('without SMTP settings', () => {
  it('writes the mail to the server log, marked as not sent, and still makes the request', async () => {
    const lines: string[] = [];
    const { Writable } = await import('node:stream');
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const bare = await startTestServer({ now: () => start, logStream, logLevel: 'warn' });
    try {
      const { admin, world: other } = await addWorld(bare);
      const contact = await admin.post(`/api/v1/property-owners/${other.propertyOwner.a}/contacts`, {
        name: 'Eva Ek',
        email: 'eva@example.se',
      });
      const created = await admin.post('/api/v1/consent-requests', {
        propertyId: other.property.a,
        contactId: contact.body.id,
      });
      expect(created.status).toBe(201);
      const logged = lines.map((line) => JSON.parse(line)).find((line) => line.mail);
      expect(logged.msg).toContain('E-MAIL NOT SENT');
      expect(logged.mail.to).toBe('eva@example.se');
      expect(logged.mail.text).toContain(`${bare.url}/consent/`);
    } finally {
      await bare.close();
    }
  }, 120_000);
});
