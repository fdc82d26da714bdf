import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree } from './temp-tree.testing';

const repository = join(import.meta.dirname, '..');
const temporary = join(repository, '.tmp');
mkdirSync(temporary, { recursive: true });
const folder = mkdtempSync(join(temporary, 'file-setup-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/**
 * Runs `files` as a test run of their own, one worker without isolation as in vitest.config.ts,
 * with this repository's per-file setup. The default sequencer runs larger files first, so a
 * file padded with a comment runs before a short one.
 */
function runFiles(files: Record<string, string>): { status: number | null; output: string } {
  const setup = JSON.stringify(join(import.meta.dirname, 'test-file-setup.ts'));
  const root = makeTree(
    {
      ...files,
      'vitest.config.ts': `export default { test: { include: ['*.test.ts'], setupFiles: [${setup}], pool: 'forks', maxWorkers: 1, isolate: false } };\n`,
    },
    folder,
  );
  const result = spawnSync(
    process.execPath,
    [join(repository, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=verbose'],
    { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } },
  );
  return { status: result.status, output: result.stdout + result.stderr };
}

const padding = `// ${'first '.repeat(400)}\n`;

describe('the per-file test setup', () => {
  it('fails a file that leaves an environment variable set, and the next file sees it unset', () => {
    const run = runFiles({
      'leaks.test.ts': `${padding}import { it } from 'vitest';\nit('sets a variable', () => { process.env.PORTVAKT_LEAK_PROBE = '1'; });\n`,
      'next.test.ts': `import { expect, it } from 'vitest';\nit('starts without it', () => { expect(process.env.PORTVAKT_LEAK_PROBE).toBeUndefined(); });\n`,
    });
    expect(run.output).toContain(
      'left shared process state changed (now restored): process.env PORTVAKT_LEAK_PROBE',
    );
    expect(run.output).toMatch(/✓ next\.test\.ts > starts without it/);
    expect(run.status).not.toBe(0);
  }, 120_000);

  it('fails a file that leaves fake timers on', () => {
    const run = runFiles({
      'timers.test.ts': `import { it, vi } from 'vitest';\nit('fakes time', () => { vi.useFakeTimers(); });\n`,
    });
    expect(run.output).toContain('(now restored): fake timers');
    expect(run.status).not.toBe(0);
  }, 120_000);

  it('passes files that put back what they change, and gives each file WebCrypto signatures', () => {
    const run = runFiles({
      'restores.test.ts': `${padding}import { afterAll, it } from 'vitest';
import { useEs256Engine } from '@portvakt/protocol';
const before = process.env.TZ;
afterAll(() => { if (before === undefined) delete process.env.TZ; else process.env.TZ = before; });
it('changes the time zone and the signing engine', () => {
  process.env.TZ = 'Asia/Tokyo';
  useEs256Engine({ sign: () => { throw new Error('the engine of an earlier file'); }, verify: async () => false });
});
`,
      'signs.test.ts': `import { expect, it } from 'vitest';
import { generateSigningKeyPair, signEs256, verifyEs256 } from '@portvakt/protocol';
it('signs and verifies', async () => {
  const keys = await generateSigningKeyPair();
  const data = new TextEncoder().encode('x');
  expect(await verifyEs256(keys.publicKey, await signEs256(keys.privateKey, data), data)).toBe(true);
});
`,
    });
    expect(run.output).toMatch(/✓ restores\.test\.ts/);
    expect(run.output).toMatch(/✓ signs\.test\.ts > signs and verifies/);
    expect(run.status).toBe(0);
  }, 120_000);
});
