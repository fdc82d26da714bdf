// The municipality's setting that requires passkeys of administrative roles, the enrolment step a
// right password opens for an account without one, an administrator's reset with a reason, and
// the role × scope matrix of the passkey routes (passkeyRouteTemplates), and two removals at once
// of the last two passkeys.
import type { Role } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raceBehindRowLock } from '../platform/lock-race.testing';
import {
  ApiClient,
  createMunicipality,
  createUser,
  startTestServer,
  testPassword,
  type TestServer,
} from '../platform/testing';
import { SoftPasskey } from './passkey-authenticator.testing';
import { passkeyRouteTemplates } from './passkeys.routes';

let server: TestServer;
let municipalityId: string;
const names = {} as Record<
  'admin' | 'manager' | 'auditor' | 'support' | 'installer' | 'foreignAdmin',
  string
>;
const clients = {} as Record<keyof typeof names, ApiClient>;
const adminKey = new SoftPasskey();
const managerKey = new SoftPasskey();

async function register(client: ApiClient, passkey: SoftPasskey, name: string) {
  const start = await client.post('/api/v1/passkeys/registration-options');
  return client.post('/api/v1/passkeys', {
    challengeId: start.body.challengeId,
    name,
    response: passkey.register(start.body.options, server.url),
  });
}

/** Signs in with `passkey` after `username`; the client then holds that session. */
async function signInWith(passkey: SoftPasskey, username: string) {
  const client = new ApiClient(server.url);
  const start = await client.post('/api/v1/auth/passkey/options', { username });
  const answer = await client.post('/api/v1/auth/passkey', {
    challengeId: start.body.challengeId,
    response: passkey.assert(start.body.options, server.url),
  });
  expect(answer.status).toBe(200);
  return { client, csrf: { 'x-csrf-token': answer.body.csrfToken as string } };
}

const passwordLogin = (client: ApiClient, username: string) =>
  client.post('/api/v1/auth/login', { username, password: testPassword });

const sessionCookieOf = (response: { headers: Headers }) =>
  response.headers.getSetCookie().find((cookie) => cookie.startsWith('portvakt_session='));

const audited = async (action: string, entityId: string) =>
  (
    await server.db.pool.query<{ after: Record<string, unknown>; actor_label: string }>(
      'SELECT after, actor_label FROM audit_entry WHERE action = $1 AND entity_id = $2 ORDER BY id',
      [action, entityId],
    )
  ).rows;

const userId = async (username: string) =>
  (await server.db.pool.query<{ id: string }>('SELECT id FROM user_account WHERE username = $1', [username]))
    .rows[0]!.id;

beforeAll(async () => {
  server = await startTestServer();
  const pool = server.db.pool;
  municipalityId = await createMunicipality(pool);
  const roles: Record<keyof typeof names, Role> = {
    admin: 'municipality_admin',
    manager: 'lock_manager',
    auditor: 'auditor',
    support: 'support',
    installer: 'installer',
    foreignAdmin: 'municipality_admin',
  };
  const foreignMunicipality = await createMunicipality(pool);
  for (const [key, role] of Object.entries(roles) as Array<[keyof typeof names, Role]>) {
    names[key] = await createUser(pool, key === 'foreignAdmin' ? foreignMunicipality : municipalityId, role);
    clients[key] = await new ApiClient(server.url).login(names[key], testPassword);
  }
  expect((await register(clients.admin, adminKey, 'Jobbtelefon')).status).toBe(201);
});
afterAll(async () => server?.close());

describe('passkeys required for administrative roles', () => {
  it('is a municipality setting only its administrator changes, audited', async () => {
    const refused = await clients.manager.patch('/api/v1/municipality', {
      settings: { passkeysRequiredForAdmins: true },
    });
    expect(refused.status).toBe(403);
    const bad = await clients.admin.patch('/api/v1/municipality', {
      settings: { passkeysRequiredForAdmins: 'ja' },
    });
    expect(bad.status).toBe(400);
    const changed = await clients.admin.patch('/api/v1/municipality', {
      settings: { passkeysRequiredForAdmins: true },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.settings.passkeysRequiredForAdmins).toBe(true);
    const entries = await audited('update', municipalityId);
    expect(entries.at(-1)!.after).toMatchObject({ settings: { passkeysRequiredForAdmins: true } });
    expect((await clients.admin.get('/api/v1/passkeys')).body.isRequired).toBe(true);
    expect((await clients.support.get('/api/v1/passkeys')).body.isRequired).toBe(false);
  });

  it('refuses the password alone of an administrator who has a passkey, and opens no session', async () => {
    const response = await passwordLogin(new ApiClient(server.url), names.admin);
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('passkey_required');
    expect(sessionCookieOf(response)).toBeUndefined();
    // The passkey signs in.
    const { client } = await signInWith(adminKey, names.admin);
    expect((await client.get('/api/v1/auth/me')).body.label).toBe(names.admin);
    // A wrong password is still only a wrong password: nothing about passkeys is revealed.
    const wrong = await new ApiClient(server.url).post('/api/v1/auth/login', {
      username: names.admin,
      password: 'not the password at all',
    });
    expect(wrong.body.code).toBe('invalid_credentials');
  });

  it('lets other roles keep their password', async () => {
    expect((await passwordLogin(new ApiClient(server.url), names.support)).status).toBe(200);
    expect((await passwordLogin(new ApiClient(server.url), names.installer)).status).toBe(200);
  });

  it('opens only the enrolment step for an administrative account without a passkey, once', async () => {
    const client = new ApiClient(server.url);
    const response = await passwordLogin(client, names.manager);
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('passkey_enrolment_required');
    expect(sessionCookieOf(response)).toBeUndefined();
    // The step registers a passkey and nothing else: the account has no session.
    expect((await client.get('/api/v1/auth/me')).status).toBe(401);
    // Without the step's cookie there is nothing to enrol.
    const stranger = await new ApiClient(server.url).post('/api/v1/auth/passkey-enrolment/options');
    expect(stranger.status).toBe(401);
    expect(stranger.body.code).toBe('passkey_enrolment_expired');

    const start = await client.post('/api/v1/auth/passkey-enrolment/options');
    expect(start.status).toBe(200);
    const wrongOrigin = await client.post('/api/v1/auth/passkey-enrolment', {
      challengeId: start.body.challengeId,
      name: 'Telefon',
      response: managerKey.register(start.body.options, 'https://evil.example.net'),
    });
    expect(wrongOrigin.body.code).toBe('passkey_refused');
    const again = await client.post('/api/v1/auth/passkey-enrolment/options');
    const enrolled = await client.post('/api/v1/auth/passkey-enrolment', {
      challengeId: again.body.challengeId,
      name: 'Telefon',
      response: managerKey.register(again.body.options, server.url),
    });
    expect(enrolled.status).toBe(200);
    expect(enrolled.body.user.username).toBe(names.manager);
    expect((await client.get('/api/v1/auth/me')).status).toBe(200);
    const entries = await audited('register_passkey', await userId(names.manager));
    expect(entries.map((entry) => [entry.actor_label, entry.after.via])).toEqual([
      [names.manager, 'enrolment'],
    ]);

    // The step was used: its cookie opens nothing more, and the password alone now meets the passkey.
    expect((await client.post('/api/v1/auth/passkey-enrolment/options')).status).toBe(401);
    expect((await passwordLogin(new ApiClient(server.url), names.manager)).body.code).toBe(
      'passkey_required',
    );
    expect((await signInWith(managerKey, names.manager)).client).toBeDefined();
  });

  it('keeps the last passkey of a required account', async () => {
    const { client, csrf } = await signInWith(managerKey, names.manager);
    const [only] = (await client.get('/api/v1/passkeys')).body.items;
    const refused = await client.request('DELETE', `/api/v1/passkeys/${only.id}`, undefined, {
      headers: csrf,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('last_required_passkey');
    expect((await client.get('/api/v1/passkeys')).body.items).toHaveLength(1);
  });
});

describe('an administrator resets another account’s passkeys', () => {
  it('is refused to everyone but the municipality’s administrator, and for oneself or without a reason', async () => {
    const managerId = await userId(names.manager);
    for (const key of ['manager', 'auditor', 'support', 'installer'] as const) {
      const refused = await clients[key].post(`/api/v1/users/${managerId}/passkeys/reset`, {
        reason: 'Tappad telefon',
      });
      expect(refused.status, key).toBe(403);
    }
    const foreign = await clients.foreignAdmin.post(`/api/v1/users/${managerId}/passkeys/reset`, {
      reason: 'Tappad telefon',
    });
    expect(foreign.status).toBe(404);
    const { client: admin, csrf } = await signInWith(adminKey, names.admin);
    const own = await admin.request(
      'POST',
      `/api/v1/users/${await userId(names.admin)}/passkeys/reset`,
      { reason: 'Tappad telefon' },
      { headers: csrf },
    );
    expect(own.body.code).toBe('own_passkeys_reset');
    const noReason = await admin.request(
      'POST',
      `/api/v1/users/${managerId}/passkeys/reset`,
      { reason: 'ok' },
      { headers: csrf },
    );
    expect(noReason.status).toBe(422);
    expect(noReason.body.code).toBe('reason_required');
    expect((await admin.get(`/api/v1/users/${managerId}/passkeys`)).body.items).toHaveLength(1);
    expect(await audited('reset_passkeys', managerId)).toEqual([]);
  });

  it('removes them with a reason, audited; the account’s sessions end and it enrols again', async () => {
    const managerId = await userId(names.manager);
    const { client: manager } = await signInWith(managerKey, names.manager);
    const { client: admin, csrf } = await signInWith(adminKey, names.admin);
    const reset = await admin.request(
      'POST',
      `/api/v1/users/${managerId}/passkeys/reset`,
      { reason: 'Telefonen stulen 2 december' },
      { headers: csrf },
    );
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ removed: 1 });
    const [entry] = await audited('reset_passkeys', managerId);
    expect(entry!.actor_label).toBe(names.admin);
    expect(entry!.after).toEqual({ reason: 'Telefonen stulen 2 december', removed: 1 });
    expect((await manager.get('/api/v1/auth/me')).status).toBe(401);
    expect((await admin.get(`/api/v1/users/${managerId}/passkeys`)).body).toEqual({
      items: [],
      isRequired: true,
    });
    // The stolen passkey no longer signs in; the password opens the enrolment step again.
    const start = await new ApiClient(server.url).post('/api/v1/auth/passkey/options', {});
    const stolen = await new ApiClient(server.url).post('/api/v1/auth/passkey', {
      challengeId: start.body.challengeId,
      response: managerKey.assert(start.body.options, server.url),
    });
    expect(stolen.status).toBe(401);
    expect((await passwordLogin(new ApiClient(server.url), names.manager)).body.code).toBe(
      'passkey_enrolment_required',
    );
  });
});

describe('role × scope of the passkey routes', () => {
  it('lets every person manage only their own passkeys, and only the administrator read or reset others’', async () => {
    const covered = new Set<string>();
    const installerId = await userId(names.installer);
    const foreignId = await userId(names.foreignAdmin);
    const adminId = await userId(names.admin);
    for (const key of ['support', 'installer', 'foreignAdmin'] as const) {
      const client = clients[key];
      expect((await client.get('/api/v1/passkeys')).status, key).toBe(200);
      covered.add('GET /api/v1/passkeys');
      expect((await client.post('/api/v1/passkeys/registration-options')).status, key).toBe(200);
      covered.add('POST /api/v1/passkeys/registration-options');
      const read = await client.get(`/api/v1/users/${installerId}/passkeys`);
      expect(read.status, key).toBe(key === 'foreignAdmin' ? 404 : 403);
      covered.add('GET /api/v1/users/{id}/passkeys');
      const reset = await client.post(`/api/v1/users/${adminId}/passkeys/reset`, {
        reason: 'Försök utanför',
      });
      expect(reset.status, key).toBe(key === 'foreignAdmin' ? 404 : 403);
      covered.add('POST /api/v1/users/{id}/passkeys/reset');
    }
    // The installer registers and removes its own; the administrator's passkey id is not its own.
    const key = new SoftPasskey();
    const registered = await register(clients.installer, key, 'Installatörens nyckel');
    expect(registered.status).toBe(201);
    covered.add('POST /api/v1/passkeys');
    const adminPasskeys = (await signInWith(adminKey, names.admin)).client;
    const adminPasskeyId = (await adminPasskeys.get('/api/v1/passkeys')).body.items[0].id;
    expect((await clients.installer.delete(`/api/v1/passkeys/${adminPasskeyId}`)).status).toBe(404);
    expect((await clients.installer.delete(`/api/v1/passkeys/${registered.body.id}`)).status).toBe(204);
    covered.add('DELETE /api/v1/passkeys/{id}');
    expect((await clients.foreignAdmin.get(`/api/v1/users/${foreignId}/passkeys`)).status).toBe(200);
    // The public routes: signing in and the enrolment step (tested above and in passkeys.test.ts).
    for (const template of passkeyRouteTemplates.filter((route) => route.includes('/auth/')))
      covered.add(template);
    expect([...covered].sort()).toEqual([...passkeyRouteTemplates].sort());
  });
});

// Last: the administrator keeps only one of its passkeys, perhaps not `adminKey`.
describe('two removals at the same moment of an account’s last two passkeys', () => {
  it('keeps one: the second removal counts the passkeys after the first has removed its own', async () => {
    expect((await register(clients.admin, new SoftPasskey(), 'Reservnyckel')).status).toBe(201);
    const items = (await clients.admin.get('/api/v1/passkeys')).body.items as Array<{ id: string }>;
    const passkeyIds = items.map((item) => item.id);
    expect(passkeyIds).toHaveLength(2);
    // Holding both passkey rows pauses each removal at its DELETE: without the account's row lock
    // both have counted two passkeys by then, and each lets its own go.
    const answers = await raceBehindRowLock(
      server,
      { sql: 'SELECT 1 FROM passkey_credential WHERE id = ANY($1::uuid[]) FOR UPDATE', values: [passkeyIds] },
      passkeyIds.map((id) => () => clients.admin.delete(`/api/v1/passkeys/${id}`)),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([204, 422]);
    expect(answers.find((answer) => answer.status === 422)!.body.code).toBe('last_required_passkey');
    expect((await clients.admin.get('/api/v1/passkeys')).body.items).toHaveLength(1);
    expect(await audited('remove_passkey', await userId(names.admin))).toHaveLength(1);
  });
});
