import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Writes `files` (path → text) into a fresh temporary folder and returns its path; the folder is
 * made in `parent` (inside the repository when the files must import its packages).
 */
export function makeTree(files: Record<string, string>, parent = tmpdir()): string {
  const root = mkdtempSync(join(parent, 'tree-'));
  for (const [path, text] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, text);
  }
  return root;
}
