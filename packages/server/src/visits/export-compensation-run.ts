import { findCompensationRun } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { notFound } from '../platform/errors';
import { compensationCsv } from './compensation-presenter';

/** A run's lines as the CSV file a finance system reads, with its file name. */
export async function exportCompensationRun({
  db,
  actor,
  input,
}: ReadOptions<{ runId: string }>): Promise<{ fileName: string; csv: string }> {
  const scope = authorise(actor, 'compensation_run', 'read');
  const found = await findCompensationRun(db, scope, input.runId);
  if (!found) throw notFound('compensation run');
  return {
    fileName: `ersattning-${found.run.month}-v${found.run.version}.csv`,
    csv: compensationCsv(found.run, found.lines),
  };
}
