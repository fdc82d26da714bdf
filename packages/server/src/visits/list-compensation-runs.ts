import type { Static } from 'typebox';
import type { CompensationRun, CompensationRunQuery } from '@portvakt/contract';
import { listCompensationRuns as selectRuns } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { presentCompensationRun } from './compensation-presenter';

/** The runs the actor may see, newest month first, every version. */
export async function listCompensationRuns({
  db,
  actor,
  input,
}: ReadOptions<Static<typeof CompensationRunQuery>>): Promise<{ items: CompensationRun[] }> {
  const scope = authorise(actor, 'compensation_run', 'read');
  return { items: (await selectRuns(db, scope, input.month)).map(presentCompensationRun) };
}
