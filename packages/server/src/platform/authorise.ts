import { decideAccess, type Action, type Actor, type Resource, type Scope } from '@portvakt/core';
import type { CustomerVisibility, Queryable, Row, ScopedRowFinder } from '@portvakt/storage';
import { forbidden, notFound } from './errors';

/**
 * The scope in which `actor` may do `action` on `resource` (the policy table in core), or 403
 * when the role may not do it at all. Every route asks this before touching data; the scope it
 * returns is what the repositories turn into SQL.
 */
export function authorise(
  actor: Actor,
  resource: Resource,
  action: 'read' | 'create' | 'update' | 'delete',
): Scope {
  const scope = decideAccess(actor, resource, action);
  if (!scope) throw forbidden();
  return scope;
}

/**
 * How use cases reach one row of `resource`: inside the actor's scope for the action, locked for
 * the transaction when the action changes it, its customer named as `customerVisibility` allows.
 * A row out of scope answers exactly like an unknown one: 404 "No such `label`".
 */
export function createInScopeFinder(
  resource: Resource,
  label: string,
  find: ScopedRowFinder,
  customerVisibility: (actor: Actor) => CustomerVisibility,
): (db: Queryable, actor: Actor, id: string, action: Action) => Promise<Row> {
  return async (db, actor, id, action) => {
    const scope = authorise(actor, resource, action);
    const found = await find(db, scope, id, {
      isForUpdate: action !== 'read',
      customerVisibility: customerVisibility(actor),
    });
    if (!found) throw notFound(label);
    return found;
  };
}
