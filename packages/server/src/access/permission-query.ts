import { decideAccess, findEntity as findEntityDefinition, type Actor, type Scope } from '@portvakt/core';
import { findEntity, type Queryable } from '@portvakt/storage';
import type pg from 'pg';
import { notFound } from '../platform/errors';
import type { PermissionIndexCache } from './permission-index';

const staffEntity = findEntityDefinition('staff_member');

/** The staff member, if the actor may see them (404 otherwise, for provider-scoped actors too). */
export async function findVisibleStaff(db: Queryable, actor: Actor, id: string) {
  const scope = decideAccess(actor, 'staff_member', 'read');
  const staff = scope ? await findEntity(db, staffEntity, scope, id) : undefined;
  if (!staff) throw notFound('staff member');
  return staff;
}

/**
 * The asked instant (an ISO time from the query) as epoch ms; when not asked, the request's clock
 * reading (`now`: the live demo's simulated clock, not the machine's).
 */
export function parseAt(at: string | undefined, now: Date): number {
  return at ? Date.parse(at) : now.getTime();
}

/** What an access use case that reads the permission index gets: the route's authorised scope too. */
export interface PermissionQuery<Input> {
  db: pg.Pool;
  actor: Actor;
  /** The caller's permission_check scope. */
  scope: Scope;
  permissions: PermissionIndexCache;
  input: Input;
  /** The request's clock reading: the instant asked about when the query names none. */
  now: Date;
}
