import { decideAccess, type Actor, type Resource, type Scope } from '@portvakt/core';
import { forbidden } from './errors';

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
