import type { SupportCaseDetail } from '@portvakt/contract';
import type { ReadOptions } from '../platform/context';
import { readCaseDetail } from './support-case-access';

/** One case inside the actor's scope with its timeline (docs/support.md); 404 outside it. */
export async function readSupportCase(options: ReadOptions<{ id: string }>): Promise<SupportCaseDetail> {
  return readCaseDetail(options.db, options.actor, options.input.id);
}
