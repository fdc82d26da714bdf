import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, chmodSync, readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type * as storage from '../index';

const storageIndex = join(import.meta.dirname, '..', 'index.ts');

function postgresProcessesFor(dir: string): number {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
        return cmdline.includes('postgres') && cmdline.includes(dir);
      } catch {
        return false;
      }
    }).length;
}

describe('the embedded PostgreSQL', () => {
  it('keeps the program’s own exit code and leaves no PostgreSQL behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pv-exit-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    chmodSync(dir, 0o755);
    const script = `
      const { startEmbeddedPostgres } = await import(${JSON.stringify(storageIndex)});
      const server = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dir)}, isEphemeral: true });
      await server.stop();
      // A failing command sets its exit code and lets the process end by itself.
      process.exitCode = 3;
    `;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      cwd: join(import.meta.dirname, '..', '..', '..', '..'),
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(3);
    expect(postgresProcessesFor(dir)).toBe(0);
  }, 60_000);

  it('takes another port when the one it chose is taken before PostgreSQL binds it', async () => {
    const { startEmbeddedPostgres } = (await import(storageIndex)) as typeof storage;
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const taken = (squatter.address() as AddressInfo).port;
    const dir = mkdtempSync(join(tmpdir(), 'pv-port-'));
    chmodSync(dir, 0o755);
    try {
      const server = await startEmbeddedPostgres({ dataDir: dir, isEphemeral: true, port: taken });
      const port = /@(?:127\.0\.0\.1|localhost):(\d+)\//.exec(server.adminUrl)?.[1];
      await server.stop();
      expect(Number(port)).toBeGreaterThan(0);
      expect(Number(port)).not.toBe(taken);
    } finally {
      squatter.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

/** Runs `script` in a child Node process with the storage package loaded as `storage`. */
function nodeScript(script: string) {
  return [
    '--import',
    'tsx',
    '--input-type=module',
    '-e',
    `const storage = await import(${JSON.stringify(storageIndex)});\n${script}`,
  ];
}
const repoRoot = join(import.meta.dirname, '..', '..', '..', '..');

/** Starts a cluster owner in a child process and waits until it says the cluster is up. */
async function startOwner(dir: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    nodeScript(`
      await storage.startEmbeddedPostgres({ dataDir: ${JSON.stringify(dir)} });
      console.log('ready');
      setInterval(() => undefined, 1000);
    `),
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  while (!output.includes('ready')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`owner did not start: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return child;
}

/** Opens the cluster in a second process, reports whether it was shared, and stops its handle. */
function openAgain(dir: string) {
  return spawnSync(
    process.execPath,
    nodeScript(`
      const server = await storage.startEmbeddedPostgres({ dataDir: ${JSON.stringify(dir)} });
      console.log(JSON.stringify({ isShared: server.isShared }));
      await server.stop();
    `),
    { encoding: 'utf8', cwd: repoRoot },
  );
}

describe('an orphaned embedded PostgreSQL (issue 9 item 8b)', () => {
  it('after its owner is killed with SIGKILL, the next start stops it and runs it as its own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pv-orphan-'));
    chmodSync(dir, 0o755);
    const owner = await startOwner(dir);
    const exited = new Promise((resolve) => owner.once('exit', resolve));
    owner.kill('SIGKILL');
    await exited;
    // The attack's precondition: PostgreSQL outlived the process that started it.
    expect(postgresProcessesFor(dir)).toBeGreaterThan(0);

    const next = openAgain(dir);
    expect(next.stderr).toBe('');
    expect(next.status).toBe(0);
    // Not adopted as someone else's: taken over, and stopped with its new owner.
    expect(JSON.parse(next.stdout.trim().split('\n').at(-1)!)).toEqual({ isShared: false });
    expect(postgresProcessesFor(dir)).toBe(0);
    await rm(dir, { recursive: true, force: true });
  }, 120_000);

  it('while its owner lives, a second process shares it and leaves it running', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pv-shared-'));
    chmodSync(dir, 0o755);
    const owner = await startOwner(dir);
    try {
      const second = openAgain(dir);
      expect(second.status).toBe(0);
      expect(JSON.parse(second.stdout.trim().split('\n').at(-1)!)).toEqual({ isShared: true });
      expect(postgresProcessesFor(dir)).toBeGreaterThan(0);
    } finally {
      const exited = new Promise((resolve) => owner.once('exit', resolve));
      owner.kill('SIGTERM');
      await exited;
    }
    // The owner stops it on its way out.
    expect(postgresProcessesFor(dir)).toBe(0);
    await rm(dir, { recursive: true, force: true });
  }, 120_000);
});

describe('the embedded PostgreSQL started by root', () => {
  // Only root hands PostgreSQL to the postgres user; as anyone else there is nothing to reach.
  it.runIf(process.getuid?.() === 0)(
    'says which folder the postgres user cannot reach instead of crashing',
    async () => {
      const closed = mkdtempSync(join(tmpdir(), 'portvakt-closed-'));
      chmodSync(closed, 0o700);
      const dataDir = join(closed, 'data');
      try {
        const { startEmbeddedPostgres } = await import('./embedded');
        await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(
          `that user cannot reach the data directory (${dataDir})`,
        );
        expect(postgresProcessesFor(dataDir)).toBe(0);
      } finally {
        await rm(closed, { recursive: true, force: true });
      }
    },
  );
});
