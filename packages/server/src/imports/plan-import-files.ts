import type { ImportFile } from '@portvakt/contract';
import {
  importKindDefinitions,
  localToday,
  normaliseImportValue,
  planImport,
  type ImportKind,
  type ImportPlan,
} from '@portvakt/core';
import { readImportedRecords } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { WriteOptions } from '../platform/context';
import { ApiError } from '../platform/errors';
import { readImportFiles } from './read-import-files';

export interface PlannedImport {
  plan: ImportPlan;
  /** Rows read from the files. */
  rows: number;
}

/** The most line errors a refusal lists; the message says how many there were. */
const errorsShownMax = 100;

/**
 * The dry run of an import (docs/imports.md): reads the files, compares them with what the care
 * system gave before and answers the diff. A file with any error is refused with 422
 * `import_file_invalid`, naming file, line and field of each; nothing is changed either way.
 */
export async function planImportFiles({
  db,
  actor,
  input,
  now,
}: Omit<WriteOptions<{ files: ImportFile[]; isFull: boolean }>, 'requestId'>): Promise<PlannedImport> {
  authorise(actor, 'care_system_import', 'create');
  const read = readImportFiles(input.files);
  const kinds = [...new Set(read.records.map((record) => record.kind))];
  // References reach kinds the files may not hold: every kind is read once.
  const existing = (
    await readImportedRecords(db, actor.municipalityId, Object.keys(importKindDefinitions) as ImportKind[])
  ).map((row) => ({
    ...row,
    values: Object.fromEntries(
      Object.entries(importKindDefinitions[row.kind].fields).map(([field, type]) => [
        field,
        normaliseImportValue(type, row.values[field]),
      ]),
    ),
  }));
  const plan = planImport(read.records, existing, {
    isFull: input.isFull,
    now,
    today: localToday(now),
    refused: read.refused,
  });
  const errors = [...read.errors, ...plan.errors].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line,
  );
  if (errors.length > 0) {
    const first = errors[0]!;
    throw new ApiError(
      422,
      'import_file_invalid',
      `${errors.length} error${errors.length === 1 ? '' : 's'}, first in ${first.file} line ${first.line} (${first.field}: ${first.message}); nothing was changed.`,
      { errors: errors.slice(0, errorsShownMax), errorCount: errors.length, kinds },
    );
  }
  return { plan, rows: read.records.length };
}
