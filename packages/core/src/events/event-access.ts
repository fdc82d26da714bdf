// Who sees what of the event log (docs/event-log.md "Who sees what"): the subjects a role may
// ask about, and the view of each row (masked identities, which doors and locks are named).
import { decideAccess, type Scope } from '../platform/policy';
import type { Actor } from '../platform/roles';

/** What an event query is about; `customer` is every door on the customer's way in. */
export type EventSubject = 'lock' | 'door' | 'customer' | 'staff' | 'key';

/**
 * Whether the actor may ask for this subject's events at all. Lock managers look after hardware:
 * locks and doors, never a person's history (R10.3: hardware people do not need who opened).
 */
export function canReadEventSubject(actor: Pick<Actor, 'role'>, subject: EventSubject): boolean {
  return actor.role !== 'lock_manager' || subject === 'lock' || subject === 'door';
}

export interface EventView {
  /** Work leads: only their provider's staff and keys, and their provider's customers' doors. */
  providerId?: string | undefined;
  /** Hide who opened (key, staff): lock managers, and other providers' staff for work leads. */
  maskIdentities?: boolean | undefined;
  /**
   * Which doors' label and kind the rows carry: `all` for roles that read every door, `reach`
   * for a provider view (doors on the way in of a customer the provider served that day, the
   * doors it sees on its customers' pages), `none` otherwise. Default `none`.
   */
  doorNames?: 'all' | 'reach' | 'none' | undefined;
  /** Whether the rows carry the lock's serial (roles that read every lock). Default false. */
  showLockSerials?: boolean | undefined;
}

/**
 * What the caller sees of each row. Doors and locks are named in the rows themselves (the
 * console needs no further requests), but only as far as the role may read them: every door
 * and lock for roles that read them all; for a work lead, who reads neither, the doors on their
 * customers' ways in (as on the customer page) and no serials.
 */
export function eventViewFor(scope: Scope, actor: Actor): EventView {
  const readsAll = (resource: 'door' | 'lock_device') =>
    decideAccess(actor, resource, 'read')?.kind === 'municipality';
  const names = { showLockSerials: readsAll('lock_device') };
  if (scope.kind === 'provider') return { providerId: scope.providerId, doorNames: 'reach', ...names };
  return {
    maskIdentities: actor.role === 'lock_manager',
    doorNames: readsAll('door') ? 'all' : 'none',
    ...names,
  };
}
