import { decideAccess, findEntity as findEntityDefinition, type Actor, type Scope } from '@portvakt/core';
import { findEntity, listPermissionHistory as listHistory } from '@portvakt/storage';
import type pg from 'pg';
import { notFound } from '../platform/errors';
import { findVisibleStaff } from './permission-query';

const customerEntity = findEntityDefinition('customer');

export type ListPermissionHistoryInput =
  { customerId: string; limit?: number | undefined } | { staffMemberId: string; limit?: number | undefined };

/**
 * Every change of who may open a customer's doors, or of what a staff member may open: who,
 * what, when, why. `scope`: the caller's permission_check scope (a work lead sees their own
 * provider's changes about a customer).
 */
export async function listPermissionHistory({
  db,
  actor,
  scope,
  input,
}: {
  db: pg.Pool;
  actor: Actor;
  scope: Scope;
  input: ListPermissionHistoryInput;
}) {
  const limit = input.limit ?? 100;
  if ('customerId' in input) {
    const customerScope = decideAccess(actor, 'customer', 'read');
    if (!customerScope || !(await findEntity(db, customerEntity, customerScope, input.customerId)))
      throw notFound('customer');
    const items = await listHistory(db, {
      municipalityId: actor.municipalityId,
      customerId: input.customerId,
      ...(scope.kind === 'provider' ? { providerId: scope.providerId } : {}),
      limit,
    });
    return { items };
  }
  await findVisibleStaff(db, actor, input.staffMemberId);
  const items = await listHistory(db, {
    municipalityId: actor.municipalityId,
    staffMemberId: input.staffMemberId,
    limit,
  });
  return { items };
}
