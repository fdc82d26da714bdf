// Passkeys over real HTTP with real WebAuthn bytes (a software authenticator with a P-256 key):
// registering several, listing and removing your own, signing in username-less and after the
// username, and every refused answer (replay, wrong challenge, wrong origin, wrong RP id, another
// account's credential, a counter that did not grow, no user verification) changing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createUser, testPassword, type TestServer } from '../platform/testing';
import { startTestMunicipality } from '../platform/world.testing';
import { SoftPasskey, type RequestOptions } from './passkey-authenticator.testing';

let server: TestServer;
let municipalityId: string;
let adminName: string;
let admin: ApiClient;
let managerName: string;
let manager: ApiClient;
const phone = new SoftPasskey();
const securityKey = new SoftPasskey();
const managerKey = new SoftPasskey();

/** Registers `passkey` for the client's account under `name`; the answer of POST /passkeys. */
async function register(client: ApiClient, passkey: SoftPasskey, name: string) {
  const start = await client.post('/api/v1/passkeys/registration-options');
  expect(start.status).toBe(200);
  return client.post('/api/v1/passkeys', {
    challengeId: start.body.challengeId,
    name,
    response: passkey.register(start.body.options, server.url),
  });
}

/** Starts a sign-in (after `username` when given). */
async function startSignIn(username?: string) {
  const start = await new ApiClient(server.url).post(
    '/api/v1/auth/passkey/options',
    username ? { username } : {},
  );
  expect(start.status).toBe(200);
  return start.body as {
    challengeId: string;
    options: RequestOptions & { allowCredentials?: Array<{ id: string }>; userVerification?: string };
  };
}

const signIn = (client: ApiClient, challengeId: string, response: unknown) =>
  client.post('/api/v1/auth/passkey', { challengeId, response });

const countRows = async (sql: string, values: unknown[]) =>
  Number(
    (await server.db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM (${sql}) x`, values)).rows[0]!.n,
  );

const failedPasskeyLogins = () =>
  countRows(`SELECT 1 FROM audit_entry WHERE action = 'login_failed' AND after->>'channel' = 'passkey'`, []);

beforeAll(async () => {
  const started = await startTestMunicipality();
  ({ server, municipalityId, adminName, admin } = started);
  managerName = await started.createUser('lock_manager');
  manager = await new ApiClient(server.url).login(managerName, testPassword);
});
afterAll(async () => server?.close());

describe('registering passkeys', () => {
  it('registers several named passkeys of one account and lists them, audited', async () => {
    const first = await register(admin, phone, 'Jobbtelefon');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ name: 'Jobbtelefon', deviceType: 'singleDevice', lastUsedAt: null });
    // The second ceremony excludes what the account already has, so one authenticator cannot register twice.
    const start = await admin.post('/api/v1/passkeys/registration-options');
    expect(start.body.options.excludeCredentials.map((c: { id: string }) => c.id)).toEqual([phone.id]);
    expect(start.body.options.authenticatorSelection).toMatchObject({
      residentKey: 'required',
      userVerification: 'required',
    });
    expect(start.body.options.rp.id).toBe('127.0.0.1');
    const second = await admin.post('/api/v1/passkeys', {
      challengeId: start.body.challengeId,
      name: 'Säkerhetsnyckel',
      response: securityKey.register(start.body.options, server.url),
    });
    expect(second.status).toBe(201);
    const list = await admin.get('/api/v1/passkeys');
    expect(list.body).toMatchObject({ isRequired: false });
    expect(list.body.items.map((p: { name: string }) => p.name)).toEqual(['Jobbtelefon', 'Säkerhetsnyckel']);
    expect(JSON.stringify(list.body)).not.toContain(phone.id);
    expect(
      await countRows(`SELECT 1 FROM audit_entry WHERE action = 'register_passkey' AND actor_label = $1`, [
        adminName,
      ]),
    ).toBe(2);
    expect((await register(manager, managerKey, 'Telefon')).status).toBe(201);
  });

  it('refuses a wrong origin, a wrong RP id, a foreign challenge, a replay, a duplicate and a blank name; nothing is stored', async () => {
    const before = await countRows('SELECT 1 FROM passkey_credential', []);
    const other = new SoftPasskey();
    const start = await admin.post('/api/v1/passkeys/registration-options');
    const wrongOrigin = await admin.post('/api/v1/passkeys', {
      challengeId: start.body.challengeId,
      name: 'Nätfiske',
      response: other.register(start.body.options, 'https://portvakt.example.net'),
    });
    expect(wrongOrigin.status).toBe(400);
    expect(wrongOrigin.body.code).toBe('passkey_refused');
    // The challenge went with the refused answer: the right answer to it comes too late.
    const replay = await admin.post('/api/v1/passkeys', {
      challengeId: start.body.challengeId,
      name: 'Andra försöket',
      response: other.register(start.body.options, server.url),
    });
    expect(replay.status).toBe(400);
    expect(replay.body.code).toBe('passkey_challenge_invalid');

    const again = await admin.post('/api/v1/passkeys/registration-options');
    const wrongRp = await admin.post('/api/v1/passkeys', {
      challengeId: again.body.challengeId,
      name: 'Fel RP',
      response: other.register(again.body.options, server.url, { rpId: 'portvakt.example.net' }),
    });
    expect(wrongRp.body.code).toBe('passkey_refused');

    // The lock manager's challenge does not register a passkey for the administrator.
    const foreign = await manager.post('/api/v1/passkeys/registration-options');
    const stolen = await admin.post('/api/v1/passkeys', {
      challengeId: foreign.body.challengeId,
      name: 'Lånad',
      response: other.register(foreign.body.options, server.url),
    });
    expect(stolen.status).toBe(400);
    expect(stolen.body.code).toBe('passkey_challenge_invalid');

    const unverified = await admin.post('/api/v1/passkeys/registration-options');
    expect(
      (
        await admin.post('/api/v1/passkeys', {
          challengeId: unverified.body.challengeId,
          name: 'Utan PIN',
          response: other.register(unverified.body.options, server.url, { isUnverified: true }),
        })
      ).body.code,
    ).toBe('passkey_refused');

    // The manager's credential once more, for the administrator: already registered.
    const duplicate = await register(admin, managerKey, 'Dubblett');
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('passkey_already_registered');

    // Blank text is refused at the edge, before the challenge is taken.
    const blank = await register(admin, other, '   ');
    expect(blank.status).toBe(400);
    expect(blank.body.code).toBe('blank_text');
    expect(await countRows('SELECT 1 FROM passkey_credential', [])).toBe(before);
  });

  it('keeps an API token away from passkeys', async () => {
    const created = await admin.post('/api/v1/api-tokens', { name: 'Integration', role: 'auditor' });
    expect(created.status).toBe(201);
    const token = ApiClient.withToken(server.url, created.body.token);
    const list = await token.get('/api/v1/passkeys');
    expect(list.status).toBe(403);
    expect(list.body.code).toBe('forbidden');
  });
});

describe('signing in with a passkey', () => {
  it('signs in username-less with a discoverable passkey and opens a session, audited', async () => {
    const { challengeId, options } = await startSignIn();
    expect(options.allowCredentials ?? []).toEqual([]);
    expect(options.userVerification).toBe('required');
    const client = new ApiClient(server.url);
    const answer = await signIn(client, challengeId, phone.assert(options, server.url));
    expect(answer.status).toBe(200);
    expect(answer.body.user.username).toBe(adminName);
    const me = await client.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.role).toBe('municipality_admin');
    const used = await admin.get('/api/v1/passkeys');
    expect(used.body.items[0].lastUsedAt).not.toBeNull();
    expect(
      await countRows(
        `SELECT 1 FROM audit_entry WHERE action = 'login' AND actor_label = $1 AND after->>'method' = 'passkey'`,
        [adminName],
      ),
    ).toBe(1);
  });

  it('after the username, offers that account’s passkeys and takes only theirs', async () => {
    const { challengeId, options } = await startSignIn(adminName);
    expect(options.allowCredentials!.map((c: { id: string }) => c.id).sort()).toEqual(
      [phone.id, securityKey.id].sort(),
    );
    const before = await failedPasskeyLogins();
    // The lock manager's passkey answers the administrator's sign-in: refused.
    const crossed = await signIn(
      new ApiClient(server.url),
      challengeId,
      managerKey.assert(options, server.url),
    );
    expect(crossed.status).toBe(401);
    expect(crossed.body.code).toBe('passkey_refused');
    expect(await failedPasskeyLogins()).toBe(before + 1);
    // An unknown name gets options of the same shape (no list of credentials), revealing nothing.
    const unknown = await startSignIn('ingen-sadan-anvandare');
    expect(unknown.options.allowCredentials ?? []).toEqual([]);
    const ok = await startSignIn(adminName);
    const answer = await signIn(
      new ApiClient(server.url),
      ok.challengeId,
      securityKey.assert(ok.options, server.url),
    );
    expect(answer.status).toBe(200);
  });

  it('refuses a replay, a wrong challenge, a wrong origin, a wrong RP id, no verification and an old counter', async () => {
    const countOf = async () =>
      Number(
        (
          await server.db.pool.query<{ n: string }>(
            'SELECT sign_count AS n FROM passkey_credential WHERE credential_id = $1',
            [phone.id],
          )
        ).rows[0]!.n,
      );
    const sessions = async () => countRows('SELECT 1 FROM user_session', []);
    const client = new ApiClient(server.url);

    const first = await startSignIn();
    const answer = phone.assert(first.options, server.url);
    expect((await signIn(client, first.challengeId, answer)).status).toBe(200);
    const counter = await countOf();
    const sessionCount = await sessions();

    const replay = await signIn(new ApiClient(server.url), first.challengeId, answer);
    expect(replay.status).toBe(400);
    expect(replay.body.code).toBe('passkey_challenge_invalid');

    const second = await startSignIn();
    const wrongChallenge = await signIn(
      new ApiClient(server.url),
      second.challengeId,
      phone.assert(second.options, server.url, {
        challenge: Buffer.from('another challenge').toString('base64url'),
      }),
    );
    expect(wrongChallenge.status).toBe(401);
    expect(wrongChallenge.body.code).toBe('passkey_refused');
    // Used up by the refused answer.
    expect(
      (await signIn(new ApiClient(server.url), second.challengeId, phone.assert(second.options, server.url)))
        .body.code,
    ).toBe('passkey_challenge_invalid');

    const refusedWith = async (tweaks: Parameters<SoftPasskey['assert']>[2]) => {
      const start = await startSignIn();
      return signIn(
        new ApiClient(server.url),
        start.challengeId,
        phone.assert(start.options, server.url, tweaks),
      );
    };
    for (const tweaks of [
      { origin: 'https://portvakt-login.example.net' },
      { rpId: 'portvakt-login.example.net' },
      { isUnverified: true },
      { counter: 1 }, // a cloned authenticator replaying an old counter
    ]) {
      const refused = await refusedWith(tweaks);
      expect(refused.status, JSON.stringify(tweaks)).toBe(401);
      expect(refused.body.code).toBe('passkey_refused');
    }
    // Five refusals lock the account (see "throttling"); this test only wants the next refusals.
    await server.db.pool.query('DELETE FROM login_throttle WHERE throttle_key = $1', [`user:${adminName}`]);
    const garbage = await startSignIn();
    const mangled = phone.assert(garbage.options, server.url);
    mangled.response.signature = Buffer.from('not a signature').toString('base64url');
    expect((await signIn(new ApiClient(server.url), garbage.challengeId, mangled)).body.code).toBe(
      'passkey_refused',
    );
    const unknownId = await startSignIn();
    const stranger = new SoftPasskey();
    expect(
      (
        await signIn(
          new ApiClient(server.url),
          unknownId.challengeId,
          stranger.assert(unknownId.options, server.url),
        )
      ).status,
    ).toBe(401);
    const malformed = await new ApiClient(server.url).post('/api/v1/auth/passkey', {
      challengeId: 'not-a-uuid',
      response: {},
    });
    expect(malformed.status).toBe(400);

    expect(await countOf()).toBe(counter);
    expect(await sessions()).toBe(sessionCount);
  });
});

describe('removing your own passkeys', () => {
  it('removes one of yours; another account’s id is not found and stays', async () => {
    const mine = (await manager.get('/api/v1/passkeys')).body.items;
    const theirs = (await admin.get('/api/v1/passkeys')).body.items;
    const foreign = await manager.delete(`/api/v1/passkeys/${theirs[0].id}`);
    expect(foreign.status).toBe(404);
    expect((await admin.get('/api/v1/passkeys')).body.items).toHaveLength(theirs.length);
    const removed = await manager.delete(`/api/v1/passkeys/${mine[0].id}`);
    expect(removed.status).toBe(204);
    expect((await manager.get('/api/v1/passkeys')).body.items).toEqual([]);
    expect(
      await countRows(`SELECT 1 FROM audit_entry WHERE action = 'remove_passkey' AND actor_label = $1`, [
        managerName,
      ]),
    ).toBe(1);
    // Its credential no longer signs in.
    const start = await startSignIn();
    expect(
      (
        await signIn(
          new ApiClient(server.url),
          start.challengeId,
          managerKey.assert(start.options, server.url),
        )
      ).status,
    ).toBe(401);
  });
});

describe('throttling', () => {
  it('locks an account after five refused passkey answers, like passwords', async () => {
    const installerName = await createUser(server.db.pool, municipalityId, 'installer');
    const installer = await new ApiClient(server.url).login(installerName, testPassword);
    const key = new SoftPasskey();
    expect((await register(installer, key, 'Nyckel')).status).toBe(201);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const start = await startSignIn();
      const refused = await signIn(
        new ApiClient(server.url),
        start.challengeId,
        key.assert(start.options, server.url, { origin: 'https://evil.example.net' }),
      );
      expect(refused.status).toBe(401);
    }
    const start = await startSignIn();
    const locked = await signIn(
      new ApiClient(server.url),
      start.challengeId,
      key.assert(start.options, server.url),
    );
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('too_many_attempts');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
