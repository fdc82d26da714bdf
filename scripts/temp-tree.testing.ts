import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

/**
 * Writes `files` (path → text) into a fresh temporary folder and returns its path; the folder is
 * made in `parent` (inside the repository when the files must import its packages) and removed
 * when the calling test finishes.
 */
export function makeTree(files: Record<string, string>, parent = tmpdir()): string {
  const root = mkdtempSync(join(parent, 'tree-'));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  for (const [path, text] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, text);
  }
  return root;
}
