// The locks on a customer's way in and whether each is in use today, with the providers serving
// the customer that are not introduced yet (R8.4). A work lead sees their own provider's
// introduction only, not which other providers serve the customer.
import { findEntity as findEntityDefinition, localToday, type Actor, type Scope } from '@portvakt/core';
import type { CustomerLockStatus } from '@portvakt/contract';
import { findEntity, readCustomerLockStatus as readStatus } from '@portvakt/storage';
import type pg from 'pg';
import { notFound } from '../platform/errors';

const customerEntity = findEntityDefinition('customer');

export async function readCustomerLockStatus(options: {
  db: pg.Pool;
  actor: Actor;
  scope: Scope;
  input: { customerId: string };
  now: Date;
}): Promise<CustomerLockStatus> {
  const { actor, scope } = options;
  const { customerId } = options.input;
  const customer = await findEntity(options.db, customerEntity, scope, customerId);
  if (!customer) throw notFound(customerEntity.label);
  const day = localToday(options.now);
  const status = await readStatus(options.db, actor.municipalityId, customerId, day);
  const providers =
    scope.kind === 'provider'
      ? status.providers.filter((provider) => provider.providerId === scope.providerId)
      : status.providers;
  return {
    customerId,
    day,
    hasRefusedLock: customer.hasRefusedLock === true,
    doors: status.doors,
    providers,
  };
}
