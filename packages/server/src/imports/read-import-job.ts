import type { ImportJob } from '@portvakt/contract';
import { findImportJob } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { notFound } from '../platform/errors';

/** One import of the actor's municipality with its progress and outcome; 404 when there is none. */
export async function readImportJob({ db, actor, input }: ReadOptions<{ id: string }>): Promise<ImportJob> {
  authorise(actor, 'care_system_import', 'read');
  const job = await findImportJob(db, actor.municipalityId, input.id);
  if (!job) throw notFound('import');
  return job as ImportJob;
}
