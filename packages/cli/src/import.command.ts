// `portvakt import`: files from the care system into the registry (docs/imports.md), the same
// import as POST /api/v1/imports, acting as a municipality administrator's account.
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Actor } from '@portvakt/core';
import { startImport, type StartedImport } from '@portvakt/server';
import { readConfig, type Config } from '@portvakt/server/config';
import { findMunicipalityIdByCode, findUserByUsername } from '@portvakt/storage';
import type { Command } from 'commander';
import type pg from 'pg';
import { withMigratedDatabase } from './configured-database';
import { createProgressBar, type ProgressStream } from './import-progress-bar';
import { readUtf8File } from './read-utf8';

type ImportOutcome = StartedImport['outcome'];

export interface ImportCommandOptions {
  files: string[];
  municipality: string;
  as: string;
  isDryRun: boolean;
  isFull: boolean;
  now?: Date;
}

/** What the command prints: the counts and each change, one line each (the first 50). */
export function describeOutcome(outcome: ImportOutcome, isDryRun: boolean): string[] {
  const verb = isDryRun ? 'would be' : 'were';
  const lines = [
    `${outcome.rows} row(s) read: ${outcome.created} ${verb} created, ${outcome.updated} changed, ${outcome.ended} ended, ${outcome.unchanged} unchanged.`,
  ];
  for (const change of outcome.changes.slice(0, 50)) {
    const where = change.file ? ` (${change.file}:${change.line})` : ' (not in the file)';
    const fields = change.fields
      .map(({ field, before, after }) => `${field}: ${JSON.stringify(before)} → ${JSON.stringify(after)}`)
      .join(', ');
    lines.push(`  ${change.action} ${change.kind} ${change.key}${where}: ${fields}`);
  }
  const more = outcome.created + outcome.updated + outcome.ended - Math.min(50, outcome.changes.length);
  if (more > 0) lines.push(`  … and ${more} more change(s).`);
  return lines;
}

/** The account the command acts as: an enabled account of the municipality (its role decides). */
async function findActor(pool: pg.Pool, municipalityCode: string, username: string): Promise<Actor> {
  const municipalityId = await findMunicipalityIdByCode(pool, municipalityCode);
  if (!municipalityId) throw new Error(`No municipality with code ${municipalityCode}.`);
  const user = await findUserByUsername(pool, username);
  if (!user || user.municipalityId !== municipalityId || user.isDisabled)
    throw new Error(`No enabled account ${username} in municipality ${municipalityCode}.`);
  return {
    kind: 'user',
    id: user.id,
    label: user.username,
    role: user.role,
    municipalityId,
    providerId: user.providerId,
    isReadOnly: false,
  };
}

/**
 * Refuses to import into no database: without DATABASE_URL the import uses the embedded cluster
 * `portvakt start` made under DATA_DIR (default ./data, as for `start`), and must not make a new,
 * empty one there, as any command on a new data directory would (a mistyped DATA_DIR, or a run
 * from another folder, would import into a database no server uses).
 */
export function refuseMissingDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): void {
  if (config.databaseUrl) return;
  // The embedded cluster's layout (storage's openDatabase and startEmbeddedPostgres).
  if (existsSync(join(config.dataDir, 'postgres', 'pg', 'PG_VERSION'))) return;
  throw new Error(
    `No database under ${config.dataDir}: the import does not create one. Set DATA_DIR to the data directory Portvakt runs with (portvakt start makes it; default ./data), or DATABASE_URL.`,
  );
}

/**
 * The files' names as the import shows them: the base name, or the path as given where two files
 * have the same base name (norr/kunder.csv and soder/kunder.csv).
 */
export function nameImportFiles(paths: readonly string[]): string[] {
  const names = paths.map((path) => basename(path));
  return paths.map((path, i) => (names.filter((name) => name === names[i]).length > 1 ? path : names[i]!));
}

/** Runs one import; the bar goes to `stderr`, the result to the returned lines. */
export async function runImportCommand(
  pool: pg.Pool,
  options: ImportCommandOptions,
  stderr: ProgressStream,
): Promise<{ importId: string; outcome: ImportOutcome; lines: string[] }> {
  const actor = await findActor(pool, options.municipality, options.as);
  // Every file is read before the import starts: one that is not UTF-8 leaves all of them unimported.
  const names = nameImportFiles(options.files);
  const files = await Promise.all(
    options.files.map(async (path, i) => ({ name: names[i]!, content: await readUtf8File(path) })),
  );
  const bar = createProgressBar(stderr);
  const started = await startImport({
    db: pool,
    actor,
    requestId: 'cli',
    now: options.now ?? new Date(),
    input: { files, isDryRun: options.isDryRun, isFull: options.isFull },
    onProgress: bar.onProgress,
  });
  try {
    await started.done;
  } finally {
    bar.finish();
  }
  const lines = describeOutcome(started.outcome, options.isDryRun);
  lines.push(
    options.isDryRun
      ? `Dry run ${started.importId}: nothing changed.`
      : `Import ${started.importId} applied; its changes are in the audit trail under request import:${started.importId}.`,
  );
  return { importId: started.importId, outcome: started.outcome, lines };
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description(
      'Import providers, teams, customers, services, staff, team memberships, team assignments, planned visits and granted time from care-system files (CSV or JSON; docs/imports.md).',
    )
    .argument('<files...>', 'files named after their kind, e.g. kunder.csv, personal.csv, or one JSON object')
    .requiredOption('--municipality <code>', 'the municipality’s code')
    .requiredOption('--as <username>', 'the municipality administrator account the import is made as')
    .option('--dry-run', 'show the diff; change nothing')
    .option('--full', 'the files hold everything of their kinds: end records no longer in them')
    .action(
      async (
        files: string[],
        options: { municipality: string; as: string; dryRun?: boolean; full?: boolean },
      ) => {
        refuseMissingDatabase(readConfig());
        await withMigratedDatabase(async (pool) => {
          try {
            const { lines } = await runImportCommand(
              pool,
              {
                files,
                municipality: options.municipality,
                as: options.as,
                isDryRun: options.dryRun === true,
                isFull: options.full === true,
              },
              process.stderr,
            );
            for (const line of lines) console.log(line);
          } catch (error) {
            const details = (error as { details?: { errors?: Array<Record<string, unknown>> } }).details;
            for (const line of details?.errors ?? [])
              console.error(
                `  ${String(line.file)}:${String(line.line)} ${String(line.field)}: ${String(line.message)}`,
              );
            throw error;
          }
        });
      },
    );
}
