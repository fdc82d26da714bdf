// Issue #9 item 2 (F2): when every pooled connection is taken, a request used to wait forever
// (the pool had no acquire timeout), and so did /health. Now the wait is bounded: the request is
// answered 503 with the stable code `database_busy` and a message, and the server serves again as
// soon as a connection is free. A server with a one-connection pool whose connection is held.
import { randomBytes } from 'node:crypto';
import { createPool } from '@portvakt/storage';
import { createTestDatabase, type TestDatabase } from '@portvakt/storage/testing';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { createFieldCrypto } from './secrets';
import { ApiClient, createMunicipality, createUser, testPassword } from './testing';

let db: TestDatabase;
let pool: pg.Pool;
let app: FastifyInstance;
let url: string;
let username: string;
let municipalityId: string;
let held: pg.PoolClient | undefined;

beforeAll(async () => {
  db = await createTestDatabase();
  municipalityId = await createMunicipality(db.pool);
  username = await createUser(db.pool, municipalityId, 'municipality_admin');
  // The server's own pool settings, with one connection and a short wait (not a test threshold:
  // how long the server waits before it answers 503).
  pool = createPool(db.url, { max: 1, timeoutMs: 300 });
  const masterKey = randomBytes(32);
  app = await buildApp({
    context: { pool, fieldCrypto: createFieldCrypto(masterKey), isCookieSecure: false, masterKey },
    databaseMode: 'test',
    logLevel: 'silent',
  });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
  // Take the only connection. Opening it may itself exceed the short wait on a busy machine
  // (that is the same 503 path); try again until it is open.
  for (let attempt = 0; !held; attempt += 1) {
    held = await pool.connect().catch((error: unknown) => {
      if (attempt >= 20) throw error;
      return undefined;
    });
  }
}, 120_000);

afterAll(async () => {
  await app?.close();
  await pool?.end();
  await db?.drop();
});

describe('an exhausted connection pool (F2)', () => {
  it('answers 503 database_busy instead of hanging, and serves again once a connection is free', async () => {
    let login: Awaited<ReturnType<ApiClient['post']>>;
    let health: Awaited<ReturnType<ApiClient['get']>>;
    try {
      login = await new ApiClient(url).post('/api/v1/auth/login', { username, password: testPassword });
      health = await new ApiClient(url).get('/api/v1/health');
    } finally {
      held!.release();
    }
    expect(login.status).toBe(503);
    expect(login.body).toEqual({ code: 'database_busy', message: expect.stringMatching(/busy/) });
    expect(login.headers.get('retry-after')).toBe('1');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ code: 'database_busy' });
    // Nothing stayed stuck: the same requests succeed now.
    expect((await new ApiClient(url).get('/api/v1/health')).status).toBe(200);
    await new ApiClient(url).login(username, testPassword);
  });
});
