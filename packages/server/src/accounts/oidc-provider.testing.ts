// Test support: a real OpenID Connect provider on 127.0.0.1 with its own clock
// (oidc-provider-process.testing.ts), and a browser-like walk through its login and consent
// pages over real HTTP.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface TestOidcProvider {
  issuer: string;
  close(): Promise<void>;
}

export async function startTestOidcProvider(settings: {
  clockStart: Date;
  clients: Array<{ clientId: string; clientSecret: string; redirectUri: string }>;
  accounts: Record<string, Record<string, unknown>>;
  readdressedClientId?: string;
  idTokenTtlSeconds?: number;
}): Promise<TestOidcProvider> {
  const script = fileURLToPath(new URL('./oidc-provider-process.testing.ts', import.meta.url));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script], {
    env: {
      ...process.env,
      OIDC_FIXTURE: JSON.stringify({
        ...settings,
        clockStart: settings.clockStart.toISOString(),
        idTokenTtlSeconds: settings.idTokenTtlSeconds ?? 600,
      }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const issuer = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve((JSON.parse(line) as { issuer: string }).issuer));
    child.once('exit', (code) => reject(new Error(`OIDC provider exited (${code}): ${errors}`)));
  });
  return {
    issuer,
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    },
  };
}

/** Cookies of one origin, as a browser keeps them (name → value; enough for these flows). */
export class CookieJar {
  private cookies = new Map<string, string>();

  take(response: Response): void {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index).trim();
      const value = pair!.slice(index + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** One request without following redirects, keeping the cookies of its origin in `jar`. */
export async function fetchManually(url: string, jar: CookieJar, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const cookie = jar.header();
  if (cookie) headers.set('cookie', cookie);
  const response = await fetch(url, { ...init, headers, redirect: 'manual' });
  jar.take(response);
  return response;
}

/**
 * Walks the provider's pages from an authorization URL as a person would: follows its redirects,
 * signs in as `login` on its login form, presses Continue on its consent form, and stops at the
 * first redirect that leaves the provider (to our callback), whose URL it answers.
 */
export async function signInAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new CookieJar();
  let url = authorizationUrl;
  let init: RequestInit = {};
  const origin = new URL(authorizationUrl).origin;
  for (let step = 0; step < 20; step += 1) {
    const response = await fetchManually(url, jar, init);
    init = {};
    const location = response.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.origin !== origin) return next;
      url = next.href;
      continue;
    }
    const html = await response.text();
    if (response.status !== 200)
      throw new Error(`provider answered ${response.status}: ${html.slice(0, 500)}`);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([a-z]+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`no form on the provider's page: ${html.slice(0, 500)}`);
    const fields: Record<string, string> =
      prompt === 'login' ? { prompt, login, password: 'any' } : { prompt };
    url = new URL(action.replace(/&amp;/g, '&'), url).href;
    init = {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    };
  }
  throw new Error('the provider kept redirecting');
}
