// `portvakt export` against a real server over real HTTP with a real API token (docs/exports.md):
// files hold what the token's actor sees, progress goes to stderr, and bad input exits non-zero
// with the API's message and writes nothing.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestWorld, type TestWorld } from '@portvakt/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkExportOptions } from './export.command';

const bin = fileURLToPath(new URL('../bin/portvakt.js', import.meta.url));
let started: TestWorld;
let token: string;
let dir: string;

/** Runs the CLI as a child (the server answers from this process, so never synchronously). */
function runExport(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'export', '--url', started.server.url, ...args], {
      env: { ...process.env, PORTVAKT_TOKEN: token },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  started = await startTestWorld();
  const created = await started.admin.post('/api/v1/api-tokens', {
    name: 'Verksamhetssystem A',
    role: 'work_lead',
    providerId: started.world.provider.a,
    isReadOnly: true,
  });
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  token = created.body.token;
  dir = await mkdtemp(join(tmpdir(), 'portvakt-export-'));
}, 180_000);
afterAll(async () => {
  await started?.server.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('portvakt export', () => {
  it(
    'writes the registry as one CSV per kind the token may read, with a progress bar on stderr',
    { timeout: 120_000 },
    async () => {
      const out = join(dir, 'registry');
      const result = await runExport('--what', 'registry', '--format', 'csv', '--out', out);
      expect(result.code, result.stderr).toBe(0);
      const count = await started.admin.get('/api/v1/exports/registry/count');
      expect(count.status).toBe(200);
      const mine = await fetch(`${started.server.url}/api/v1/exports/registry/count`, {
        headers: { authorization: `Bearer ${token}` },
      }).then((response) => response.json() as Promise<{ total: number; parts: Array<{ kind: string }> }>);
      expect((await readdir(out)).sort()).toEqual(mine.parts.map((part) => `${part.kind}.csv`).sort());
      const customers = await readFile(join(out, 'customers.csv'), 'utf8');
      expect(customers.startsWith('\uFEFFid;')).toBe(true);
      expect(customers).toContain(started.world.customer.a);
      expect(customers).not.toContain(started.world.customer.b);
      // The bar starts from the scoped count and ends at every row written.
      expect(mine.total).toBeGreaterThan(5);
      expect(mine.total).toBeLessThan(count.body.total);
      expect(result.stderr).toContain(`0/${mine.total} rows`);
      expect(result.stderr).toContain(`100% ${mine.total}/${mine.total} rows`);
      expect(result.stderr).toContain(`Wrote ${mine.total} rows to ${out}.`);
    },
  );

  it(
    'writes permissions as granted as one JSON object of the provider’s own grants',
    { timeout: 120_000 },
    async () => {
      const out = join(dir, 'permissions.json');
      const result = await runExport('--what', 'permissions', '--out', out);
      expect(result.code, result.stderr).toBe(0);
      const permissions = JSON.parse(await readFile(out, 'utf8')) as Record<string, Array<{ id: string }>>;
      expect(Object.keys(permissions)).toEqual([
        'team-customers',
        'area-rules',
        'access-grants',
        'shared-door-grants',
      ]);
      expect(permissions['access-grants']!.map((grant) => grant.id)).toEqual([started.world.accessGrant.a]);
      expect(JSON.stringify(permissions)).not.toContain(started.world.accessGrant.b);
      expect(result.stderr).toContain('100% 4/4 rows');
    },
  );

  it('exits non-zero with the reason and writes nothing for bad input', async () => {
    const cases: Array<{ args: string[]; message: RegExp }> = [
      { args: ['--what', 'cats'], message: /--what must be one of registry, permissions, events, visits/ },
      { args: ['--what', 'visits', '--format', 'xml'], message: /--format must be one of json, csv/ },
      { args: ['--what', 'visits', '--from', '2026-03-01'], message: /period_required/ },
      {
        args: ['--what', 'events', '--from', '2026-04-01', '--to', '2026-03-01'],
        message: /--from must be before --to: 2026-04-01 is not before 2026-03-01/,
      },
      {
        args: ['--what', 'visits', '--from', 'yesterday', '--to', '2026-03-01'],
        message:
          /--from must be a day such as 2026-11-30 or an ISO time such as 2026-11-30T08:00:00\+01:00, not "yesterday"/,
      },
      {
        args: ['--what', 'events', '--from', '2026-02-01', '--to', '2026-02-30T00:00:00Z'],
        message: /--to: 2026-02-30 is not a date in the calendar/,
      },
      {
        args: ['--what', 'events', '--from', '2025-01-01', '--to', '2026-03-01'],
        message: /An export covers at most 366 days\. \(400 invalid_range\)/,
      },
      { args: ['--what', 'registry', '--from', '2026-03-01'], message: /export_has_no_period/ },
      { args: ['--what', 'registry', '--token', 'pvt_wrong'], message: /invalid_token/ },
    ];
    for (const { args, message } of cases) {
      const out = join(dir, 'refused');
      const result = await runExport(...args, '--out', out);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(await readdir(dir)).not.toContain('refused');
      expect((await readdir(dir)).filter((name) => name.endsWith('.partial'))).toEqual([]);
    }
    // Each run starts the CLI afresh (several seconds each on a busy machine).
  }, 240_000);
});

describe('the period of an export', () => {
  const period = (from: string, to: string) =>
    Object.fromEntries(
      new URLSearchParams(
        checkExportOptions({ url: 'http://x', token: 't', what: 'visits', format: 'json', from, to }).period,
      ),
    );

  it('reads a day as its midnight in Stockholm, the municipality’s month as the compensation run has it', () => {
    // November: Stockholm is UTC+1, so 1 November starts at 23:00 UTC on 31 October.
    expect(period('2026-11-01', '2026-12-01')).toEqual({
      from: '2026-10-31T23:00:00.000Z',
      to: '2026-11-30T23:00:00.000Z',
    });
    // Summer time (UTC+2), and the night the clocks go back (25 October).
    expect(period('2026-06-01', '2026-10-26')).toEqual({
      from: '2026-05-31T22:00:00.000Z',
      to: '2026-10-25T23:00:00.000Z',
    });
  });

  it('keeps a time given with its offset as it is', () => {
    expect(period('2026-11-01T08:00:00+01:00', '2026-11-02T00:00:00Z')).toEqual({
      from: '2026-11-01T07:00:00.000Z',
      to: '2026-11-02T00:00:00.000Z',
    });
  });
});
