// Relatives' self-service over real HTTP, real PostgreSQL and a real SMTP receiver, on a fixed
// clock (docs/relatives.md): the work lead's invitation mailed and shown once, the single-use
// link with its expiry, the relative's account, its one customer's visit list (JSON, CSV, PDF)
// and 404 for any other, the read log, withdrawal before and after use, and bad input answered
// 4xx with a code and nothing changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailReceiver, type MailReceiver } from '../platform/mail.testing';
import { readPdfText } from '../platform/pdf.testing';
import { ApiClient, createUser, testPassword } from '../platform/testing';
import { startTestWorld, type TestWorld } from '../platform/world.testing';
import { createRelative, readRelativeLink, relativePassword } from './relatives.testing';

const start = new Date('2026-11-10T12:00:00Z');
let now = start;
let receiver: MailReceiver;
let t: TestWorld;
let leadA: ApiClient;
let leadB: ApiClient;
let staffA: ApiClient;
let auditor: ApiClient;
let relative: ApiClient;
let usedInvitationId: string;
let usedToken: string;
const november = 'from=2026-11-01&to=2026-11-30';

const count = async (table: string) =>
  Number((await t.server.db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
const login = async (role: Parameters<typeof createUser>[2], links = {}) =>
  new ApiClient(t.server.url).login(
    await createUser(t.server.db.pool, t.municipalityId, role, links),
    testPassword,
  );

beforeAll(async () => {
  receiver = await startMailReceiver();
  t = await startTestWorld({ now: () => now, mailer: receiver.mailer });
  leadA = await login('work_lead', { providerId: t.world.provider.a });
  leadB = await login('work_lead', { providerId: t.world.provider.b });
  staffA = await login('staff', { providerId: t.world.provider.a, staffMemberId: t.world.staffMember.a });
  auditor = await login('auditor');
  for (const [day, customer, lead, staff] of [
    ['2026-11-03', t.world.customer.a, leadA, t.world.staffMember.a],
    ['2026-11-04', t.world.customer.a, leadA, t.world.staffMember.a],
    ['2026-11-04', t.world.customer.b, leadB, t.world.staffMember.b],
  ] as const) {
    const visit = await lead.post('/api/v1/visits', {
      customerId: customer,
      staffMemberIds: [staff],
      arrival: `${day}T08:00:00Z`,
      departure: `${day}T08:30:00Z`,
      services: ['meals'],
    });
    if (visit.status !== 201) throw new Error(JSON.stringify(visit.body));
  }
}, 120_000);
afterAll(async () => {
  await t?.server.close();
  await receiver?.close();
});

describe('inviting a relative', () => {
  it('mails a single-use link to the relative and shows it once to the customer’s work lead', async () => {
    const sent = receiver.messages.length;
    const invited = await leadA.post(`/api/v1/customers/${t.world.customer.a}/relative-invitations`, {
      relativeName: 'Lena Berg',
      email: 'lena@example.se',
    });
    expect(invited.status).toBe(201);
    expect(invited.body.invitation).toMatchObject({
      customerId: t.world.customer.a,
      status: 'pending',
      expiresAt: '2026-11-24T12:00:00.000Z',
      username: null,
    });
    const mail = await receiver.waitForMessage(sent + 1);
    expect(mail.subject).toBe('Inbjudan: se besökslistan för Karl');
    const link = readRelativeLink(mail);
    expect(link.url).toBe(invited.body.link);
    usedInvitationId = invited.body.invitation.id;
    usedToken = link.token;
    // Only the hash is kept: the link is in no row.
    const stored = await t.server.db.pool.query('SELECT token_hash FROM relative_invitation WHERE id = $1', [
      usedInvitationId,
    ]);
    expect(Buffer.from(stored.rows[0].token_hash).toString('base64url')).not.toBe(link.token);
    const list = await leadA.get(`/api/v1/customers/${t.world.customer.a}/relative-invitations`);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([usedInvitationId]);
    expect(JSON.stringify(list.body)).not.toContain(link.token);
    const audit = await t.admin.get(`/api/v1/audit?entity=relative_invitation&entityId=${usedInvitationId}`);
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual(['create']);
  });

  it('is refused for a customer another provider serves, and for roles that may not invite', async () => {
    const before = await count('relative_invitation');
    const body = { relativeName: 'Nils Berg', email: 'nils@example.se' };
    const foreign = await leadB.post(`/api/v1/customers/${t.world.customer.a}/relative-invitations`, body);
    expect([foreign.status, foreign.body.code]).toEqual([404, 'not_found']);
    expect((await leadB.get(`/api/v1/customers/${t.world.customer.a}/relative-invitations`)).status).toBe(
      404,
    );
    for (const client of [staffA, auditor]) {
      const refused = await client.post(`/api/v1/customers/${t.world.customer.a}/relative-invitations`, body);
      expect([refused.status, refused.body.code]).toEqual([403, 'forbidden']);
    }
    expect(await count('relative_invitation')).toBe(before);
  });

  it('answers bad input and a mail that cannot be sent with a code and keeps nothing', async () => {
    const before = await count('relative_invitation');
    const url = `/api/v1/customers/${t.world.customer.a}/relative-invitations`;
    const badEmail = await leadA.post(url, { relativeName: 'Nils', email: 'inte-en-adress' });
    expect([badEmail.status, badEmail.body.code]).toEqual([400, 'validation_failed']);
    const noName = await leadA.post(url, { relativeName: '', email: 'nils@example.se' });
    expect([noName.status, noName.body.code]).toEqual([400, 'validation_failed']);
    receiver.setRefusing(true);
    try {
      const unsent = await leadA.post(url, { relativeName: 'Nils Berg', email: 'nils@example.se' });
      expect([unsent.status, unsent.body.code]).toEqual([502, 'mail_not_sent']);
    } finally {
      receiver.setRefusing(false);
    }
    expect(await count('relative_invitation')).toBe(before);
  });
});

describe('the link', () => {
  it('shows whom it is for and refuses a weak password or bad username, keeping the link unused', async () => {
    const anyone = new ApiClient(t.server.url);
    const view = await anyone.get(`/api/v1/relative-links/${usedToken}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ relativeName: 'Lena Berg', customerGivenName: 'Karl' });
    // The customer's given name only: the link may be forwarded.
    expect(JSON.stringify(view.body)).not.toContain('Karl Berg');
    const weak = await anyone.post(`/api/v1/relative-links/${usedToken}/account`, {
      username: 'lena.berg',
      password: 'short',
    });
    expect([weak.status, weak.body.code]).toEqual([400, 'weak_password']);
    const badName = await anyone.post(`/api/v1/relative-links/${usedToken}/account`, {
      username: 'Lena Berg!',
      password: relativePassword,
    });
    expect([badName.status, badName.body.code]).toEqual([422, 'invalid_username']);
    const taken = await anyone.post(`/api/v1/relative-links/${usedToken}/account`, {
      username: t.adminName,
      password: relativePassword,
    });
    expect([taken.status, taken.body.code]).toEqual([409, 'already_exists']);
    const unknown = await anyone.get(`/api/v1/relative-links/${'A'.repeat(43)}`);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'not_found']);
    expect((await anyone.get(`/api/v1/relative-links/${usedToken}`)).status).toBe(200);
    expect(await count(`user_account WHERE role = 'relative'`)).toBe(0);
  });

  it('makes one relative account and then is used up', async () => {
    const anyone = new ApiClient(t.server.url);
    const made = await anyone.post(`/api/v1/relative-links/${usedToken}/account`, {
      username: 'Lena.Berg',
      password: relativePassword,
    });
    expect([made.status, made.body]).toEqual([201, { username: 'lena.berg' }]);
    const again = await anyone.post(`/api/v1/relative-links/${usedToken}/account`, {
      username: 'lena.berg2',
      password: relativePassword,
    });
    expect([again.status, again.body.code]).toEqual([409, 'invitation_used']);
    expect((await anyone.get(`/api/v1/relative-links/${usedToken}`)).body.code).toBe('invitation_used');
    expect(await count(`user_account WHERE role = 'relative'`)).toBe(1);
    relative = await new ApiClient(t.server.url).login('lena.berg', relativePassword);
    const me = await relative.get('/api/v1/auth/me');
    expect(me.body).toMatchObject({ role: 'relative', label: 'lena.berg' });
    const list = await leadA.get(`/api/v1/customers/${t.world.customer.a}/relative-invitations`);
    expect(list.body.items[0]).toMatchObject({
      status: 'used',
      username: 'lena.berg',
      isAccountDisabled: false,
    });
  });

  it('expires at its expiry instant (fixed clock)', async () => {
    const invited = await leadA.post(`/api/v1/customers/${t.world.customer.a}/relative-invitations`, {
      relativeName: 'Per Berg',
      email: 'per@example.se',
    });
    const token = (invited.body.link as string).split('/').pop()!;
    const anyone = new ApiClient(t.server.url);
    try {
      now = new Date('2026-11-24T11:59:59Z');
      expect((await anyone.get(`/api/v1/relative-links/${token}`)).status).toBe(200);
      now = new Date('2026-11-24T12:00:00Z');
      const expired = await anyone.get(`/api/v1/relative-links/${token}`);
      expect([expired.status, expired.body.code]).toEqual([410, 'invitation_expired']);
      const late = await anyone.post(`/api/v1/relative-links/${token}/account`, {
        username: 'per.berg',
        password: relativePassword,
      });
      expect([late.status, late.body.code]).toEqual([410, 'invitation_expired']);
      const list = await leadA.get(`/api/v1/customers/${t.world.customer.a}/relative-invitations`);
      expect(
        list.body.items.find((item: { id: string }) => item.id === invited.body.invitation.id).status,
      ).toBe('expired');
    } finally {
      now = start;
    }
    expect(await count(`user_account WHERE role = 'relative'`)).toBe(1);
  });
});

describe('the relative', () => {
  it('reads its own customer’s visit list as JSON, CSV and PDF, staff named as the municipality decides', async () => {
    const customer = await relative.get('/api/v1/relative/customer');
    expect(customer.body).toEqual({ id: t.world.customer.a, name: 'Karl Berg' });
    const list = await relative.get(`/api/v1/relative/customers/${t.world.customer.a}/visits?${november}`);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({
      customerName: 'Karl Berg',
      staffNaming: 'role_word',
      totalMinutes: 60,
    });
    expect(list.body.visits.map((visit: { date: string }) => visit.date)).toEqual([
      '2026-11-03',
      '2026-11-04',
    ]);
    // What they work as (not recorded here); the console and the CSV put it into words.
    expect(list.body.visits[0].staff).toEqual([{ givenName: null, occupation: null }]);
    const csv = await relative.getBytes(
      `/api/v1/relative/customers/${t.world.customer.a}/visits?${november}&format=csv`,
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain('besokslista-2026-11-01-2026-11-30.csv');
    expect(new TextDecoder().decode(csv.bytes)).toContain('2026-11-04;09:00;09:30;30;Personal;');
    const pdf = await relative.getBytes(
      `/api/v1/relative/customers/${t.world.customer.a}/visits?${november}&format=pdf`,
    );
    expect(pdf.status).toBe(200);
    expect((await readPdfText(pdf.bytes)).flat()).toContain('Besökslista för Karl Berg');
    const settings = (await t.admin.get('/api/v1/municipality')).body.settings;
    try {
      await t.admin.patch('/api/v1/municipality', {
        settings: { ...settings, relativesStaffNaming: 'first_name' },
      });
      const named = await relative.get(`/api/v1/relative/customers/${t.world.customer.a}/visits?${november}`);
      expect(named.body.visits[0].staff).toEqual([{ givenName: 'Anna', occupation: null }]);
    } finally {
      await t.admin.patch('/api/v1/municipality', { settings });
    }
  });

  it('gets 404 for any other customer’s list and 403 everywhere else, with no data', async () => {
    const before = await count('relative_read_log');
    for (const id of [t.world.customer.b, '00000000-0000-4000-8000-000000000000']) {
      const other = await relative.get(`/api/v1/relative/customers/${id}/visits?${november}`);
      expect([other.status, other.body]).toEqual([404, { code: 'not_found', message: 'No such customer.' }]);
    }
    for (const path of [
      `/api/v1/customers/${t.world.customer.a}/visits?${november}`,
      `/api/v1/customers/${t.world.customer.a}`,
      `/api/v1/customers/${t.world.customer.a}/relative-invitations`,
      `/api/v1/customers/${t.world.customer.a}/relative-reads`,
      '/api/v1/visits',
      '/api/v1/municipality',
    ]) {
      const refused = await relative.get(path);
      expect([path, refused.status, Object.keys(refused.body).sort()]).toEqual([
        path,
        403,
        ['code', 'message'],
      ]);
    }
    // Writes are refused before their input is looked at.
    const write = await relative.post(`/api/v1/customers/${t.world.customer.a}/relative-invitations`, {});
    expect([write.status, write.body.code]).toEqual([403, 'forbidden']);
    expect(await count('relative_read_log')).toBe(before);
  });

  it('a reversed period is refused 400 invalid_range on the relative’s and the staff’s route, nothing read or logged', async () => {
    const before = [await count('relative_read_log'), await count('event_read_log')];
    // Both instants fall on 2 December: widened to whole days they would pass as that one day.
    const reversed = 'from=2026-12-02T20:00:00Z&to=2026-12-02T10:00:00Z';
    for (const [client, path] of [
      [relative, `/api/v1/relative/customers/${t.world.customer.a}/visits?${reversed}`],
      [leadA, `/api/v1/customers/${t.world.customer.a}/visits?${reversed}`],
      [relative, `/api/v1/relative/customers/${t.world.customer.a}/visits?${reversed}&format=csv`],
      [
        relative,
        `/api/v1/relative/customers/${t.world.customer.a}/visits?from=2026-12-02T10:00:00Z&to=2026-12-02T10:00:00Z`,
      ],
    ] as const) {
      const refused = await client.get(path);
      expect([path, refused.status, refused.body.code]).toEqual([path, 400, 'invalid_range']);
    }
    // A one-day period of days, and two instants in their order, are still one day's list.
    for (const period of [
      'from=2026-11-04&to=2026-11-04',
      'from=2026-11-04T00:00:00Z&to=2026-11-04T20:00:00Z',
    ]) {
      const list = await leadA.get(`/api/v1/customers/${t.world.customer.a}/visits?${period}`);
      expect([period, list.status, list.body.firstDay, list.body.lastDay]).toEqual([
        period,
        200,
        '2026-11-04',
        '2026-11-04',
      ]);
    }
    expect(await count('relative_read_log')).toBe(before[0]);
  });

  it('staff and work leads have no relative routes: those are the relative’s own', async () => {
    for (const client of [leadA, t.admin, staffA]) {
      const response = await client.get(`/api/v1/relative/customers/${t.world.customer.a}/visits`);
      expect(response.status).toBe(403);
      expect((await client.get('/api/v1/relative/customer')).status).toBe(403);
    }
  });
});

describe('the read log', () => {
  it('has every read of the relative, for the municipality, auditors and the customer’s work lead only', async () => {
    const expected = ['json', 'pdf', 'csv', 'json'];
    for (const client of [t.admin, auditor, leadA]) {
      const reads = await client.get(`/api/v1/customers/${t.world.customer.a}/relative-reads`);
      expect(reads.status).toBe(200);
      expect(reads.body.items.map((read: { format: string }) => read.format)).toEqual(expected);
      expect(reads.body.items[0]).toMatchObject({
        username: 'lena.berg',
        displayName: 'Lena Berg',
        firstDay: '2026-11-01',
        lastDay: '2026-11-30',
        rowCount: 2,
        readAt: start.toISOString(),
      });
    }
    expect((await leadB.get(`/api/v1/customers/${t.world.customer.a}/relative-reads`)).status).toBe(404);
    expect((await staffA.get(`/api/v1/customers/${t.world.customer.a}/relative-reads`)).status).toBe(403);
    // Also in the event read log, as reads of data the lock records tell.
    const { rows } = await t.server.db.pool.query(
      `SELECT query_kind FROM event_read_log WHERE actor_role = 'relative' ORDER BY id`,
    );
    expect(rows.map((row) => row.query_kind)).toEqual(
      ['json', 'csv', 'pdf', 'json'].map((format) => `relative_visit_list_${format}`),
    );
  });

  it('cannot be rewritten by the app', async () => {
    await expect(t.server.db.pool.query('DELETE FROM relative_read_log')).rejects.toThrow(
      /permission denied/,
    );
  });
});

describe('withdrawal', () => {
  it('before use stops the link; only the customer’s work lead or the municipality may withdraw', async () => {
    const invited = await leadA.post(`/api/v1/customers/${t.world.customer.a}/relative-invitations`, {
      relativeName: 'Olle Berg',
      email: 'olle@example.se',
    });
    const id = invited.body.invitation.id;
    const token = (invited.body.link as string).split('/').pop()!;
    const foreign = await leadB.post(`/api/v1/relative-invitations/${id}/withdrawal`);
    expect([foreign.status, foreign.body.code]).toEqual([404, 'not_found']);
    expect((await staffA.post(`/api/v1/relative-invitations/${id}/withdrawal`)).status).toBe(403);
    const withdrawn = await leadA.post(`/api/v1/relative-invitations/${id}/withdrawal`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawnAt: start.toISOString() });
    const anyone = new ApiClient(t.server.url);
    const gone = await anyone.post(`/api/v1/relative-links/${token}/account`, {
      username: 'olle.berg',
      password: relativePassword,
    });
    expect([gone.status, gone.body.code]).toEqual([410, 'invitation_withdrawn']);
    const twice = await t.admin.post(`/api/v1/relative-invitations/${id}/withdrawal`);
    expect([twice.status, twice.body.code]).toEqual([409, 'invitation_withdrawn']);
    const audit = await t.admin.get(`/api/v1/audit?entity=relative_invitation&entityId=${id}`);
    expect(audit.body.items.map((entry: { action: string }) => entry.action).sort()).toEqual([
      'create',
      'withdraw',
    ]);
  });

  it('after use disables the account and ends its session', async () => {
    const withdrawn = await leadA.post(`/api/v1/relative-invitations/${usedInvitationId}/withdrawal`);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', isAccountDisabled: true });
    expect((await relative.get('/api/v1/auth/me')).status).toBe(401);
    await expect(new ApiClient(t.server.url).login('lena.berg', relativePassword)).rejects.toThrow(/401/);
  });
});

describe('accounts', () => {
  it('a relative account is made only through an invitation', async () => {
    const made = await t.admin.post('/api/v1/users', {
      username: 'direkt.anhorig',
      displayName: 'Direkt',
      password: relativePassword,
      role: 'relative',
    });
    expect([made.status, made.body.code]).toEqual([422, 'relative_by_invitation']);
  });

  it('a second relative of the same customer is bound the same way', async () => {
    const second = await createRelative(t.server.url, t.admin, t.world.customer.a, 'maja.berg');
    expect((await second.client.get('/api/v1/relative/customer')).body.id).toBe(t.world.customer.a);
  });
});

describe('the municipality’s setting relativeInvitationDays', () => {
  it('is set within 1–60 whole days and gives the next invitation its expiry; anything else is 400 at the field', async () => {
    for (const bad of [0, 61, 1.5, '30']) {
      const refused = await t.admin.patch('/api/v1/municipality', {
        settings: { relativeInvitationDays: bad },
      });
      expect([bad, refused.status, refused.body.code]).toEqual([bad, 400, 'validation_failed']);
      expect(refused.body.details[0].field).toBe('body.settings.relativeInvitationDays');
    }
    try {
      const set = await t.admin.patch('/api/v1/municipality', { settings: { relativeInvitationDays: 30 } });
      expect([set.status, set.body.settings?.relativeInvitationDays]).toEqual([200, 30]);
      const invited = await leadA.post(`/api/v1/customers/${t.world.customer.a}/relative-invitations`, {
        relativeName: 'Siv Berg',
        email: 'siv@example.se',
      });
      expect(invited.body.invitation.expiresAt).toBe('2026-12-10T12:00:00.000Z');
    } finally {
      await t.admin.patch('/api/v1/municipality', { settings: { relativeInvitationDays: 14 } });
    }
  });
});

describe('who the relative is told invited them', () => {
  /** Invites a relative of customer A as `client`: the mail's text and what the link page is told. */
  async function invite(client: ApiClient) {
    const sent = receiver.messages.length;
    const invited = await client.post(`/api/v1/customers/${t.world.customer.a}/relative-invitations`, {
      relativeName: 'Lena Berg',
      email: 'lena.igen@example.se',
    });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    const mail = await receiver.waitForMessage(sent + 1);
    const link = await new ApiClient(t.server.url).get(
      `/api/v1/relative-links/${readRelativeLink(mail).token}`,
    );
    return {
      mail: mail.text ?? '',
      link: link.body.invitedBy as string,
      invitation: invited.body.invitation,
    };
  }
  async function createToken(name: string, role: string, providerId?: string) {
    const made = await t.admin.post('/api/v1/api-tokens', {
      name,
      role,
      ...(providerId ? { providerId } : {}),
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    return ApiClient.withToken(t.server.url, made.body.token);
  }

  it('a person by their name', async () => {
    const told = await invite(leadA);
    expect(told.mail).toContain('Hej Lena Berg,\n\nTest work_lead bjuder in dig');
    expect(told.link).toBe('Test work_lead');
  });

  it('an API token by the provider it acts for, or the municipality: never the token’s name', async () => {
    const providerName = (await t.admin.get(`/api/v1/providers/${t.world.provider.a}`)).body.name as string;
    const municipalityName = (await t.admin.get('/api/v1/municipality')).body.name as string;
    for (const [client, name] of [
      [await createToken('tD omsorgshuset', 'work_lead', t.world.provider.a), providerName],
      [await createToken('tD kommunen', 'municipality_admin'), municipalityName],
    ] as const) {
      const told = await invite(client);
      expect(told.mail).toContain(`Hej Lena Berg,\n\n${name} bjuder in dig`);
      expect(told.link).toBe(name);
      expect(`${told.mail} ${told.link}`).not.toMatch(/token:|tD /);
      // The staff's list and the audit trail keep who it was, as stored.
      expect(told.invitation.invitedBy).toMatch(/^token:tD /);
      const audit = await t.admin.get(
        `/api/v1/audit?entity=relative_invitation&entityId=${told.invitation.id}`,
      );
      expect(audit.body.items[0].after.invitedBy).toBe(told.invitation.invitedBy);
    }
  });
});
