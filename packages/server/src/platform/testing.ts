// Test support: a real app on a real port over a fresh real database, and an HTTP client that
// logs in like a browser (session cookie + CSRF header) or uses an API token.
import { randomBytes } from 'node:crypto';
import type { Role } from '@portvakt/core';
import { createPool, insertMunicipality, insertUser, type Queryable } from '@portvakt/storage';
import { createTestDatabase, type TestDatabase } from '@portvakt/storage/testing';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { hashPassword } from '../accounts';
import type { AppContext } from './context';
import type { LockLoopback } from './lock-loopback';
import type { Mailer } from './mail';
import { createFieldCrypto } from './secrets';

export interface TestServer {
  url: string;
  app: FastifyInstance;
  db: TestDatabase;
  /** The app's context (pool, keys, clock), for a second server over the same database. */
  context: AppContext;
  close(): Promise<void>;
}

/**
 * A second server over `server`'s database, as another process would run it: its own connection
 * pool and its own app, so its own caches (the permission index, the issuer keys), sharing only
 * what lives in the database. Closed before `server`.
 */
export async function startTwinServer(server: TestServer): Promise<{ url: string; close(): Promise<void> }> {
  const pool = createPool(server.db.url, { max: 5, timeoutMs: 30_000 });
  const app = await buildApp({
    context: { ...server.context, pool },
    databaseMode: 'test',
    logLevel: process.env.TEST_LOG_LEVEL ?? 'error',
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    async close() {
      await app.close();
      await pool.end();
    },
  };
}

/** Starts the real app on 127.0.0.1 (random port) over its own migrated database. */
export async function startTestServer(
  options: {
    logStream?: NodeJS.WritableStream;
    logLevel?: string;
    now?: () => Date;
    mailer?: Mailer;
    /** Simulated locks to serve over WebSockets at /lock-sim/{lockId} (lock-loopback.ts). */
    lockLoopback?: LockLoopback;
    /** The host name people use instead of 127.0.0.1 (passkeys need a domain: `localhost`). */
    publicHost?: string;
    /** The server's master key, for a test that runs a job with the app's secrets (webhooks). */
    masterKey?: Buffer;
  } = {},
): Promise<TestServer> {
  const db = await createTestDatabase();
  const masterKey = options.masterKey ?? randomBytes(32);
  const context: AppContext = {
    pool: db.pool,
    fieldCrypto: createFieldCrypto(masterKey),
    isCookieSecure: false,
    masterKey,
    ...(options.now ? { now: options.now } : {}),
    ...(options.mailer ? { mailer: options.mailer } : {}),
  };
  const app = await buildApp({
    context,
    databaseMode: 'test',
    logLevel: options.logLevel ?? process.env.TEST_LOG_LEVEL ?? 'error',
    ...(options.logStream ? { logStream: options.logStream } : {}),
    ...(options.lockLoopback ? { lockLoopback: options.lockLoopback } : {}),
  });
  const listenUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const url = options.publicHost ? listenUrl.replace('127.0.0.1', options.publicHost) : listenUrl;
  // Links in e-mails point at this server.
  context.publicUrl = url;
  return {
    url,
    app,
    db,
    context,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A client of the HTTP API holding one login (cookie jar of one session) or one API token. */
export class ApiClient {
  private cookies = new Map<string, string>();
  private csrfToken: string | undefined;
  private bearer: string | undefined;

  constructor(readonly baseUrl: string) {}

  static withToken(baseUrl: string, token: string): ApiClient {
    const client = new ApiClient(baseUrl);
    client.bearer = token;
    return client;
  }

  /** Logs in; throws unless the server accepted the credentials. */
  async login(username: string, password: string): Promise<this> {
    const response = await this.request('POST', '/api/v1/auth/login', { username, password });
    if (response.status !== 200)
      throw new Error(`login ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
    this.csrfToken = (response.body as { csrfToken: string }).csrfToken;
    return this;
  }

  /** Sends a request; a body is sent as JSON unless `raw` gives the exact bytes and type. */
  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    options: {
      raw?: { contentType: string; data: string | Uint8Array<ArrayBuffer> };
      withoutCsrf?: boolean;
      headers?: Record<string, string>;
    } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.csrfToken && !options.withoutCsrf) headers['x-csrf-token'] = this.csrfToken;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    let payload: string | Uint8Array<ArrayBuffer> | undefined;
    if (options.raw) {
      headers['content-type'] = options.raw.contentType;
      payload = options.raw.data;
    } else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      if (value === '' || /Expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (e.g. HTML docs); keep the text
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  /** A GET whose answer is a file (a PDF): its bytes as sent. */
  async getBytes(path: string): Promise<{ status: number; bytes: Uint8Array; headers: Headers }> {
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    const response = await fetch(`${this.baseUrl}${path}`, { headers });
    return {
      status: response.status,
      bytes: new Uint8Array(await response.arrayBuffer()),
      headers: response.headers,
    };
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body);
  }
  patch<T = any>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  put<T = any>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }
}

export const testPassword = 'correct horse battery staple';

/** Creates a municipality directly in the database (there is no HTTP route for that). */
export async function createMunicipality(
  db: Queryable,
  code = randomBytes(3).toString('hex'),
  name = `Testkommun ${code}`,
) {
  return insertMunicipality(db, { code, name });
}

/** Creates a user with `testPassword` and returns its username. */
export async function createUser(
  db: Queryable,
  municipalityId: string,
  role: Role,
  links: { providerId?: string; staffMemberId?: string; propertyOwnerId?: string } = {},
): Promise<string> {
  const username = `${role.replace(/_/g, '-')}-${randomBytes(4).toString('hex')}`;
  await insertUser(db, {
    municipalityId,
    username,
    displayName: `Test ${role}`,
    passwordHash: await cachedHash(),
    role,
    ...links,
  });
  return username;
}

let hashOnce: Promise<string> | undefined;
function cachedHash(): Promise<string> {
  hashOnce ??= hashPassword(testPassword);
  return hashOnce;
}
