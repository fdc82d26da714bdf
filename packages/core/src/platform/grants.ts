// The building blocks of the policy table: what one role may do with one resource.
import type { Role } from './roles';
import type { ScopeKind } from './policy';

export type Action = 'read' | 'create' | 'update' | 'delete';

export type Grant = Partial<Record<Action, ScopeKind>>;
export type ResourcePolicy = Partial<Record<Role, Grant>>;

export const readAll = (scope: ScopeKind = 'municipality'): Grant => ({ read: scope });
/** Read, create and update, never delete: what is closed, cancelled, corrected or returned instead. */
export const work = (scope: ScopeKind = 'municipality'): Grant => ({
  read: scope,
  create: scope,
  update: scope,
});
/** Municipality-wide derived reports: the municipality, its lock managers, support and auditors. */
export const oversight = (): ResourcePolicy => ({
  municipality_admin: readAll(),
  lock_manager: readAll(),
  support: readAll(),
  auditor: readAll(),
});
export const manage = (scope: ScopeKind = 'municipality'): Grant => ({
  read: scope,
  create: scope,
  update: scope,
  delete: scope,
});
