import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { portvaktBin, readServerNodeFlags } from './node-flags';

const rootPackage = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
  scripts: Record<string, string>;
};

describe('the server’s Node flags', () => {
  it('are read from the executable’s shebang', () => {
    expect(readServerNodeFlags()).toEqual(['--max-semi-space-size=64']);
  });

  it('are the ones npm start passes', () => {
    expect(rootPackage.scripts.start).toContain(
      `node ${readServerNodeFlags().join(' ')} packages/cli/bin/portvakt.js start`,
    );
  });

  it('are accepted by this Node', () => {
    const result = spawnSync(process.execPath, [...readServerNodeFlags(), '-e', '0'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('run the executable directly', () => {
    const result = spawnSync(portvaktBin, ['--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
  });
});
