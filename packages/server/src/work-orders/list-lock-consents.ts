// A customer's consents and refusals (R6.2), newest first, within the actor's scope.
import { findEntity as findEntityDefinition, type Actor } from '@portvakt/core';
import type { LockConsentHistory } from '@portvakt/contract';
import { findEntity, listLockConsents as listConsents } from '@portvakt/storage';
import type pg from 'pg';
import { authorise } from '../platform/authorise';
import { notFound } from '../platform/errors';

const customerEntity = findEntityDefinition('customer');

export async function listLockConsents(options: {
  db: pg.Pool;
  actor: Actor;
  input: { customerId: string };
}): Promise<LockConsentHistory> {
  const scope = authorise(options.actor, 'lock_consent', 'read');
  const customer = await findEntity(options.db, customerEntity, scope, options.input.customerId);
  if (!customer) throw notFound(customerEntity.label);
  const items = await listConsents(options.db, options.actor.municipalityId, options.input.customerId);
  return {
    hasRefusedLock: customer.hasRefusedLock === true,
    items: items.map((item) => ({ ...item, recordedAt: item.recordedAt.toISOString() })),
  };
}
