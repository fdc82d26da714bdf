import type { RelativeInvitation } from '@portvakt/contract';
import { findRelativeCustomerInScope, listRelativeInvitations } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { notFound } from '../platform/errors';
import { presentRelativeInvitation } from './relative-presenter';

/** The customer's invitations and the accounts made with them, for its work lead and the municipality. */
export async function listCustomerRelativeInvitations(
  options: ReadOptions<{ customerId: string }> & { now: Date },
): Promise<{ items: RelativeInvitation[] }> {
  const { db, actor, input, now } = options;
  const scope = authorise(actor, 'relative_invitation', 'read');
  if (!(await findRelativeCustomerInScope(db, scope, input.customerId))) throw notFound('customer');
  const records = await listRelativeInvitations(db, actor.municipalityId, input.customerId);
  return { items: records.map((record) => presentRelativeInvitation(record, now)) };
}
