// The demo administrator's API session: logs in like the console (session cookie and CSRF
// header), creates an API token for the simulation's enrolments, reads registry lists and files
// the emergency report.
import { demoPassword } from './seed-demo';

export interface DemoAdmin {
  /** API token of the demo's municipality administrator. */
  token: string;
  listAll(path: string): Promise<Array<Record<string, unknown>>>;
  get(path: string): Promise<Record<string, unknown>>;
  post(path: string, body: unknown): Promise<Record<string, unknown>>;
}

const textOf = (value: unknown) => (typeof value === 'string' ? value : '');

async function send(url: string, init: RequestInit): Promise<Record<string, unknown>> {
  const response = await fetch(url, init);
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok)
    throw new Error(
      `${init.method ?? 'GET'} ${url}: ${response.status} ${textOf(body.code)} ${textOf(body.message)}`,
    );
  return body;
}

/** Logs in as demo.admin and makes an API token for the rest of the run. */
export async function loginDemoAdmin(baseUrl: string): Promise<DemoAdmin> {
  const login = await fetch(new URL('/api/v1/auth/login', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'demo.admin', password: demoPassword }),
  });
  if (!login.ok) throw new Error(`demo.admin could not log in: ${login.status}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .join('; ');
  const created = await send(new URL('/api/v1/api-tokens', baseUrl).toString(), {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'portvakt demo simulation', role: 'municipality_admin' }),
  });
  const token = created.token as string;
  const authorised = { authorization: `Bearer ${token}` };
  return {
    token,
    listAll: async (path) => {
      const items: Array<Record<string, unknown>> = [];
      let cursor: string | null = null;
      do {
        const query = new URLSearchParams({ limit: '200', ...(cursor ? { cursor } : {}) });
        const page = await send(new URL(`/api/v1/${path}?${query.toString()}`, baseUrl).toString(), {
          headers: authorised,
        });
        items.push(...(page.items as Array<Record<string, unknown>>));
        cursor = (page.nextCursor as string | null) ?? null;
      } while (cursor);
      return items;
    },
    get: (path) => send(new URL(path, baseUrl).toString(), { headers: authorised }),
    post: (path, body) =>
      send(new URL(path, baseUrl).toString(), {
        method: 'POST',
        headers: { ...authorised, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
  };
}
