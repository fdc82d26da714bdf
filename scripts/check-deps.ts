// Dependencies point one way (docs/ARCHITECTURE.md). protocol and core are pure: they may not
// import Node built-ins, I/O libraries or any outer package. Inside a package, a capability folder
// (`src/<capability>/`) reaches another capability only through that one's `index.ts`, so each
// capability can reshape its internals without breaking its neighbours (docs/CODE_STYLE.md).
// Run by `npm run check`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Which internal packages each package may import. */
export const allowedInternal: Record<string, string[]> = {
  protocol: [],
  contract: ['core', 'protocol'],
  core: ['protocol'],
  storage: ['core', 'protocol'],
  devices: ['protocol', 'core'],
  simulation: ['devices', 'protocol'],
  server: ['contract', 'storage', 'core', 'protocol'],
  web: ['contract', 'protocol', 'core', 'devices'],
  cli: ['server', 'contract', 'storage', 'core', 'protocol', 'devices', 'simulation'],
};

/** External modules a pure package may use; anything else there is a violation. */
const pureExternal: Record<string, string[]> = {
  protocol: ['cborg'],
  contract: ['typebox'],
  // date-holidays: the holiday rules with their data bundled, no I/O (core/src/visits/public-holidays.ts).
  core: ['date-holidays'],
};

/**
 * Folders under a package's `src/` that are not capabilities: anyone in the package may import
 * any file in them, and their files (the app, the shell, the router) may wire capabilities
 * together from their internals.
 */
export const sharedFolders = ['platform', 'shared'];

const importPattern =
  /(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function listSources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...listSources(path));
    else if (/\.(ts|tsx)$/.test(entry)) out.push(path);
  }
  return out;
}

/** Returns one line per import that breaks the layering, for the packages under `root`. */
export function findViolations(root: string): string[] {
  const violations: string[] = [];
  for (const pkg of Object.keys(allowedInternal)) {
    const srcDir = join(root, 'packages', pkg, 'src');
    let files: string[];
    try {
      files = listSources(srcDir);
    } catch {
      continue;
    }
    for (const file of files) {
      const isTest = /\.test\.tsx?$/.test(file) || file.includes(`${join('src', 'testing')}`);
      const isTestSupport = isTest || /\.testing\.tsx?$/.test(file);
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(importPattern)) {
        const spec = match[1] ?? match[2];
        if (!spec) continue;
        const where = `${relative(root, file)}: imports '${spec}'`;
        if (spec.startsWith('.')) {
          const reason = isTestSupport ? undefined : findCapabilityBreach(srcDir, file, spec);
          if (reason) violations.push(`${where} (${reason})`);
          continue;
        }
        const internal = /^@portvakt\/([^/]+)/.exec(spec);
        if (internal) {
          const target = internal[1]!;
          if (target !== pkg && !allowedInternal[pkg]!.includes(target)) {
            violations.push(`${where} (${pkg} may not depend on ${target})`);
          }
          continue;
        }
        const allowedPure = pureExternal[pkg];
        if (allowedPure && !isTest) {
          const base = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
          if (!allowedPure.includes(base)) {
            violations.push(`${where} (${pkg} is pure: no Node built-ins or I/O libraries)`);
          }
        }
      }
    }
  }
  return violations;
}

/** The capability folder a path under `srcDir` lies in, with the rest of its path; none for shared or top-level files. */
function locateInCapability(
  srcDir: string,
  path: string,
): { capability: string; rest: string[] } | undefined {
  const parts = relative(srcDir, path).split(sep);
  const capability = parts[0]!;
  if (parts.length < 2 || capability === '..' || sharedFolders.includes(capability)) return undefined;
  return { capability, rest: parts.slice(1) };
}

/** Why a relative import from `file` reaches into another capability's internals, if it does. */
function findCapabilityBreach(srcDir: string, file: string, spec: string): string | undefined {
  const from = locateInCapability(srcDir, file);
  if (!from) return undefined;
  const target = resolve(dirname(file), spec);
  if (relative(srcDir, target) === '' || relative(srcDir, target).startsWith('..')) return undefined;
  const parts = relative(srcDir, target).split(sep);
  const capability = parts[0]!;
  if (capability === from.capability || sharedFolders.includes(capability)) return undefined;
  const rest = parts.slice(1);
  // `../<capability>` resolves to its index.ts; so does `../<capability>/index`.
  if (rest.length === 0 || (rest.length === 1 && /^index(\.(ts|tsx|js))?$/.test(rest[0]!))) return undefined;
  return `${from.capability} may use ${capability} only through ${capability}/index.ts`;
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const root = join(fileURLToPath(import.meta.url), '..', '..');
  const violations = findViolations(root);
  if (violations.length > 0) {
    console.error(`Dependency direction violated:\n  ${violations.join('\n  ')}`);
    process.exit(1);
  }
  console.log('Dependency direction: ok');
}
