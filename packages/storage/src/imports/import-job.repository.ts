// An import's job row (docs/imports.md): the console starts an import and polls its progress; the
// outcome (the diff, or the file errors) stays with it.
import type { Queryable, Row } from '../platform/queryable';

export interface ImportJobRow {
  id: string;
  status: 'running' | 'succeeded' | 'failed';
  isDryRun: boolean;
  isFull: boolean;
  rowsDone: number;
  rowsTotal: number;
  fileNames: string[];
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
  outcome: unknown;
  error: unknown;
}

const columns = `id, status, is_dry_run AS "isDryRun", is_full AS "isFull", rows_done AS "rowsDone",
  rows_total AS "rowsTotal", file_names AS "fileNames", created_by AS "createdBy", created_at AS "createdAt",
  finished_at AS "finishedAt", result AS outcome, error`;

function present(row: Row): ImportJobRow {
  return {
    ...(row as unknown as ImportJobRow),
    createdAt: (row.createdAt as Date).toISOString(),
    finishedAt: row.finishedAt ? (row.finishedAt as Date).toISOString() : null,
  };
}

export async function insertImportJob(
  db: Queryable,
  job: { municipalityId: string; isDryRun: boolean; isFull: boolean; fileNames: string[]; createdBy: string },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO care_system_import (municipality_id, is_dry_run, is_full, file_names, created_by)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [job.municipalityId, job.isDryRun, job.isFull, job.fileNames, job.createdBy],
  );
  return rows[0]!.id;
}

export async function updateImportProgress(
  db: Queryable,
  municipalityId: string,
  id: string,
  rowsDone: number,
  rowsTotal: number,
): Promise<void> {
  await db.query(
    'UPDATE care_system_import SET rows_done = $2, rows_total = $3 WHERE municipality_id = $4 AND id = $1',
    [id, rowsDone, rowsTotal, municipalityId],
  );
}

/** Ends a job: its outcome when it succeeded, its error when it failed. */
export async function finishImportJob(
  db: Queryable,
  municipalityId: string,
  id: string,
  end: { status: 'succeeded' | 'failed'; outcome?: unknown; error?: unknown },
): Promise<void> {
  await db.query(
    `UPDATE care_system_import SET status = $2, result = $3, error = $4, finished_at = now(),
       rows_done = CASE WHEN $2 = 'succeeded' THEN rows_total ELSE rows_done END
     WHERE municipality_id = $5 AND id = $1`,
    [
      id,
      end.status,
      end.outcome === undefined ? null : JSON.stringify(end.outcome),
      end.error === undefined ? null : JSON.stringify(end.error),
      municipalityId,
    ],
  );
}

/** One import of the municipality; undefined when there is none with that id. */
export async function findImportJob(
  db: Queryable,
  municipalityId: string,
  id: string,
): Promise<ImportJobRow | undefined> {
  const { rows } = await db.query<Row>(
    `SELECT ${columns} FROM care_system_import WHERE municipality_id = $1 AND id = $2`,
    [municipalityId, id],
  );
  return rows[0] && present(rows[0]);
}
