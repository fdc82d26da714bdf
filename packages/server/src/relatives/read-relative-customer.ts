import type { RelativeCustomer } from '@portvakt/contract';
import { findRelativeBinding } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { notFound } from '../platform/errors';

/** The one customer a relative's account is bound to (404 once its invitation is withdrawn). */
export async function readRelativeCustomer({ db, actor }: ReadOptions<unknown>): Promise<RelativeCustomer> {
  authorise(actor, 'relative_visit_list', 'read');
  const binding = await findRelativeBinding(db, actor.municipalityId, actor.id);
  if (!binding) throw notFound('customer');
  return { id: binding.customerId, name: binding.customerName };
}
