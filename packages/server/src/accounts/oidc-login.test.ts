// Sign-in through the municipality's identity provider (docs/oidc.md) against a real OpenID
// Connect provider (`oidc-provider`) on 127.0.0.1, over real HTTP redirects: success, a wrong
// audience, a replayed code, a wrong nonce, an expired token, an unknown person and a disabled
// account, all refused with a code and nothing created. The provider and our server run on a
// chosen instant (not today), so the expired token is expired on purpose.
import { randomBytes } from 'node:crypto';
import type { Role } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createMunicipality, createUser, testPassword } from '../platform/testing';
import { startTestWorld, loginEveryRole, type TestWorld } from '../platform/world.testing';
import {
  CookieJar,
  fetchManually,
  signInAtProvider,
  startTestOidcProvider,
  type TestOidcProvider,
} from './oidc-provider.testing';
import { oidcRouteTemplates } from './oidc.routes';

const clockStart = new Date('2031-03-14T08:00:00Z');
const startedAt = Date.now();
/** How far our server's clock runs ahead of the provider's; a test that moves it puts it back. */
let serverAheadMs = 0;

let world: TestWorld;
let provider: TestOidcProvider;
let clients: Record<Role, ApiClient>;
let municipalityCode: string;
const secret = 'a client secret of at least thirty-two characters';
const readdressedSecret = 'another client secret, thirty-two characters';
const accounts = {
  'anna-sub': { email: 'anna.andersson@kommun.se', name: 'Anna Andersson' },
  'bertil-sub': { email: 'bertil@kommun.se' },
  'stranger-sub': { email: 'stranger@example.se' },
  'cecilia-sub': { email: 'cecilia@example.se' },
};
const users: Record<string, string> = {};
const covered = new Set<string>();

const config = (overrides: Record<string, unknown> = {}) => ({
  issuerUrl: provider.issuer,
  clientId: 'portvakt',
  clientSecret: secret,
  matchClaim: 'email',
  isEnabled: true,
  ...overrides,
});
const count = async (table: string) =>
  Number((await world.server.db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
const userIdOf = async (username: string) =>
  (
    await world.server.db.pool.query<{ id: string }>('SELECT id FROM user_account WHERE username = $1', [
      username,
    ])
  ).rows[0]!.id;

/** Starts a sign-in at our server as a browser would; answers the provider URL it redirects to. */
async function startSignIn(jar: CookieJar, municipality = municipalityCode): Promise<string> {
  const started = await fetchManually(
    `${world.server.url}/api/v1/auth/oidc/start?municipality=${municipality}`,
    jar,
  );
  expect(started.status).toBe(302);
  return started.headers.get('location')!;
}

/** The whole round trip: our start, the provider's login and consent as `login`, our callback. */
async function signIn(login: string, edit: (authorizationUrl: URL) => void = () => undefined) {
  const jar = new CookieJar();
  const authorizationUrl = new URL(await startSignIn(jar));
  edit(authorizationUrl);
  const callback = await signInAtProvider(authorizationUrl.href, login);
  expect(callback.origin).toBe(new URL(world.server.url).origin);
  const answer = await fetchManually(callback.href, jar);
  return { jar, callback, answer, body: answer.status === 303 ? undefined : await answer.json() };
}

beforeAll(async () => {
  world = await startTestWorld({
    now: () => new Date(clockStart.getTime() + serverAheadMs + (Date.now() - startedAt)),
  });
  const redirectUri = `${world.server.url}/api/v1/auth/oidc/callback`;
  provider = await startTestOidcProvider({
    clockStart,
    clients: [
      { clientId: 'portvakt', clientSecret: secret, redirectUri },
      { clientId: 'portvakt-readdressed', clientSecret: readdressedSecret, redirectUri },
    ],
    accounts,
    readdressedClientId: 'portvakt-readdressed',
    idTokenTtlSeconds: 600,
  });
  clients = await loginEveryRole(world.server, world.municipalityId, world.world, world.admin);
  municipalityCode = (
    await world.server.db.pool.query<{ code: string }>('SELECT code FROM municipality WHERE id = $1', [
      world.municipalityId,
    ])
  ).rows[0]!.code;
  for (const [name, role] of [
    ['anna', 'work_lead'],
    ['bertil', 'support'],
  ] as const) {
    const links = role === 'work_lead' ? { providerId: world.world.provider.a } : {};
    users[name] = await userIdOf(await createUser(world.server.db.pool, world.municipalityId, role, links));
  }
}, 120_000);

afterAll(async () => {
  await provider?.close();
  await world?.server.close();
});

describe('configuration', () => {
  it('refuses an issuer that is not https, or whose discovery cannot be read, and stores nothing', async () => {
    covered.add('PUT /api/v1/oidc/config').add('GET /api/v1/oidc/config');
    const insecure = await world.admin.put(
      '/api/v1/oidc/config',
      config({ issuerUrl: 'http://idp.example.se' }),
    );
    // Its own code (changed on purpose: was invalid_value, which is otherwise a 400).
    expect(insecure.status).toBe(422);
    expect(insecure.body.code).toBe('oidc_config_invalid');
    expect(insecure.body.details).toEqual({ field: 'issuerUrl' });
    const unreachable = await world.admin.put(
      '/api/v1/oidc/config',
      config({ issuerUrl: 'http://127.0.0.1:9/' }),
    );
    expect(unreachable.status).toBe(422);
    expect(unreachable.body.code).toBe('oidc_discovery_failed');
    const noSecret = await world.admin.put('/api/v1/oidc/config', config({ clientSecret: undefined }));
    expect(noSecret.status).toBe(422);
    expect(noSecret.body.code).toBe('client_secret_required');
    expect((await world.admin.get('/api/v1/oidc/config')).status).toBe(404);
    expect(await count('oidc_config')).toBe(0);
    // Linking an account before any provider is configured conflicts with the municipality's state:
    // 409 with its own code (changed on purpose: was oidc_not_configured, which is sign-in's 404).
    const early = await world.admin.put(`/api/v1/users/${users.anna}/oidc-link`, {
      claimValue: 'a@kommun.se',
    });
    expect([early.status, early.body.code]).toEqual([409, 'oidc_config_required']);
    expect(await count('oidc_link')).toBe(0);
    // Nobody can start a sign-in yet; a browser is sent back to the console with the code.
    const start = await fetch(`${world.server.url}/api/v1/auth/oidc/start?municipality=${municipalityCode}`, {
      redirect: 'manual',
    });
    expect(start.status).toBe(404);
    expect(((await start.json()) as { code: string }).code).toBe('oidc_not_configured');
    const browser = await fetch(
      `${world.server.url}/api/v1/auth/oidc/start?municipality=${municipalityCode}`,
      {
        redirect: 'manual',
        headers: { accept: 'text/html' },
      },
    );
    expect(browser.status).toBe(303);
    expect(browser.headers.get('location')).toBe('/?oidcError=oidc_not_configured');
  });

  it('is set by the municipality admin, read back without the secret, and audited without it', async () => {
    const saved = await world.admin.put('/api/v1/oidc/config', config());
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      issuerUrl: provider.issuer,
      clientId: 'portvakt',
      hasClientSecret: true,
    });
    expect(saved.body.redirectUri).toBe(`${world.server.url}/api/v1/auth/oidc/callback`);
    // Changed again without a secret: the stored one is kept (the sign-ins below use it).
    const kept = await world.admin.put('/api/v1/oidc/config', config({ clientSecret: undefined }));
    expect(kept.status).toBe(200);
    expect(kept.body.hasClientSecret).toBe(true);
    const read = await world.admin.get('/api/v1/oidc/config');
    expect(JSON.stringify(read.body)).not.toContain(secret);
    const { rows } = await world.server.db.pool.query<{ after: unknown }>(
      "SELECT after FROM audit_entry WHERE entity = 'oidc_config' ORDER BY id",
    );
    expect(rows).toHaveLength(2);
    expect(JSON.stringify(rows)).not.toContain(secret);
    const stored = await world.server.db.pool.query<{ sealed: Buffer }>(
      'SELECT client_secret_sealed AS sealed FROM oidc_config',
    );
    expect(stored.rows[0]!.sealed.toString('latin1')).not.toContain(secret);
    covered.add('GET /api/v1/auth/oidc/municipalities');
    const listed = await new ApiClient(world.server.url).get('/api/v1/auth/oidc/municipalities');
    expect(listed.body.items).toContainEqual(expect.objectContaining({ code: municipalityCode }));
  });

  it.each([
    'lock_manager',
    'installer',
    'work_lead',
    'staff',
    'support',
    'auditor',
    'property_owner',
  ] as Role[])('is out of reach of every other role, as are account links (%s)', async (role) => {
    covered
      .add('GET /api/v1/oidc/links')
      .add('PUT /api/v1/users/{id}/oidc-link')
      .add('DELETE /api/v1/users/{id}/oidc-link');
    const client = clients[role];
    expect((await client.get('/api/v1/oidc/config')).status).toBe(403);
    expect((await client.put('/api/v1/oidc/config', config({ clientId: 'hijacked' }))).status).toBe(403);
    expect((await client.get('/api/v1/oidc/links')).status).toBe(403);
    expect((await client.put(`/api/v1/users/${users.anna}/oidc-link`, { claimValue: 'x@y.se' })).status).toBe(
      403,
    );
    expect((await client.delete(`/api/v1/users/${users.anna}/oidc-link`)).status).toBe(403);
    expect((await world.admin.get('/api/v1/oidc/config')).body.clientId).toBe('portvakt');
  });

  it("does not reach another municipality's accounts, and refuses a blank value", async () => {
    const otherMunicipality = await createMunicipality(world.server.db.pool);
    const foreign = await userIdOf(await createUser(world.server.db.pool, otherMunicipality, 'support'));
    const linked = await world.admin.put(`/api/v1/users/${foreign}/oidc-link`, { claimValue: 'x@y.se' });
    expect(linked.status).toBe(404);
    expect((await world.admin.delete(`/api/v1/users/${foreign}/oidc-link`)).status).toBe(404);
    const blank = await world.admin.put(`/api/v1/users/${users.anna}/oidc-link`, { claimValue: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.code).toBe('blank_text');
    expect(blank.body.details).toEqual([
      { field: 'body.claimValue', problem: 'blank', message: 'is only spaces' },
    ]);
    expect(await count('oidc_link')).toBe(0);
  });
});

describe('sign-in', () => {
  it('signs a pre-linked account in with the same session a password login gives', async () => {
    covered.add('GET /api/v1/auth/oidc/start').add('GET /api/v1/auth/oidc/callback');
    // The admin knows Anna by her e-mail address (any case); the subject is bound at first sign-in.
    const link = await world.admin.put(`/api/v1/users/${users.anna}/oidc-link`, {
      claimValue: 'Anna.Andersson@Kommun.se',
    });
    expect(link.status).toBe(200);
    expect(link.body).toMatchObject({ userId: users.anna, isLinked: false });
    const { jar, answer } = await signIn('anna-sub');
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('/');
    const me = await fetchManually(`${world.server.url}/api/v1/auth/me`, jar);
    expect(me.status).toBe(200);
    expect(((await me.json()) as { id: string }).id).toBe(users.anna);
    // A change needs the CSRF token the callback set beside the session, as after a password login.
    const logout = await fetchManually(`${world.server.url}/api/v1/auth/logout`, jar, {
      method: 'POST',
      headers: { 'x-csrf-token': jar.get('portvakt_csrf')! },
    });
    expect(logout.status).toBe(204);
    expect((await fetchManually(`${world.server.url}/api/v1/auth/me`, jar)).status).toBe(401);
    const links = await world.admin.get('/api/v1/oidc/links');
    expect(links.body.items).toContainEqual(expect.objectContaining({ userId: users.anna, isLinked: true }));
    const { rows } = await world.server.db.pool.query<{ after: { method: string } }>(
      "SELECT after FROM audit_entry WHERE action = 'login' AND actor_user_id = $1",
      [users.anna],
    );
    expect(rows.map((row) => row.after?.method)).toContain('oidc');
    // Signed in again, she is found by her subject.
    expect((await signIn('anna-sub')).answer.status).toBe(303);
  });

  it('signs a relative in, who then reaches only its own customer’s visit list (docs/relatives.md)', async () => {
    const pool = world.server.db.pool;
    const relative = await userIdOf(await createUser(pool, world.municipalityId, 'relative'));
    // Bound to customer A as a used invitation binds it (the invitation flow is relatives.test.ts's).
    await pool.query(
      `INSERT INTO relative_invitation (municipality_id, customer_id, relative_name, email, token_hash,
         invited_by, created_at, expires_at, used_at, user_id)
       VALUES ($1, $2, 'Cecilia', 'cecilia@example.se', $3, 'test', $4, $5, $4, $6)`,
      [
        world.municipalityId,
        world.world.customer.a,
        randomBytes(32),
        clockStart,
        new Date(clockStart.getTime() + 86_400_000),
        relative,
      ],
    );
    const link = await world.admin.put(`/api/v1/users/${relative}/oidc-link`, {
      claimValue: 'cecilia@example.se',
    });
    expect(link.status).toBe(200);
    const { jar, answer } = await signIn('cecilia-sub');
    expect(answer.status).toBe(303);
    const own = await fetchManually(`${world.server.url}/api/v1/relative/customer`, jar);
    expect(own.status).toBe(200);
    expect(((await own.json()) as { id: string }).id).toBe(world.world.customer.a);
    expect((await fetchManually(`${world.server.url}/api/v1/customers`, jar)).status).toBe(403);
  });

  it('refuses a replayed code: the same callback twice, and the code slipped into another sign-in', async () => {
    const first = await signIn('anna-sub');
    expect(first.answer.status).toBe(303);
    const sessions = await count('user_session');
    const again = await fetchManually(first.callback.href, new CookieJar());
    expect(again.status).toBe(400);
    expect(((await again.json()) as { code: string }).code).toBe('oidc_state_mismatch');
    // An attacker's own sign-in, finished with the victim's code: the provider will not exchange it.
    const attacker = new CookieJar();
    const attackerState = new URL(await startSignIn(attacker)).searchParams.get('state')!;
    const injected = new URL(first.callback);
    injected.searchParams.set('state', attackerState);
    const replayed = await fetchManually(injected.href, attacker);
    expect(replayed.status).toBe(400);
    expect(((await replayed.json()) as { code: string }).code).toBe('oidc_code_rejected');
    expect(await count('user_session')).toBe(sessions);
  });

  it('refuses an ID token whose nonce is not the one this sign-in sent', async () => {
    const sessions = await count('user_session');
    const { answer, body } = await signIn('anna-sub', (url) =>
      url.searchParams.set('nonce', 'a-nonce-of-another-sign-in'),
    );
    expect(answer.status).toBe(401);
    expect(body.code).toBe('oidc_token_invalid');
    expect(body.message).toMatch(/nonce/);
    expect(await count('user_session')).toBe(sessions);
  });

  it('refuses an expired ID token (our clock 20 minutes past a 10-minute token)', async () => {
    const sessions = await count('user_session');
    serverAheadMs = 20 * 60 * 1000;
    try {
      const { answer, body } = await signIn('anna-sub');
      expect(answer.status).toBe(401);
      expect(body.code).toBe('oidc_token_invalid');
      expect(body.message).toMatch(/"exp"/);
    } finally {
      serverAheadMs = 0;
    }
    expect(await count('user_session')).toBe(sessions);
  });

  it('refuses an ID token addressed to another application (wrong audience)', async () => {
    const sessions = await count('user_session');
    const switched = await world.admin.put(
      '/api/v1/oidc/config',
      config({ clientId: 'portvakt-readdressed', clientSecret: readdressedSecret }),
    );
    expect(switched.status).toBe(200);
    try {
      const { answer, body } = await signIn('anna-sub');
      expect(answer.status).toBe(401);
      expect(body.code).toBe('oidc_token_invalid');
      expect(body.message).toMatch(/"aud"/);
    } finally {
      expect((await world.admin.put('/api/v1/oidc/config', config())).status).toBe(200);
    }
    expect(await count('user_session')).toBe(sessions);
  });

  it('refuses a person no account is linked to, and creates nothing', async () => {
    const before = {
      users: await count('user_account'),
      links: await count('oidc_link'),
      sessions: await count('user_session'),
    };
    const { answer, body } = await signIn('stranger-sub');
    expect(answer.status).toBe(403);
    expect(body.code).toBe('oidc_account_unknown');
    expect({
      users: await count('user_account'),
      links: await count('oidc_link'),
      sessions: await count('user_session'),
    }).toEqual(before);
    const { rows } = await world.server.db.pool.query<{ after: { reason: string } }>(
      "SELECT after FROM audit_entry WHERE action = 'login_failed' AND after->>'channel' = 'oidc'",
    );
    expect(rows.map((row) => row.after.reason)).toContain('oidc_account_unknown');
  });

  it('refuses a person linked to a disabled account, and leaves the link unbound', async () => {
    expect(
      (await world.admin.put(`/api/v1/users/${users.bertil}/oidc-link`, { claimValue: 'bertil@kommun.se' }))
        .status,
    ).toBe(200);
    expect((await world.admin.patch(`/api/v1/users/${users.bertil}`, { isDisabled: true })).status).toBe(200);
    const sessions = await count('user_session');
    const { answer, body } = await signIn('bertil-sub');
    expect(answer.status).toBe(403);
    expect(body.code).toBe('oidc_account_disabled');
    expect(await count('user_session')).toBe(sessions);
    const links = await world.admin.get('/api/v1/oidc/links');
    expect(links.body.items).toContainEqual(
      expect.objectContaining({ userId: users.bertil, isLinked: false }),
    );
  });

  it('refuses a callback the server never started', async () => {
    const forged = await fetch(`${world.server.url}/api/v1/auth/oidc/callback?code=abc&state=forged`);
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as { code: string }).code).toBe('oidc_state_mismatch');
    const bare = await fetch(`${world.server.url}/api/v1/auth/oidc/callback`);
    expect(bare.status).toBe(400);
  });

  it('removes a link on request, after which the person is unknown', async () => {
    const removed = await world.admin.delete(`/api/v1/users/${users.anna}/oidc-link`);
    expect(removed.status).toBe(204);
    const { rows } = await world.server.db.pool.query(
      "SELECT 1 FROM audit_entry WHERE action = 'unlink' AND entity_id = $1",
      [users.anna],
    );
    expect(rows).toHaveLength(1);
    expect((await signIn('anna-sub')).body.code).toBe('oidc_account_unknown');
  });
});

describe('coverage', () => {
  it('covers every route of the identity provider sign-in in the role × scope tests above', () => {
    expect([...covered].sort()).toEqual([...oidcRouteTemplates].sort());
  });
});

// The password login still works beside it.
it('leaves the password login as it was', async () => {
  const name = await createUser(world.server.db.pool, world.municipalityId, 'auditor');
  await new ApiClient(world.server.url).login(name, testPassword);
});
