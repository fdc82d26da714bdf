import { Writable } from 'node:stream';
import { failAuditEntries } from '@portvakt/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiClient,
  createMunicipality,
  createUser,
  startTestServer,
  testPassword,
  type TestServer,
} from '../platform/testing';

let server: TestServer;
let municipalityId: string;
let logs = '';

beforeAll(async () => {
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs += chunk.toString();
      done();
    },
  });
  server = await startTestServer({ logStream, logLevel: 'trace' });
  municipalityId = await createMunicipality(server.db.pool);
});
afterAll(async () => server?.close());

const fresh = () => new ApiClient(server.url);

const base64urlAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/**
 * A secret (or a token ending in one) with its last character changed. The last of 43 base64url
 * characters carries 4 bits and 2 padding bits, which are zero when we issue it: flipping a
 * padding bit spells the same bytes a second way; flipping a data bit spells other bytes
 * canonically. Either way the text always differs from the original.
 */
function respell(secret: string, change: 'same bytes' | 'other bytes'): string {
  const index = base64urlAlphabet.indexOf(secret.at(-1)!);
  return secret.slice(0, -1) + base64urlAlphabet[index ^ (change === 'same bytes' ? 1 : 4)];
}
const sessionOf = (response: { headers: Headers }) =>
  /portvakt_session=([^;]+)/.exec(
    response.headers.getSetCookie().find((cookie) => cookie.startsWith('portvakt_session='))!,
  )![1]!;

describe('health', () => {
  it('answers without login with the database engine and version', async () => {
    const response = await fresh().get('/api/v1/health');
    expect(response.status).toBe(200);
    expect(response.body.database.engine).toBe('PostgreSQL');
    expect(response.body.database.version).toMatch(/^\d+/);
  });

  it('serves the OpenAPI document and the browsable docs', async () => {
    const spec = await fresh().get('/api/v1/openapi.json');
    expect(spec.status).toBe(200);
    expect(spec.body.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.body.paths)).toContain('/api/v1/customers/{id}');
    const docs = await fresh().get('/api/docs/');
    expect(docs.status).toBe(200);
    expect(String(docs.body)).toContain('<html');
  });
});

describe('response headers', () => {
  it('forbid sniffing and framing, and keep API answers out of caches', async () => {
    const response = await fresh().get('/api/v1/health');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

describe('login and sessions', () => {
  it('sets an HTTP-only, same-site session cookie and stores only its hash', async () => {
    const username = await createUser(server.db.pool, municipalityId, 'support');
    const response = await fresh().request('POST', '/api/v1/auth/login', {
      username,
      password: testPassword,
    });
    expect(response.status).toBe(200);
    const cookies = response.headers.getSetCookie();
    const session = cookies.find((cookie) => cookie.startsWith('portvakt_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    const sessionId = /portvakt_session=([^;]+)/.exec(session)![1]!;
    const { rows } = await server.db.pool.query<{ id_hash: Buffer }>('SELECT id_hash FROM user_session');
    expect(rows.some((row) => row.id_hash.toString('base64url') === sessionId)).toBe(false);
    expect(
      rows.some((row) => row.id_hash.toString('hex').includes(Buffer.from(sessionId).toString('hex'))),
    ).toBe(false);
  });

  it('stores passwords only as scrypt hashes and never logs them', async () => {
    const username = await createUser(server.db.pool, municipalityId, 'auditor');
    await fresh().login(username, testPassword);
    const { rows } = await server.db.pool.query<{ password_hash: string }>(
      'SELECT password_hash FROM user_account WHERE username = $1',
      [username],
    );
    expect(rows[0]!.password_hash).toMatch(/^scrypt\$/);
    expect(rows[0]!.password_hash).not.toContain(testPassword);
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(testPassword);
    expect(logs).not.toContain('portvakt_session=');
  });

  it('never logs identity numbers or name searches from query strings', async () => {
    const client = await fresh().login(
      await createUser(server.db.pool, municipalityId, 'support'),
      testPassword,
    );
    expect((await client.get('/api/v1/customers?identityNumber=19121212-1212')).status).toBe(200);
    expect((await client.get('/api/v1/staff?q=Hemligsson')).status).toBe(200);
    expect(logs).toContain('identityNumber=REDACTED');
    expect(logs).not.toContain('19121212');
    expect(logs).not.toContain('Hemligsson');
  });

  it('refuses a wrong password and an unknown user with the same answer', async () => {
    const username = await createUser(server.db.pool, municipalityId, 'support');
    const wrong = await fresh().request('POST', '/api/v1/auth/login', {
      username,
      password: 'not the password',
    });
    const unknown = await fresh().request('POST', '/api/v1/auth/login', {
      username: 'nobody-here',
      password: 'x',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.code).toBe('invalid_credentials');
  });

  it('locks an account name after five wrong passwords, even against the right one', async () => {
    const username = await createUser(server.db.pool, municipalityId, 'support');
    for (let i = 0; i < 5; i += 1) {
      expect(
        (await fresh().request('POST', '/api/v1/auth/login', { username, password: `guess-${i}` })).status,
      ).toBe(401);
    }
    const locked = await fresh().request('POST', '/api/v1/auth/login', { username, password: testPassword });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('too_many_attempts');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Unlocking by time: move the lock into the past as the clock would.
    await server.db.pool.query(
      "UPDATE login_throttle SET locked_until = now() - interval '1 second', window_started_at = now() - interval '16 minutes'",
    );
    expect(
      (await fresh().request('POST', '/api/v1/auth/login', { username, password: testPassword })).status,
    ).toBe(200);
  });

  it('counts parallel guesses before checking them, so at most five passwords are tried', async () => {
    const username = await createUser(server.db.pool, municipalityId, 'support');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fresh().request('POST', '/api/v1/auth/login', { username, password: `guess-${i}` }),
      ),
    );
    const statuses = results.map((result) => result.status);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(15);
  });

  it('throttles guessing the current password through a session', async () => {
    const username = await createUser(server.db.pool, municipalityId, 'support');
    const client = await fresh().login(username, testPassword);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      statuses.push(
        (
          await client.post('/api/v1/auth/password', {
            currentPassword: `nope-${i}`,
            newPassword: 'a new long password',
          })
        ).status,
      );
    }
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it('records failed logins in the audit trail', async () => {
    const username = await createUser(server.db.pool, municipalityId, 'support');
    await fresh().request('POST', '/api/v1/auth/login', { username, password: 'wrong wrong' });
    const { rowCount } = await server.db.pool.query(
      "SELECT 1 FROM audit_entry WHERE action = 'login_failed' AND actor_label = $1",
      [username],
    );
    expect(rowCount).toBe(1);
  });

  it('refuses changes without the CSRF token and changes nothing', async () => {
    const client = await fresh().login(
      await createUser(server.db.pool, municipalityId, 'municipality_admin'),
      testPassword,
    );
    const before = await server.db.pool.query('SELECT count(*)::int AS n FROM district');
    const response = await client.request(
      'POST',
      '/api/v1/districts',
      { code: 'X1', name: 'Utan token' },
      { withoutCsrf: true },
    );
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('csrf_failed');
    const forged = await client.request(
      'POST',
      '/api/v1/districts',
      { code: 'X1', name: 'Fel token' },
      {
        withoutCsrf: true,
        headers: { 'x-csrf-token': 'forged' },
      },
    );
    expect(forged.status).toBe(403);
    expect((await server.db.pool.query('SELECT count(*)::int AS n FROM district')).rows).toEqual(before.rows);
    expect((await client.post('/api/v1/districts', { code: 'X1', name: 'Med token' })).status).toBe(201);
  });

  it("tells who is logged in by username and by the person's name", async () => {
    const username = await createUser(server.db.pool, municipalityId, 'support');
    const me = await (await fresh().login(username, testPassword)).get('/api/v1/auth/me');
    expect(me.body).toMatchObject({ kind: 'user', label: username, displayName: 'Test support' });
  });

  it('ends the session on logout', async () => {
    const client = await fresh().login(
      await createUser(server.db.pool, municipalityId, 'support'),
      testPassword,
    );
    expect((await client.get('/api/v1/auth/me')).status).toBe(200);
    expect((await client.post('/api/v1/auth/logout')).status).toBe(204);
    const after = await client.get('/api/v1/auth/me');
    expect(after.status).toBe(401);
  });

  it('ends a session that has been idle too long', async () => {
    const client = await fresh().login(
      await createUser(server.db.pool, municipalityId, 'support'),
      testPassword,
    );
    await server.db.pool.query("UPDATE user_session SET last_seen_at = now() - interval '3 hours'");
    const response = await client.get('/api/v1/auth/me');
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('session_expired');
  });

  it('refuses a second spelling of a valid session id like any unknown session', async () => {
    const login = await fresh().request('POST', '/api/v1/auth/login', {
      username: await createUser(server.db.pool, municipalityId, 'support'),
      password: testPassword,
    });
    const sessionId = sessionOf(login);
    const twin = respell(sessionId, 'same bytes');
    expect(twin).not.toBe(sessionId);
    expect(Buffer.from(twin, 'base64url').equals(Buffer.from(sessionId, 'base64url'))).toBe(true);
    const me = (id: string) =>
      fresh().request('GET', '/api/v1/auth/me', undefined, { headers: { cookie: `portvakt_session=${id}` } });
    const unknown = await me(respell(sessionId, 'other bytes'));
    expect(unknown.status).toBe(401);
    const refused = await me(twin);
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual(unknown.body);
    expect((await me(sessionId)).status).toBe(200);
  });

  it('rejects requests without a session or token', async () => {
    const response = await fresh().get('/api/v1/customers');
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('unauthenticated');
  });

  it('lets a user change their own password and ends their sessions', async () => {
    const username = await createUser(server.db.pool, municipalityId, 'support');
    const client = await fresh().login(username, testPassword);
    const other = await fresh().login(username, testPassword);
    expect(
      (
        await client.post('/api/v1/auth/password', {
          currentPassword: 'wrong',
          newPassword: 'a new long password',
        })
      ).body.code,
    ).toBe('wrong_password');
    expect(
      (await client.post('/api/v1/auth/password', { currentPassword: testPassword, newPassword: 'short' }))
        .body.code,
    ).toBe('weak_password');
    expect(
      (
        await client.post('/api/v1/auth/password', {
          currentPassword: testPassword,
          newPassword: 'a new long password',
        })
      ).status,
    ).toBe(204);
    expect((await other.get('/api/v1/auth/me')).status).toBe(401);
    expect(
      (await fresh().request('POST', '/api/v1/auth/login', { username, password: testPassword })).status,
    ).toBe(401);
    await fresh().login(username, 'a new long password');
  });

  it('keeps the password and every session when the change cannot be audited', async () => {
    const username = await createUser(server.db.pool, municipalityId, 'support');
    const client = await fresh().login(username, testPassword);
    const other = await fresh().login(username, testPassword);
    const readAccount = async () =>
      (
        await server.db.pool.query<{ id: string; password_hash: string }>(
          'SELECT id, password_hash FROM user_account WHERE username = $1',
          [username],
        )
      ).rows[0]!;
    const before = await readAccount();
    const restore = await failAuditEntries(server.db.superuser, 'change_password');
    let response: Awaited<ReturnType<ApiClient['post']>>;
    try {
      response = await client.post('/api/v1/auth/password', {
        currentPassword: testPassword,
        newPassword: 'a new long password',
      });
    } finally {
      await restore();
    }
    expect(response.status).toBe(500);
    expect((await readAccount()).password_hash).toBe(before.password_hash);
    expect((await other.get('/api/v1/auth/me')).status).toBe(200);
    expect((await client.get('/api/v1/auth/me')).status).toBe(200);
    await fresh().login(username, testPassword);
    const { rows } = await server.db.pool.query(
      "SELECT 1 FROM audit_entry WHERE action = 'change_password' AND entity_id = $1",
      [before.id],
    );
    expect(rows).toEqual([]);
  });

  it('a disabled account cannot log in and loses its sessions', async () => {
    const admin = await fresh().login(
      await createUser(server.db.pool, municipalityId, 'municipality_admin'),
      testPassword,
    );
    const username = await createUser(server.db.pool, municipalityId, 'support');
    const victim = await fresh().login(username, testPassword);
    const { rows } = await server.db.pool.query<{ id: string }>(
      'SELECT id FROM user_account WHERE username = $1',
      [username],
    );
    expect((await admin.patch(`/api/v1/users/${rows[0]!.id}`, { isDisabled: true })).status).toBe(200);
    expect((await victim.get('/api/v1/auth/me')).status).toBe(401);
    expect(
      (await fresh().request('POST', '/api/v1/auth/login', { username, password: testPassword })).status,
    ).toBe(401);
  });
});

describe('API tokens', () => {
  async function issueToken(body: Record<string, unknown>) {
    const admin = await fresh().login(
      await createUser(server.db.pool, municipalityId, 'municipality_admin'),
      testPassword,
    );
    const response = await admin.post('/api/v1/api-tokens', body);
    expect(response.status).toBe(201);
    return { admin, token: response.body.token as string, id: response.body.apiToken.id as string };
  }

  it('authenticate integrations and are stored only as hashes', async () => {
    const { token } = await issueToken({ name: 'Lifecare', role: 'support' });
    expect(token).toMatch(/^pvt_[0-9a-f]{8}_/);
    const client = ApiClient.withToken(server.url, token);
    expect((await client.get('/api/v1/districts')).status).toBe(200);
    const { rows } = await server.db.pool.query<{ token_hash: Buffer }>('SELECT token_hash FROM api_token');
    expect(rows.every((row) => !row.token_hash.toString('utf8').includes(token))).toBe(true);
    const me = await client.get('/api/v1/auth/me');
    expect(JSON.stringify(me.body)).not.toContain(token);
    expect(me.body).toMatchObject({ kind: 'token', label: 'token:Lifecare', displayName: null });
  });

  it('stop working when revoked', async () => {
    const { admin, token, id } = await issueToken({ name: 'Gammal', role: 'auditor' });
    const client = ApiClient.withToken(server.url, token);
    expect((await client.get('/api/v1/audit')).status).toBe(200);
    expect((await admin.delete(`/api/v1/api-tokens/${id}`)).status).toBe(204);
    const response = await client.get('/api/v1/audit');
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('invalid_token');
  });

  it('stop working when expired', async () => {
    const { token, id } = await issueToken({
      name: 'Kort',
      role: 'support',
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    });
    await server.db.pool.query(
      "UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = $1",
      [id],
    );
    expect((await ApiClient.withToken(server.url, token).get('/api/v1/districts')).status).toBe(401);
  });

  it('read-only tokens cannot change anything', async () => {
    const { token } = await issueToken({ name: 'Läsare', role: 'municipality_admin', isReadOnly: true });
    const client = ApiClient.withToken(server.url, token);
    expect((await client.get('/api/v1/districts')).status).toBe(200);
    expect((await client.post('/api/v1/districts', { code: 'RO', name: 'Nej' })).status).toBe(403);
  });

  it('tokens are not subject to CSRF but malformed ones are refused', async () => {
    const { token } = await issueToken({ name: 'Skrivare', role: 'municipality_admin' });
    expect(
      (await ApiClient.withToken(server.url, token).post('/api/v1/districts', { code: 'TK', name: 'Token' }))
        .status,
    ).toBe(201);
    expect(
      (await ApiClient.withToken(server.url, 'pvt_deadbeef_notreal').get('/api/v1/districts')).status,
    ).toBe(401);
    expect(
      (await ApiClient.withToken(server.url, respell(token, 'other bytes')).get('/api/v1/districts')).status,
    ).toBe(401);
  });

  it('refuses a second spelling of a valid token like any unknown token', async () => {
    const { token } = await issueToken({ name: 'Tvilling', role: 'support' });
    const twin = respell(token, 'same bytes');
    const secretOf = (text: string) => Buffer.from(text.slice('pvt_12345678_'.length), 'base64url');
    expect(twin).not.toBe(token);
    expect(secretOf(twin).equals(secretOf(token))).toBe(true);
    const unknown = await ApiClient.withToken(server.url, respell(token, 'other bytes')).get(
      '/api/v1/districts',
    );
    const refused = await ApiClient.withToken(server.url, twin).get('/api/v1/districts');
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('invalid_token');
    expect(refused.body).toEqual(unknown.body);
    expect((await ApiClient.withToken(server.url, token).get('/api/v1/districts')).status).toBe(200);
  });

  it('cannot log out (no session) and revoking twice records one revocation', async () => {
    const { admin, token, id } = await issueToken({ name: 'Engångs', role: 'support' });
    const response = await ApiClient.withToken(server.url, token).post('/api/v1/auth/logout');
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('no_session');
    expect((await admin.delete(`/api/v1/api-tokens/${id}`)).status).toBe(204);
    expect((await admin.delete(`/api/v1/api-tokens/${id}`)).status).toBe(204);
    const { rowCount } = await server.db.pool.query(
      "SELECT 1 FROM audit_entry WHERE action = 'revoke' AND entity_id = $1",
      [id],
    );
    expect(rowCount).toBe(1);
  });

  it('only a work-lead token names a provider', async () => {
    const admin = await fresh().login(
      await createUser(server.db.pool, municipalityId, 'municipality_admin'),
      testPassword,
    );
    const provider = await admin.post('/api/v1/providers', {
      name: 'Tokenomsorg',
      ownership: 'private',
      kinds: ['day_home_care'],
    });
    const response = await admin.post('/api/v1/api-tokens', {
      name: 'Fel',
      role: 'auditor',
      providerId: provider.body.id,
    });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('provider_not_applicable');
  });

  it('a work-lead token needs a provider', async () => {
    const admin = await fresh().login(
      await createUser(server.db.pool, municipalityId, 'municipality_admin'),
      testPassword,
    );
    const response = await admin.post('/api/v1/api-tokens', { name: 'Utan', role: 'work_lead' });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('provider_required');
  });
});

// Last in this file: it locks out the test client's address.
describe('address throttling', () => {
  it('stops one address spraying guesses across many account names', async () => {
    let status = 0;
    for (let i = 0; i < 60 && status !== 429; i += 1) {
      status = (
        await fresh().request('POST', '/api/v1/auth/login', { username: `spray-${i}`, password: 'guess' })
      ).status;
    }
    expect(status).toBe(429);
    const username = await createUser(server.db.pool, municipalityId, 'support');
    expect(
      (await fresh().request('POST', '/api/v1/auth/login', { username, password: testPassword })).status,
    ).toBe(429);
  });
});
