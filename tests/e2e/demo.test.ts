// `portvakt demo` as a newcomer starts it: a child process on a free port with a fast clock. The
// demo admin logs in over HTTP and sees new, verified records of openings and refusals arrive in
// the demo locks' event log (a refusal with the next key to open its lock); in Chromium, "Idag
// live" shows new openings arrive without a reload; a grant made over the API starts on the
// simulated clock; Ctrl-C stops the simulation, the server and PostgreSQL, exit code 0, nothing
// left running.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventKinds, eventResults } from '@portvakt/protocol';
import { ApiClient } from '@portvakt/server/testing';
import { logIn, saveScreenshot, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';
import { pickFreePort } from './free-port.testing';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'packages', 'cli', 'bin', 'portvakt.js');
let workDir: string | undefined;
let child: ChildProcess | undefined;
let url = '';
const { openPage } = useBrowser(() => url);

function postgresProcessesFor(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes('postgres') && cmdline.includes(dir)) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, ms: number) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
  if (workDir) {
    for (const pid of postgresProcessesFor(workDir)) process.kill(pid, 'SIGKILL');
    await rm(workDir, { recursive: true, force: true });
  }
});

describe('portvakt demo', () => {
  it('shows new verified openings and refusals as they arrive, and stops cleanly on Ctrl-C', async () => {
    await ensureWebBuild();
    workDir = await mkdtemp(join(tmpdir(), 'portvakt-demo-'));
    // PostgreSQL runs as its own user when the tests run as root: it must reach the data directory.
    await chmod(workDir, 0o755);
    const dataDir = join(workDir, 'data-demo');
    const port = await pickFreePort();
    // detached: its own process group, so a signal to the group is what Ctrl-C in a terminal sends.
    child = spawn(
      process.execPath,
      [bin, 'demo', '--port', String(port), '--day-minutes', '0.5', '--data-dir', dataDir],
      { cwd: workDir, detached: true },
    );
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const started = await waitFor(
      'the demo to start',
      () => {
        if (child!.exitCode !== null) throw new Error(`the demo exited:\n${output}`);
        return /Simulated time starts (\S+ \S+) UTC/.exec(output)?.[1];
      },
      150_000,
    );
    url = `http://localhost:${port}`;
    expect(output).toContain(`${url}/live`);
    expect((await fetch(`${url}/api/v1/health`)).status).toBe(200);
    const start = new Date(`${started.replace(' ', 'T')}:00Z`);
    const admin = await new ApiClient(url).login('demo.admin', 'demo-portvakt-2026');
    const devices = await admin.get('/api/v1/devices?kind=lock');
    const demoLocks = (devices.body.items as Array<{ lockDeviceId: string; label: string | null }>)
      .filter((device) => device.label === 'portvakt demo')
      .map((device) => device.lockDeviceId);
    expect(demoLocks.length).toBeGreaterThan(5);

    const range = new URLSearchParams({
      from: new Date(start.getTime() - 3600_000).toISOString(),
      to: new Date().toISOString(),
    });
    const seen = await waitFor(
      'openings and refusals in the event log',
      async () => {
        range.set('to', new Date().toISOString());
        let opened = 0;
        let refused = 0;
        for (const lockId of demoLocks) {
          const page = await admin.get(`/api/v1/event-log/lock/${lockId}?${range.toString()}&limit=500`);
          expect(page.status).toBe(200);
          for (const record of page.body.items as Array<{
            kind: number;
            result: number;
            occurredAt: string;
          }>) {
            if (record.kind !== eventKinds['open-attempt'] || Date.parse(record.occurredAt) < start.getTime())
              continue;
            if (record.result === eventResults.ok) opened += 1;
            else refused += 1;
          }
        }
        return opened > 0 && refused > 0 ? { opened, refused } : undefined;
      },
      // A refusal reaches the log with the next key that opens its lock (docs/demo.md, Limits): the
      // next day's 15:00 sync, about 40 s of this run's clock, longer on a loaded machine.
      120_000,
    );
    expect(seen.opened).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);

    // The live view, as a newcomer opens it: new openings arrive on the page without a reload.
    const page = await openPage();
    await logIn(page, `${url}/live`, 'demo.admin', 'demo-portvakt-2026');
    await page.getByRole('heading', { name: 'Idag live', level: 1 }).waitFor({ timeout: 20_000 });
    await page.locator('[data-live="connection"]', { hasText: 'ansluten' }).waitFor({ timeout: 20_000 });
    const openings = page.locator('[data-section="live-feed"] li[data-event][data-result="opened"]');
    const openingIds = () =>
      openings.evaluateAll((items) => items.map((item) => item.getAttribute('data-event') ?? ''));
    const shownAtStart = new Set(await openingIds());
    await expect
      .poll(async () => (await openingIds()).some((id) => !shownAtStart.has(id)), {
        timeout: 60_000,
        interval: 1_000,
      })
      .toBe(true);
    await saveScreenshot(page, 'demo-live');
    await page.context().close();

    // The refused night-patrol visit is followed by an emergency opening request.
    const emergencyId = await waitFor(
      'the emergency opening request',
      () => /emergency opening requested \(([0-9a-f-]{36})\)/.exec(output)?.[1],
      60_000,
    );
    const emergency = await admin.get(`/api/v1/emergency-openings/${emergencyId}`);
    expect(emergency.status).toBe(200);

    // What a person does in the console follows the simulated clock, days behind the machine's:
    // "who can open" answers at its now, and a week's grant made now starts at its minute.
    const district = await admin.get('/api/v1/live/district?limit=1');
    const clock = Date.parse(district.body.clock as string);
    const dayMs = 86_400_000;
    expect(clock).toBeLessThan(Date.now() - dayMs);
    const customers = await admin.get('/api/v1/customers?limit=50');
    let opener: { customerId: string; staffMemberId: string } | undefined;
    for (const customer of customers.body.items as Array<{ id: string }>) {
      const who = await admin.get(`/api/v1/customers/${customer.id}/who-can-open`);
      expect(Date.parse(who.body.at as string)).toBeLessThan(Date.now() - dayMs);
      const staff = (who.body.doors as Array<{ staff: Array<{ staffMemberId: string }> }>)[0]?.staff[0];
      if (staff) {
        opener = { customerId: customer.id, staffMemberId: staff.staffMemberId };
        break;
      }
    }
    expect(opener).toBeDefined();
    const grant = await admin.post('/api/v1/access-grants', {
      ...opener,
      validUntil: new Date(clock + 7 * dayMs).toISOString(),
      reason: 'Vikarie en vecka',
    });
    expect(grant.status).toBe(201);
    expect(Date.parse(grant.body.validFrom as string)).toBeLessThan(Date.now() - dayMs);

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    process.kill(-child.pid!, 'SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('Stopped cleanly.');
    expect(postgresProcessesFor(dataDir)).toEqual([]);
    expect(existsSync(join(dataDir, '.portvakt-demo'))).toBe(true);
  }, 300_000);
});
