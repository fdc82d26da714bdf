import type { SupportCaseDetail } from '@portvakt/contract';
import type { ReadOptions } from '../platform/context';
import { readCaseDetail } from './support-case-access';

/** One case inside the actor's scope with its timeline (docs/support.md); 404 outside it. */
export async function readSupportCase({
  db,
  actor,
  input,
}: ReadOptions<{ id: string }>): Promise<SupportCaseDetail> {
  return readCaseDetail(db, actor, input.id);
}
