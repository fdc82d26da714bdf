// Idempotency-Key and safe retries through a failover (issue #16 item 2, docs/idempotency.md),
// over real HTTP on real PostgreSQL with a fixed clock: a retry with the same key gets the first
// answer and makes no second record or audit entry; another request or another account with the
// key does not get it; keys expire after 24 hours of the app's clock; a transaction whose
// connection is killed is run again only where that is exact, otherwise 503 database_unavailable.
import { randomBytes, randomUUID } from 'node:crypto';
import net, { type AddressInfo } from 'node:net';
import { createPool } from '@portvakt/storage';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { idempotencyKeptMs, unansweredAfterMs } from './idempotency';
import { ApiClient, createUser, testPassword, type ApiResponse, type TestServer } from './testing';
import { startTestMunicipality } from './world.testing';

const start = new Date('2026-03-10T09:00:00Z');
let clock = start;
let server: TestServer;
let municipalityId: string;
let admin: ApiClient;
let otherAdmin: ApiClient;

beforeAll(async () => {
  const started = await startTestMunicipality({ now: () => clock });
  ({ server, municipalityId, admin } = started);
  otherAdmin = await started.login('municipality_admin');
}, 120_000);

afterAll(async () => {
  await server?.close();
});

const code = () => `D${randomBytes(3).toString('hex')}`;

function postWithKey(client: ApiClient, path: string, body: unknown, key: string): Promise<ApiResponse> {
  return client.request('POST', path, body, { headers: { 'idempotency-key': key } });
}

async function countDistricts(districtCode: string): Promise<number> {
  const { rows } = await server.db.superuser.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM district WHERE code = $1',
    [districtCode],
  );
  return rows[0]!.n;
}

async function countCreateAudits(entityId: string): Promise<number> {
  const { rows } = await server.db.superuser.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_entry WHERE entity = 'district' AND entity_id = $1 AND action = 'create'`,
    [entityId],
  );
  return rows[0]!.n;
}

/** The app's backend waiting on `waitEvent` (a lock the test holds), once it waits. */
async function findWaitingBackend(waitEvent: 'relation' | 'advisory', except?: number): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const { rows } = await server.db.superuser.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND usename <> current_user
          AND wait_event_type = 'Lock' AND wait_event = $1 AND pid <> $2`,
      [waitEvent, except ?? 0],
    );
    if (rows[0]) return rows[0].pid;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no backend came to wait on ${waitEvent}`);
}

/**
 * A TCP relay to the test database that, once armed, cuts the connection whose client sent
 * `marker`: right when the database reports its COMMIT done (the COMMIT happened, its answer is
 * lost), or at once, before the statement reaches the database (`'sent'`).
 */
async function startCuttingRelay(databaseUrl: string) {
  const target = new URL(databaseUrl);
  const socketDir = target.searchParams.get('host');
  const port = Number(target.port || 5432);
  const commitDone = Buffer.from('COMMIT\0');
  let marker: Buffer | undefined;
  let cutWhen: 'commit' | 'sent' = 'commit';
  let cuts = 0;
  const relay = net.createServer((client) => {
    const upstream = socketDir
      ? net.connect({ path: `${socketDir}/.s.PGSQL.${port}` })
      : net.connect({ host: target.hostname, port });
    let hasSentMarker = false;
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
    client.on('data', (chunk: Buffer) => {
      if (marker && chunk.includes(marker)) {
        if (cutWhen === 'sent') {
          marker = undefined;
          cuts += 1;
          client.destroy();
          upstream.destroy();
          return;
        }
        hasSentMarker = true;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (hasSentMarker && marker && chunk.includes(commitDone)) {
        marker = undefined;
        cuts += 1;
        client.destroy();
        upstream.destroy();
        return;
      }
      client.write(chunk);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const url = new URL(databaseUrl);
  url.searchParams.delete('host');
  url.hostname = '127.0.0.1';
  url.port = String((relay.address() as AddressInfo).port);
  return {
    url: url.toString(),
    arm(text: string, when: 'commit' | 'sent' = 'commit') {
      marker = Buffer.from(text);
      cutWhen = when;
    },
    get cuts() {
      return cuts;
    },
    close: () => new Promise<void>((resolve) => relay.close(() => resolve())),
  };
}

async function terminate(pid: number): Promise<void> {
  await server.db.superuser.query('SELECT pg_terminate_backend($1)', [pid]);
}

describe('Idempotency-Key', () => {
  it('a retry with the same key gets the first answer, marked replayed, with one record and one audit entry', async () => {
    const key = randomUUID();
    const body = { code: code(), name: 'Norra' };
    const first = await postWithKey(admin, '/api/v1/districts', body, key);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await postWithKey(admin, '/api/v1/districts', body, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('content-type')).toMatch(/application\/json/);
    expect(again.body).toEqual(first.body);
    expect(await countDistricts(body.code)).toBe(1);
    expect(await countCreateAudits(first.body.id)).toBe(1);
    // Without a key the same body is a new request (refused here by the unique code).
    expect((await admin.post('/api/v1/districts', body)).status).toBe(409);
  });

  it('the same key with another body or path is refused 422 idempotency_key_reused and changes nothing', async () => {
    const key = randomUUID();
    const body = { code: code(), name: 'Södra' };
    expect((await postWithKey(admin, '/api/v1/districts', body, key)).status).toBe(201);
    const otherBody = { code: code(), name: 'Södra' };
    const reused = await postWithKey(admin, '/api/v1/districts', otherBody, key);
    expect(reused.status).toBe(422);
    expect(reused.body).toEqual({ code: 'idempotency_key_reused', message: expect.any(String) });
    const otherPath = await postWithKey(
      admin,
      '/api/v1/providers',
      { name: 'Omsorg', ownership: 'private', kinds: ['day_home_care'] },
      key,
    );
    expect(otherPath.status).toBe(422);
    expect(otherPath.body.code).toBe('idempotency_key_reused');
    expect(await countDistricts(otherBody.code)).toBe(0);
  });

  it('a read sent with a key is an ordinary read: nothing kept, never replayed, even a malformed key', async () => {
    const countKeys = async () =>
      (
        await server.db.superuser.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM idempotency_key WHERE municipality_id = $1',
          [municipalityId],
        )
      ).rows[0]!.n;
    const before = await countKeys();
    const key = randomUUID();
    const body = { code: code(), name: 'Läst' };
    expect((await admin.post('/api/v1/districts', body)).status).toBe(201);
    for (const sentKey of [key, key, 'åäö']) {
      const read = await admin.request('GET', '/api/v1/districts', undefined, {
        headers: { 'idempotency-key': sentKey },
      });
      expect(read.status).toBe(200);
      expect(read.headers.get('idempotent-replayed')).toBeNull();
      expect(JSON.stringify(read.body)).toContain(body.code);
    }
    expect(await countKeys()).toBe(before);
  });

  it('a malformed key is refused 400 invalid_idempotency_key and changes nothing', async () => {
    for (const key of ['', ' ', 'x'.repeat(201), 'tab\there', 'åäö']) {
      const body = { code: code(), name: 'Trasig' };
      const response = await postWithKey(admin, '/api/v1/districts', body, key);
      expect(response.status, JSON.stringify(key)).toBe(400);
      expect(response.body.code).toBe('invalid_idempotency_key');
      expect(await countDistricts(body.code)).toBe(0);
    }
    // 200 printable characters is the longest key.
    const body = { code: code(), name: 'Lång' };
    expect((await postWithKey(admin, '/api/v1/districts', body, 'k'.repeat(200))).status).toBe(201);
  });

  it('while the first request with a key runs, the same key is answered 409 idempotency_key_in_progress; never two records', async () => {
    const key = randomUUID();
    const body = { code: code(), name: 'Samtidig' };
    const holder = await server.db.superuser.connect();
    let first: Promise<ApiResponse> | undefined;
    try {
      // Hold the first request inside its transaction (its insert waits for this lock).
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE district IN SHARE MODE');
      first = postWithKey(admin, '/api/v1/districts', body, key);
      await findWaitingBackend('relation');
      const during = await postWithKey(admin, '/api/v1/districts', body, key);
      expect(during.status).toBe(409);
      expect(during.body.code).toBe('idempotency_key_in_progress');
      expect(during.headers.get('retry-after')).toBe('1');
    } finally {
      await holder.query('COMMIT');
      holder.release();
    }
    const answered = await first;
    expect(answered.status).toBe(201);
    const after = await postWithKey(admin, '/api/v1/districts', body, key);
    expect(after.headers.get('idempotent-replayed')).toBe('true');
    expect(after.body).toEqual(answered.body);
    // Many at once: each gets the first answer or 409, and there is one record.
    const burstKey = randomUUID();
    const burstBody = { code: code(), name: 'Rusning' };
    const burst = await Promise.all(
      Array.from({ length: 6 }, () => postWithKey(admin, '/api/v1/districts', burstBody, burstKey)),
    );
    const created = burst.filter((response) => response.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const response of burst) {
      if (response.status === 201) expect(response.body).toEqual(created[0]!.body);
      else expect([response.status, response.body.code]).toEqual([409, 'idempotency_key_in_progress']);
    }
    expect(await countDistricts(burstBody.code)).toBe(1);
  });

  it("another account's same key is its own: it never gets the first account's answer", async () => {
    const key = randomUUID();
    const body = { code: code(), name: 'Egen' };
    const mine = await postWithKey(admin, '/api/v1/districts', body, key);
    expect(mine.status).toBe(201);
    // The same request by another account is not a replay: it runs, and meets the unique code.
    const same = await postWithKey(otherAdmin, '/api/v1/districts', body, key);
    expect(same.status).toBe(409);
    expect(same.body.code).toBe('already_exists');
    expect(same.headers.get('idempotent-replayed')).toBeNull();
    expect(JSON.stringify(same.body)).not.toContain(mine.body.id);
    // Another body under the same key is no reuse for the other account: its own new record.
    const theirs = await postWithKey(otherAdmin, '/api/v1/districts', { code: code(), name: 'Deras' }, key);
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect((await postWithKey(otherAdmin, '/api/v1/districts', { ...body, name: 'Deras' }, key)).status).toBe(
      422,
    );
    // And the first account still gets its own first answer.
    expect((await postWithKey(admin, '/api/v1/districts', body, key)).body).toEqual(mine.body);
  });

  it('a refusal (4xx) keeps nothing: the key may then be used for the corrected request', async () => {
    const key = randomUUID();
    const taken = { code: code(), name: 'Först' };
    expect((await admin.post('/api/v1/districts', taken)).status).toBe(201);
    // Refused by validation, then by the unique code inside the transaction: both rolled back.
    expect((await postWithKey(admin, '/api/v1/districts', { code: 7 }, key)).status).toBe(400);
    expect((await postWithKey(admin, '/api/v1/districts', taken, key)).status).toBe(409);
    const corrected = { code: code(), name: 'Rättad' };
    const response = await postWithKey(admin, '/api/v1/districts', corrected, key);
    expect(response.status).toBe(201);
    expect(response.headers.get('idempotent-replayed')).toBeNull();
  });

  it('a key is kept 24 hours of the app clock, then free for a new request', async () => {
    // A token account: a session would expire over the day the clock moves.
    const created = await admin.post('/api/v1/api-tokens', {
      name: 'Integration',
      role: 'municipality_admin',
    });
    expect(created.status).toBe(201);
    const integration = ApiClient.withToken(server.url, created.body.token);
    const key = randomUUID();
    const body = { code: code(), name: 'Dygn' };
    const first = await postWithKey(integration, '/api/v1/districts', body, key);
    expect(first.status).toBe(201);
    try {
      clock = new Date(start.getTime() + idempotencyKeptMs - 1000);
      const late = await postWithKey(integration, '/api/v1/districts', body, key);
      expect(late.headers.get('idempotent-replayed')).toBe('true');
      expect(late.body).toEqual(first.body);
      clock = new Date(start.getTime() + idempotencyKeptMs + 1000);
      const countExpired = async () =>
        (
          await server.db.superuser.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM idempotency_key WHERE municipality_id = $1 AND expires_at <= $2',
            [municipalityId, clock],
          )
        ).rows[0]!.n;
      const expiredBefore = await countExpired();
      expect(expiredBefore).toBeGreaterThan(1);
      const next = { code: code(), name: 'Nästa dygn' };
      const expired = await postWithKey(integration, '/api/v1/districts', next, key);
      // The claim took over its own expired row and removed up to 20 other expired rows.
      expect(await countExpired()).toBe(Math.max(0, expiredBefore - 1 - 20));
      expect(expired.status).toBe(201);
      expect(expired.headers.get('idempotent-replayed')).toBeNull();
      expect(await countDistricts(next.code)).toBe(1);
      const { rows } = await server.db.superuser.query(
        'SELECT request_hash FROM idempotency_key WHERE municipality_id = $1 AND key = $2',
        [municipalityId, key],
      );
      expect(rows).toHaveLength(1);
    } finally {
      clock = start;
    }
  });
});

describe('retries through a failover', () => {
  it('a transaction whose connection is killed before COMMIT is run again and succeeds once', async () => {
    const body = { code: code(), name: 'Omstart' };
    const holder = await server.db.superuser.connect();
    let response: Promise<ApiResponse> | undefined;
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE district IN SHARE MODE');
      response = admin.post('/api/v1/districts', body);
      const killed = await findWaitingBackend('relation');
      await terminate(killed);
      // The retry, on a fresh connection, comes to wait on the same lock.
      await findWaitingBackend('relation', killed);
    } finally {
      await holder.query('COMMIT');
      holder.release();
    }
    const answered = await response;
    expect(answered.status).toBe(201);
    expect(await countDistricts(body.code)).toBe(1);
    expect(await countCreateAudits(answered.body.id)).toBe(1);
  });

  describe('a COMMIT whose outcome is unknown', () => {
    // A deferred trigger makes COMMIT wait on an advisory lock the test holds, so the connection
    // can be killed during COMMIT itself.
    const lockId = 4242;
    let holder: pg.PoolClient;

    beforeAll(async () => {
      await server.db.superuser.query(`
        CREATE FUNCTION test_wait_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_advisory_xact_lock(${lockId}); RETURN NULL; END $$;
        CREATE CONSTRAINT TRIGGER test_wait_at_commit AFTER INSERT ON district
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_wait_at_commit();`);
      holder = await server.db.superuser.connect();
    });

    afterAll(async () => {
      holder?.release();
      await server.db.superuser.query(
        'DROP TRIGGER test_wait_at_commit ON district; DROP FUNCTION test_wait_at_commit();',
      );
    });

    it('is not run again without a key: 503 database_unavailable with Retry-After, nothing written', async () => {
      const body = { code: code(), name: 'Ovisst' };
      await holder.query('SELECT pg_advisory_lock($1)', [lockId]);
      let response: ApiResponse;
      try {
        const pending = admin.post('/api/v1/districts', body);
        await terminate(await findWaitingBackend('advisory'));
        response = await pending;
      } finally {
        await holder.query('SELECT pg_advisory_unlock($1)', [lockId]);
      }
      expect(response.status).toBe(503);
      expect(response.body).toEqual({
        code: 'database_unavailable',
        message: expect.stringMatching(/unknown/),
      });
      expect(response.headers.get('retry-after')).toBe('5');
      // It was answered without a second try: nothing is written once the lock is free.
      expect(await countDistricts(body.code)).toBe(0);
    });

    it('with a key, the claim tells that it did not commit, and the retry writes it once', async () => {
      const key = randomUUID();
      const body = { code: code(), name: 'Säkert' };
      await holder.query('SELECT pg_advisory_lock($1)', [lockId]);
      let response: ApiResponse;
      try {
        const pending = postWithKey(admin, '/api/v1/districts', body, key);
        const killed = await findWaitingBackend('advisory');
        await terminate(killed);
        await findWaitingBackend('advisory', killed);
        await holder.query('SELECT pg_advisory_unlock($1)', [lockId]);
        response = await pending;
      } finally {
        await holder.query('SELECT pg_advisory_unlock_all()');
      }
      expect(response.status).toBe(201);
      expect(await countDistricts(body.code)).toBe(1);
      const again = await postWithKey(admin, '/api/v1/districts', body, key);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(response.body);
    });
  });

  describe('a COMMIT that happened but whose answer was lost', () => {
    let relay: Awaited<ReturnType<typeof startCuttingRelay>>;
    let pool: pg.Pool;
    let app: FastifyInstance;
    let client: ApiClient;

    beforeAll(async () => {
      relay = await startCuttingRelay(server.db.url);
      pool = createPool(relay.url, { max: 1, timeoutMs: 30_000 });
      pool.on('error', () => undefined);
      app = await buildApp({
        context: { ...server.context, pool },
        databaseMode: 'test',
        logLevel: 'silent',
      });
      client = await new ApiClient(await app.listen({ port: 0, host: '127.0.0.1' })).login(
        await createUser(server.db.pool, municipalityId, 'municipality_admin'),
        testPassword,
      );
    });

    afterAll(async () => {
      await app?.close();
      await pool?.end();
      await relay?.close();
    });

    it('with a key, the request finds its own claim committed and answers its result, once', async () => {
      const key = randomUUID();
      const body = { code: code(), name: 'Förlorat svar' };
      relay.arm('INSERT INTO idempotency_key');
      const response = await postWithKey(client, '/api/v1/districts', body, key);
      expect(relay.cuts).toBe(1);
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ code: body.code });
      expect(await countDistricts(body.code)).toBe(1);
      expect(await countCreateAudits(response.body.id)).toBe(1);
      expect((await postWithKey(client, '/api/v1/districts', body, key)).body).toEqual(response.body);
    });

    it('an answer that could not be stored after the commit is never made twice: in progress, then unanswered', async () => {
      const key = randomUUID();
      const body = { code: code(), name: 'Utan sparat svar' };
      relay.arm('UPDATE idempotency_key', 'sent');
      const first = await postWithKey(client, '/api/v1/districts', body, key);
      expect(relay.cuts).toBe(2);
      // The client still gets its answer; only the stored copy is missing.
      expect(first.status).toBe(201);
      try {
        const soon = await postWithKey(client, '/api/v1/districts', body, key);
        expect([soon.status, soon.body.code]).toEqual([409, 'idempotency_key_in_progress']);
        clock = new Date(start.getTime() + unansweredAfterMs + 1000);
        const later = await postWithKey(client, '/api/v1/districts', body, key);
        expect([later.status, later.body.code]).toEqual([409, 'idempotency_key_unanswered']);
      } finally {
        clock = start;
      }
      expect(await countDistricts(body.code)).toBe(1);
    });

    it('without a key, the outcome is unknown: 503 database_unavailable, and it is not run again', async () => {
      const body = { code: code(), name: 'Okänt utfall' };
      relay.arm('INSERT INTO district');
      const response = await client.post('/api/v1/districts', body);
      expect(relay.cuts).toBe(3);
      expect(response.status).toBe(503);
      expect(response.body.code).toBe('database_unavailable');
      expect(response.headers.get('retry-after')).toBe('5');
      // It did commit: once, not twice.
      expect(await countDistricts(body.code)).toBe(1);
    });
  });

  describe('a read-only database', () => {
    let pool: pg.Pool;
    let app: FastifyInstance;
    let client: ApiClient;

    /** Drops the app's one pooled connection, so its next one takes the database's new defaults. */
    async function reconnect(): Promise<void> {
      const connection = await pool.connect();
      connection.release(true);
    }

    beforeAll(async () => {
      // A server of its own, with one connection and a short retry budget (the default is 10 s).
      pool = createPool(server.db.url, { max: 1, timeoutMs: 30_000, failoverRetryMs: 1500 });
      app = await buildApp({
        context: { ...server.context, pool },
        databaseMode: 'test',
        logLevel: 'silent',
      });
      client = await new ApiClient(await app.listen({ port: 0, host: '127.0.0.1' })).login(
        await createUser(server.db.pool, municipalityId, 'municipality_admin'),
        testPassword,
      );
      await server.db.superuser.query(
        `ALTER DATABASE ${server.db.name} SET default_transaction_read_only = on`,
      );
      await reconnect();
    });

    afterAll(async () => {
      await server.db.superuser.query(`ALTER DATABASE ${server.db.name} RESET default_transaction_read_only`);
      await app?.close();
      await pool?.end();
    });

    it('answers 503 database_unavailable with Retry-After and changes nothing, with or without a key', async () => {
      const key = randomUUID();
      const body = { code: code(), name: 'Skrivskyddad' };
      for (const response of [
        await client.post('/api/v1/districts', body),
        await postWithKey(client, '/api/v1/districts', body, key),
      ]) {
        expect(response.status).toBe(503);
        expect(response.body.code).toBe('database_unavailable');
        expect(response.headers.get('retry-after')).toBe('5');
      }
      expect(await countDistricts(body.code)).toBe(0);
      const { rows } = await server.db.superuser.query('SELECT 1 FROM idempotency_key WHERE key = $1', [key]);
      expect(rows).toHaveLength(0);
      // Writable again (the failover is over): the same key now runs the request, once.
      await server.db.superuser.query(`ALTER DATABASE ${server.db.name} RESET default_transaction_read_only`);
      await reconnect();
      const retried = await postWithKey(client, '/api/v1/districts', body, key);
      expect(retried.status).toBe(201);
      expect(retried.headers.get('idempotent-replayed')).toBeNull();
      expect(await countDistricts(body.code)).toBe(1);
    });
  });
});
