// Ready to shard by municipality (issue #16 item 5, docs/sharding.md). A distributed database
// (Citus) places each row on its municipality's shard, so (a) every table holding one
// municipality's data needs municipality_id, in every primary, unique and foreign key, and (b)
// every query of such a table must name the municipality so it can be sent to one shard.
// (a) reads the catalogue of a freshly migrated embedded PostgreSQL; (b) reads the SQL strings in
// packages/storage/src. Run by `npm run check` as `npm run sharding:check`.
import { mkdtemp, rm } from 'node:fs/promises';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** Tables of no one municipality, each with why. Everything else must carry municipality_id. */
export const globalTables: Record<string, string> = {
  municipality: 'the list of municipalities itself (a Citus reference table)',
  schema_migration: 'which migrations ran, for the whole database',
  app_privilege_limit: "the app role's revoked privileges per table, read by migrations only",
  login_throttle:
    'counts failed sign-ins per username and address before any account, hence municipality, is known',
  retention_run: 'the cluster-wide retention job, one run covering every municipality in a loop',
  audit_entry:
    "the audit trail holds platform entries of no municipality (chain scope 'global') beside each municipality's; its keys are the chain's",
  audit_chain: "one row per audit chain: each municipality's, and the platform's 'global' one",
  passkey_challenge:
    'a sign-in challenge for a discoverable passkey exists before anyone is known; a challenge for a named account carries its municipality',
};

/** Unique keys of municipality tables that stay global on purpose, each with why. */
export const globalKeys: Record<string, string> = {
  user_account_username_key:
    'signing in finds the account by username before its municipality is known; under Citus a username→municipality reference table keeps this',
  passkey_credential_credential_id_key:
    'a passkey sign-in finds the account by the credential id before its municipality is known (same remedy as usernames)',
  lock_device_serial_key:
    "an installer's scanned serial finds its lock in any municipality (findLockBySerial); same remedy: a serial→municipality reference table",
};

export interface Problem {
  where: string;
  table: string;
  what: string;
}

/** Tables (not partitions) of the public schema and whether municipality_id is NOT NULL there. */
async function readTables(
  db: pg.ClientBase | pg.Pool,
): Promise<Map<string, 'not_null' | 'nullable' | 'missing'>> {
  const { rows } = await db.query<{ name: string; state: 'not_null' | 'nullable' | 'missing' }>(
    `SELECT c.relname AS name,
       CASE WHEN a.attnum IS NULL THEN 'missing' WHEN a.attnotnull THEN 'not_null' ELSE 'nullable' END AS state
     FROM pg_class c
     JOIN pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'municipality_id' AND NOT a.attisdropped
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition`,
  );
  return new Map(rows.map((row) => [row.name, row.state]));
}

/** The municipality tables: every table of the schema that is not listed as global. */
export async function readMunicipalTables(db: pg.ClientBase | pg.Pool): Promise<Set<string>> {
  const tables = await readTables(db);
  return new Set([...tables.keys()].filter((name) => !(name in globalTables)));
}

/** (a) What the catalogue breaks: missing columns, keys and foreign keys without municipality_id. */
export async function findCatalogueProblems(db: pg.ClientBase | pg.Pool): Promise<Problem[]> {
  const problems: Problem[] = [];
  const tables = await readTables(db);
  for (const [table, state] of tables) {
    if (table in globalTables) continue;
    if (state !== 'not_null')
      problems.push({
        where: 'database',
        table,
        what: `municipality_id is ${state === 'missing' ? 'missing' : 'nullable'} (or list the table as global, with why)`,
      });
  }
  const municipal = [...tables.keys()].filter((name) => !(name in globalTables));
  const { rows: keys } = await db.query<{ table: string; name: string; def: string }>(
    `SELECT c.relname AS table, i.relname AS name, pg_get_indexdef(i.oid) AS def
     FROM pg_index x
     JOIN pg_class c ON c.oid = x.indrelid
     JOIN pg_class i ON i.oid = x.indexrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND x.indisunique AND c.relname = ANY($1::text[]) AND NOT c.relispartition
       AND NOT EXISTS (SELECT 1 FROM pg_attribute a
         WHERE a.attrelid = c.oid AND a.attname = 'municipality_id' AND a.attnum = ANY(x.indkey))`,
    [municipal],
  );
  for (const key of keys) {
    if (key.name in globalKeys) continue;
    problems.push({
      where: 'database',
      table: key.table,
      what: `unique key without municipality_id: ${key.def}`,
    });
  }
  const { rows: foreignKeys } = await db.query<{ table: string; def: string }>(
    `SELECT c.relname AS table, pg_get_constraintdef(f.oid) AS def
     FROM pg_constraint f
     JOIN pg_class c ON c.oid = f.conrelid
     JOIN pg_class t ON t.oid = f.confrelid
     WHERE f.contype = 'f' AND f.conparentid = 0 AND c.relname = ANY($1::text[]) AND t.relname = ANY($1::text[])
       AND NOT EXISTS (SELECT 1 FROM pg_attribute a
         WHERE a.attrelid = c.oid AND a.attname = 'municipality_id' AND a.attnum = ANY(f.conkey))`,
    [municipal],
  );
  for (const key of foreignKeys)
    problems.push({
      where: 'database',
      table: key.table,
      what: `foreign key without municipality_id: ${key.def}`,
    });
  return problems;
}

/** A SQL string found in a source file, with where it starts. */
interface SqlText {
  text: string;
  line: number;
}

// SQL is written with upper-case keywords here; that tells it from prose ("from the door") and
// also catches fragments spliced into a statement (`shift_extended AS (UPDATE … FROM …)`).
const sqlKeyword = /\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\b/;
const tableKeyword = /\b(FROM|INTO|UPDATE|JOIN)\b/;

/**
 * The string literals of a TypeScript file that are SQL statements. Interpolations in template
 * literals become `$0` (most splice in a parameter), so a fragment that is spliced in is judged
 * where it is written.
 */
export function extractSql(source: string): SqlText[] {
  const found: SqlText[] = [];
  let line = 1;
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i]!;
    if (ch === '\n') line += 1;
    else if (ch === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i + 1] !== '\n') i += 1;
    } else if (ch === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end < 0 ? source.length : end + 1;
      for (let j = i; j < stop; j += 1) if (source[j] === '\n') line += 1;
      i = stop;
    } else if (ch === '`' || ch === "'" || ch === '"') {
      const startLine = line;
      let text = '';
      let depth = 0;
      for (i += 1; i < source.length; i += 1) {
        const c = source[i]!;
        if (c === '\n') line += 1;
        if (depth > 0) {
          if (c === '{') depth += 1;
          else if (c === '}') depth -= 1;
          continue;
        }
        if (c === '\\') {
          text += source[i + 1] ?? '';
          i += 1;
        } else if (c === ch) break;
        else if (ch === '`' && c === '$' && source[i + 1] === '{') {
          depth = 1;
          i += 1;
          text += '$0';
        } else text += c;
      }
      if (sqlKeyword.test(text) && tableKeyword.test(text)) found.push({ text, line: startLine });
    }
  }
  return found;
}

const notAliases = new Set([
  'where',
  'on',
  'set',
  'join',
  'left',
  'right',
  'inner',
  'full',
  'cross',
  'using',
  'group',
  'order',
  'limit',
  'returning',
  'values',
  'select',
  'for',
  'union',
  'having',
  'natural',
  'lateral',
  'offset',
  'window',
  'except',
  'intersect',
  'default',
  'overriding',
  'as',
  'do',
  'when',
  'then',
  'and',
  'or',
  'fetch',
]);

/** Where a municipality table is used in one SQL string without its municipality_id named. */
export function findUnscopedTables(
  sql: string,
  municipalTables: Set<string>,
): Array<{ table: string; offset: number; what: string }> {
  const withoutComments = sql.replace(/--[^\n]*/g, (c) => ' '.repeat(c.length));
  const references: Array<{ table: string; alias: string; offset: number; end: number; columns?: string }> =
    [];
  const starts: number[] = [];
  const pattern =
    /\b(FROM|JOIN|INTO|UPDATE)\s+(?:ONLY\s+)?([a-z_][a-z0-9_]*)\b(?:\s+(?:AS\s+)?([a-z_][a-z0-9_]*))?/g;
  for (const match of withoutComments.matchAll(pattern)) {
    starts.push(match.index);
    const table = match[2]!;
    if (!municipalTables.has(table)) continue;
    const next = match[3];
    const alias = next && !notAliases.has(next) ? next : table;
    let columns: string | undefined;
    if (match[1] === 'INTO') {
      const after = withoutComments.slice(match.index + match[0].length);
      columns = /^\s*\(([^)]*)\)/.exec(after)?.[1];
    }
    references.push({ table, alias, offset: match.index, end: match.index + match[0].length, columns });
  }
  const bare = /(^|[^.\w])municipality_id\b/;
  const unscoped = references
    .filter((ref) => {
      if (ref.columns !== undefined) return !/\bmunicipality_id\b/.test(ref.columns);
      if (new RegExp(`\\b${ref.alias}\\.municipality_id\\b`).test(withoutComments)) return false;
      if (references.length === 1) return !bare.test(withoutComments);
      // A table without an alias may name the column bare up to the next table it reads
      // (`(SELECT … FROM issuer_key WHERE municipality_id = m.id) i`).
      if (ref.alias !== ref.table) return true;
      const nextStart = starts.find((start) => start > ref.offset) ?? withoutComments.length;
      return !bare.test(withoutComments.slice(ref.end, nextStart));
    })
    .map(({ table, offset }) => ({ table, offset, what: 'query without municipality_id' }));
  if (unscoped.length > 0 || references.length === 0) return unscoped;
  // Every table names the column, but a router also needs its value: a parameter, a list, or
  // the municipality row (`= m.id`), not only equalities between two tables' columns.
  const isInsertNaming = references.some((ref) => ref.columns !== undefined);
  const routing = /\bmunicipality_id\s*(=|IN\b)\s*(ANY\s*\(\s*)?(\$\d|'|\(|[a-z_]+\.id\b)/;
  if (isInsertNaming || routing.test(withoutComments)) return [];
  const first = references[0]!;
  return [
    {
      table: first.table,
      offset: first.offset,
      what: 'no filter on municipality_id: cannot be routed to one shard',
    },
  ];
}

/**
 * An allowed query says why in a comment inside it: `/* sharding: <reason> *\/` (a block comment,
 * so a fragment spliced into a longer statement does not comment out what follows it).
 */
const allowMarker = /\/\*\s*sharding:\s*([^*]+)\*\//;

export interface QueryFindings {
  problems: Problem[];
  allowed: Array<{ where: string; reason: string }>;
}

/** (b) The queries of the given files that use a municipality table without municipality_id. */
export function findQueryProblems(
  files: Array<{ path: string; source: string }>,
  municipalTables: Set<string>,
): QueryFindings {
  const problems: Problem[] = [];
  const allowed: QueryFindings['allowed'] = [];
  for (const file of files) {
    for (const sql of extractSql(file.source)) {
      const unscoped = findUnscopedTables(sql.text, municipalTables);
      if (unscoped.length === 0) continue;
      const marker = allowMarker.exec(sql.text);
      if (marker) {
        allowed.push({ where: `${file.path}:${sql.line}`, reason: marker[1]!.trim() });
        continue;
      }
      for (const ref of unscoped) {
        const line = sql.line + (sql.text.slice(0, ref.offset).match(/\n/g)?.length ?? 0);
        problems.push({
          where: `${file.path}:${line}`,
          table: ref.table,
          what: ref.what,
        });
      }
    }
  }
  return { problems, allowed };
}

/** The storage sources whose SQL reaches the database (tests and test fixtures excluded). */
export function readStorageSources(root: string): Array<{ path: string; source: string }> {
  const out: Array<{ path: string; source: string }> = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ts$/.test(entry) && !/\.(test|testing)\.ts$/.test(entry))
        out.push({ path: relative(root, path), source: readFileSync(path, 'utf8') });
    }
  };
  walk(join(root, 'packages', 'storage', 'src'));
  return out;
}

/**
 * Queries not fixed yet, per file and table with their count: listed so the check fails on any new
 * one while these are fixed capability by capability (docs/sharding.md "Not done yet"). This is a
 * to-do list, not an allowlist: an entry has no reason to stay.
 */
export function readPending(root: string): Map<string, number> {
  const pending = new Map<string, number>();
  let text = '';
  try {
    text = readFileSync(join(root, 'scripts', 'sharding-pending.txt'), 'utf8');
  } catch {
    return pending;
  }
  for (const line of text.split('\n')) {
    const [file, table, count] = line.trim().split(/\s+/);
    if (!file || file.startsWith('#') || !table || !count) continue;
    pending.set(`${file} ${table}`, Number(count));
  }
  return pending;
}

/** The query problems beyond what the pending list holds, and the pending list as it is now. */
export function compareWithPending(
  problems: Problem[],
  pending: Map<string, number>,
): { beyond: Problem[]; current: Map<string, number> } {
  const current = new Map<string, number>();
  for (const problem of problems) {
    const key = `${problem.where.replace(/:\d+$/, '')} ${problem.table}`;
    current.set(key, (current.get(key) ?? 0) + 1);
  }
  const beyond = problems.filter((problem) => {
    const key = `${problem.where.replace(/:\d+$/, '')} ${problem.table}`;
    return (current.get(key) ?? 0) > (pending.get(key) ?? 0);
  });
  return { beyond, current };
}

async function main(): Promise<number> {
  const root = join(fileURLToPath(import.meta.url), '..', '..');
  const { startEmbeddedPostgres } = await import('../packages/storage/src/platform/embedded');
  const { migrate } = await import('../packages/storage/src/platform/migrate');
  const dir = await mkdtemp(join(tmpdir(), 'portvakt-sharding-'));
  const server = await startEmbeddedPostgres({ dataDir: dir, isEphemeral: true });
  let catalogue: Problem[];
  let municipal: Set<string>;
  try {
    const pool = new pg.Pool({ connectionString: server.adminUrl, max: 1 });
    try {
      await migrate(pool);
      catalogue = await findCatalogueProblems(pool);
      municipal = await readMunicipalTables(pool);
    } finally {
      await pool.end();
    }
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
  const { problems, allowed } = findQueryProblems(readStorageSources(root), municipal);
  const pending = readPending(root);
  const { beyond, current } = compareWithPending(problems, pending);
  const show = (list: Problem[]) => list.map((p) => `  ${p.where}  ${p.table}: ${p.what}`).join('\n');
  if (process.argv.includes('--list')) {
    console.log(`Allowed queries (${allowed.length}):`);
    for (const entry of allowed) console.log(`  ${entry.where}  ${entry.reason}`);
    console.log(`Queries not fixed yet (${problems.length}):\n${show(problems)}`);
  }
  if (process.argv.includes('--write-pending')) {
    const lines = [...current].sort(([a], [b]) => a.localeCompare(b)).map(([key, n]) => `${key} ${n}`);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      join(root, 'scripts', 'sharding-pending.txt'),
      `# Queries of municipality tables that do not name municipality_id yet: file table count.\n` +
        `# A to-do list (docs/sharding.md), not an allowlist; \`npm run sharding:check\` fails on any new one.\n` +
        lines.join('\n') +
        '\n',
    );
  }
  const failures = [...catalogue, ...beyond];
  if (failures.length > 0) {
    console.error(`Not ready to shard by municipality (docs/sharding.md):\n${show(failures)}`);
    return 1;
  }
  const shrunk = [...pending].filter(([key, n]) => (current.get(key) ?? 0) < n);
  if (shrunk.length > 0)
    console.log(
      `Sharding: fewer unscoped queries than scripts/sharding-pending.txt lists; run with --write-pending`,
    );
  console.log(
    `Sharding: ok (${municipal.size} municipality tables; ${allowed.length} allowed queries; ${problems.length} queries still pending)`,
  );
  return 0;
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) process.exitCode = await main();
