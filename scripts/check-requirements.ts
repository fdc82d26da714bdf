// Code comments cite requirement ids (`R3.2`); every cited id must be defined in
// docs/requirements.md, so a reader can look it up inside the repository.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folders whose files may cite requirements; build output and dependencies are skipped. */
const citingFolders = ['packages', 'docs', 'tests', 'bench'];
const skippedFolders = new Set(['node_modules', 'dist', 'test-artifacts', 'data']);
const citingFile = /\.(ts|tsx|md|sql|js|mjs)$/;
const citedId = /\bR\d+(?:\.\d+)?\b/g;
/** A definition is a section heading (`## R3 …`) or a list entry (`- **R3.2** …`). */
const definedId = /^(?:#+\s+|-\s+\*\*)(R\d+(?:\.\d+)?)\b/gm;

function listFiles(dir: string): string[] {
  const out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (skippedFolders.has(entry)) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...listFiles(path));
    else if (citingFile.test(entry)) out.push(path);
  }
  return out;
}

/** The ids docs/requirements.md defines. */
export function readDefinedIds(root: string): Set<string> {
  const text = readFileSync(join(root, 'docs', 'requirements.md'), 'utf8');
  return new Set([...text.matchAll(definedId)].map((match) => match[1]!));
}

/** Returns one line per cited id that docs/requirements.md does not define, with where it is cited. */
export function findUnresolvedCitations(root: string): string[] {
  const defined = readDefinedIds(root);
  const unresolved: string[] = [];
  for (const folder of citingFolders) {
    for (const file of listFiles(join(root, folder))) {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, index) => {
        for (const [id] of line.matchAll(citedId)) {
          if (!defined.has(id)) unresolved.push(`${relative(root, file)}:${index + 1}: ${id}`);
        }
      });
    }
  }
  return unresolved;
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const root = join(fileURLToPath(import.meta.url), '..', '..');
  const unresolved = findUnresolvedCitations(root);
  if (unresolved.length > 0) {
    console.error(`Requirement ids cited but not in docs/requirements.md:\n  ${unresolved.join('\n  ')}`);
    process.exit(1);
  }
  console.log('Requirement ids: ok');
}
