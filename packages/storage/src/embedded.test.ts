import { spawnSync } from 'node:child_process';
import { mkdtempSync, chmodSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const storageIndex = join(import.meta.dirname, 'index.ts');

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
      cwd: join(import.meta.dirname, '..', '..', '..'),
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(3);
    expect(postgresProcessesFor(dir)).toBe(0);
  }, 60_000);
});
