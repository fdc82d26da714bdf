import type { ImportOutcome, ImportRequest } from '@portvakt/contract';
import type { ImportLineError } from '@portvakt/core';
import { finishImportJob, insertImportJob, isLockWaitTimeout, updateImportProgress } from '@portvakt/storage';
import type pg from 'pg';
import type { WriteOptions } from '../platform/context';
import { ApiError } from '../platform/errors';
import { applyImportPlan, type ImportProgress } from './apply-import-plan';
import { planImportFiles } from './plan-import-files';
import { presentImportOutcome } from './present-import-outcome';

/** How often a running import writes its progress for the console to poll. */
const progressIntervalMs = 250;

export interface StartedImport {
  importId: string;
  /** The diff: what the import changes (a dry run: would change). */
  outcome: ImportOutcome;
  /** Settles when the import has been applied (at once for a dry run); rejects when it failed. */
  done: Promise<void>;
}

/**
 * Why an import failed, as its row keeps it and the API answers it (the contract's `ImportJob`
 * error): the refusal's code and English message, and the lines it names, each with its code.
 */
function describeError(error: unknown): { code: string; message: string; errors?: ImportLineError[] } {
  // A row the import needed stayed locked by another change (another import) past the wait.
  if (isLockWaitTimeout(error))
    return {
      code: 'database_busy',
      message: 'The database was busy with another change; nothing was changed. Try again.',
    };
  if (!(error instanceof ApiError))
    return { code: 'internal_error', message: 'The import failed; nothing was changed.' };
  const errors = (error.details as { errors?: ImportLineError[] } | undefined)?.errors;
  return { code: error.code, message: error.message, ...(errors ? { errors } : {}) };
}

/**
 * Starts an import (docs/imports.md): reads and plans the files at once (a file with errors is
 * refused with 422 before anything is recorded), records the import, and for a real run applies
 * it in the background, writing its progress to the import's row; `onProgress` is told too (the
 * CLI's progress bar). A dry run is finished when this returns.
 */
export async function startImport(
  options: WriteOptions<ImportRequest> & { db: pg.Pool; onProgress?: ImportProgress },
): Promise<StartedImport> {
  const { db, actor, input } = options;
  const isFull = input.isFull ?? false;
  const planned = await planImportFiles({ ...options, input: { files: input.files, isFull } });
  const outcome = presentImportOutcome(planned);
  const importId = await insertImportJob(db, {
    municipalityId: actor.municipalityId,
    isDryRun: input.isDryRun,
    isFull,
    fileNames: input.files.map((file) => file.name),
    createdBy: actor.label,
  });
  if (input.isDryRun) {
    await finishImportJob(db, actor.municipalityId, importId, { status: 'succeeded', outcome });
    return { importId, outcome, done: Promise.resolve() };
  }
  const total = planned.plan.changes.length;
  await updateImportProgress(db, actor.municipalityId, importId, 0, total);
  let lastWrite = 0;
  let writing: Promise<void> = Promise.resolve();
  const onProgress: ImportProgress = (done, all) => {
    const told = options.onProgress?.(done, all);
    const at = Date.now();
    if (at - lastWrite < progressIntervalMs) return told;
    lastWrite = at;
    // One progress write at a time, outside the import's transaction so the console sees it.
    writing = writing
      .then(() => updateImportProgress(db, actor.municipalityId, importId, done, all))
      .catch(() => undefined);
    return told;
  };
  const done = applyImportPlan({
    ...options,
    input: { importId, plan: planned.plan, onProgress },
  }).then(
    async () => {
      await writing;
      await finishImportJob(db, actor.municipalityId, importId, { status: 'succeeded', outcome });
    },
    async (error: unknown) => {
      await writing;
      await finishImportJob(db, actor.municipalityId, importId, {
        status: 'failed',
        error: describeError(error),
      });
      throw error;
    },
  );
  return { importId, outcome, done };
}
