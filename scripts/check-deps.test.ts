import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findViolations } from './check-deps';

function makeTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'deps-'));
  for (const [path, text] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, text);
  }
  return root;
}

describe('dependency direction check', () => {
  it('accepts the real repository', () => {
    expect(findViolations(join(import.meta.dirname, '..'))).toEqual([]);
  });

  it('rejects core importing storage and a Node built-in', () => {
    const root = makeTree({
      'packages/core/src/a.ts':
        "import { x } from '@portvakt/storage';\nimport { readFile } from 'node:fs';\n",
    });
    const violations = findViolations(root);
    expect(violations).toHaveLength(2);
    expect(violations[0]).toContain('core may not depend on storage');
    expect(violations[1]).toContain('pure');
  });

  it('rejects protocol importing pg but allows cborg', () => {
    const root = makeTree({
      'packages/protocol/src/a.ts': "import { encode } from 'cborg';\nexport { Pool } from 'pg';\n",
    });
    expect(findViolations(root)).toEqual([expect.stringContaining("imports 'pg'")]);
  });

  it('rejects storage importing server', () => {
    const root = makeTree({ 'packages/storage/src/a.ts': "const s = await import('@portvakt/server');\n" });
    expect(findViolations(root)).toEqual([expect.stringContaining('storage may not depend on server')]);
  });
});
