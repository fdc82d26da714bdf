import type { CustomerAccessWarnings } from '@portvakt/contract';
import { findEntity as findEntityDefinition } from '@portvakt/core';
import { findEntity } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { notFound } from '../platform/errors';
import { judgeCustomersNightAccess, resolveAsOf } from './night-access';

/**
 * R2.6 on the customer page: the doors on the customer's way in that cannot be opened when their
 * night or alarm service comes. Scoped like the customer itself (a customer outside the scope is
 * 404, as on GET /customers/{id}).
 */
export async function readCustomerAccessWarnings({
  db,
  actor,
  input,
  now,
}: ReadOptions<{ customerId: string; asOf?: string | undefined }> & {
  now: Date;
}): Promise<CustomerAccessWarnings> {
  const scope = authorise(actor, 'customer', 'read');
  const asOf = resolveAsOf(input.asOf, now);
  const customer = await findEntity(db, findEntityDefinition('customer'), scope, input.customerId);
  if (!customer) throw notFound('customer');
  const [found] = await judgeCustomersNightAccess(db, scope, asOf, [input.customerId]);
  return { asOf, customerId: input.customerId, warnings: found?.warnings ?? [] };
}
