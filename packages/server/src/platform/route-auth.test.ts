// Authentication follows the route the router matched, not the spelling of the URL: encoded,
// capitalised or doubled-slash spellings of an API path get 401 or 404, never the handler
// without a caller, never a 500 or a stack trace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { looksLikeApi } from './app';
import type { ApiClient, TestServer } from './testing';
import { startTestMunicipality } from './world.testing';

let server: TestServer;
let admin: ApiClient;

beforeAll(async () => {
  ({ server, admin } = await startTestMunicipality());
});
afterAll(async () => server?.close());

async function raw(path: string, init: RequestInit = {}) {
  const response = await fetch(`${server.url}${path}`, init);
  const text = await response.text();
  return { status: response.status, text, headers: response.headers };
}

function expectNoStackTrace(text: string) {
  expect(text).not.toMatch(/\bat .*\(|\.ts:\d+|node_modules|Error:/);
}

describe('odd spellings of API paths (issue 9 item 8a)', () => {
  it.each([
    ['/%61pi/v1/customers', 401],
    ['/api/%761/customers', 401],
    ['/api/v1/%63ustomers', 401],
    ['/%2561pi/v1/customers', 404],
    ['//api/v1/customers', 404],
    ['/API/v1/customers', 404],
    ['/Api/V1/Customers', 404],
    ['/api/v1//customers', 404],
    ['/%41PI/v1/customers', 404],
  ])('%s answers %i with a code, without a caller', async (path, status) => {
    const response = await raw(path);
    expect(response.status).toBe(status);
    const body = JSON.parse(response.text) as { code: string; message: string };
    expect(body.code).toBe(status === 401 ? 'unauthenticated' : 'route_not_found');
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expectNoStackTrace(response.text);
  });

  it('runs the CSRF check on an encoded path too, and changes nothing', async () => {
    const before = await server.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM district');
    const response = await admin.request(
      'POST',
      '/%61pi/v1/districts',
      { code: 'ENC', name: 'Kodad' },
      { withoutCsrf: true },
    );
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('csrf_failed');
    const after = await server.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM district');
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('still serves public routes and the logged-in caller under any spelling the router accepts', async () => {
    expect((await raw('/%61pi/v1/health')).status).toBe(200);
    expect((await admin.get('/%61pi/v1/customers')).status).toBe(200);
  });

  it('recognises API paths however they are spelled', () => {
    for (const url of ['/api/v1/x', '/%61pi/v1', '//api', '/API/v1?q=1', '/%2561pi/v1']) {
      expect(looksLikeApi(url)).toBe(true);
    }
    for (const url of ['/', '/apiary', '/assets/api.js', '/%zz']) expect(looksLikeApi(url)).toBe(false);
  });
});
