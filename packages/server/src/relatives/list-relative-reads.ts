import type { RelativeRead } from '@portvakt/contract';
import { findRelativeCustomerInScope, listRelativeReads } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { notFound } from '../platform/errors';
import { presentRelativeRead } from './relative-presenter';

/**
 * Who of the customer's relatives read the visit list, when, which days and in which format:
 * for the municipality, its auditors and the customer's work lead (R4.4). Newest first.
 */
export async function listCustomerRelativeReads(
  options: ReadOptions<{ customerId: string; limit?: number | undefined }>,
): Promise<{ items: RelativeRead[] }> {
  const { db, actor, input } = options;
  const scope = authorise(actor, 'relative_read_log', 'read');
  if (!(await findRelativeCustomerInScope(db, scope, input.customerId))) throw notFound('customer');
  const records = await listRelativeReads(db, actor.municipalityId, input.customerId, input.limit ?? 200);
  return { items: records.map(presentRelativeRead) };
}
