import { decideAccess, findEntity as findEntityDefinition, type Actor, type Scope } from '@portvakt/core';
import {
  findEntity,
  listPermissionHistory as listHistory,
  readPermissionChangerNames,
  type AuditEntry,
} from '@portvakt/storage';
import type pg from 'pg';
import { notFound } from '../platform/errors';
import { findVisibleStaff } from './permission-query';

const customerEntity = findEntityDefinition('customer');

export type ListPermissionHistoryInput =
  { customerId: string; limit?: number | undefined } | { staffMemberId: string; limit?: number | undefined };

/**
 * Every change of who may open a customer's doors, or of what a staff member may open: who (by
 * name where the caller may be told it, as the audit page names them), what, when, why. `scope`:
 * the caller's permission_check scope (a work lead sees their own provider's changes about a
 * customer, and the names of the municipality's staff and their own provider's people only).
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
    return { items: await withActorNames(db, actor, scope, items) };
  }
  await findVisibleStaff(db, actor, input.staffMemberId);
  const items = await listHistory(db, {
    municipalityId: actor.municipalityId,
    staffMemberId: input.staffMemberId,
    limit,
  });
  return { items: await withActorNames(db, actor, scope, items) };
}

async function withActorNames(db: pg.Pool, actor: Actor, scope: Scope, items: AuditEntry[]) {
  const ids = [...new Set(items.flatMap((item) => (item.actorUserId ? [item.actorUserId] : [])))];
  const names = await readPermissionChangerNames(
    db,
    actor.municipalityId,
    scope.kind === 'provider' ? scope.providerId : null,
    ids,
  );
  return items.map((item) => ({
    ...item,
    actorName: (item.actorUserId && names.get(item.actorUserId)) ?? null,
  }));
}
