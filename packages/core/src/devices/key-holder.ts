// Whose name a key list or key page may carry for a key's holder: the rule the API applies so
// the console shows holders without asking for each staff member (which most roles may not).
import type { Actor } from '../platform/roles';
import { decideAccess, policy } from '../platform/policy';

/**
 * Which holders' names the actor is told:
 * - `all`: roles that read every staff member, and roles that manage every key (municipality
 *   admin, lock manager): handing out, blocking and taking back keys means knowing whose key it
 *   is. Only the name, never the staff member's other facts, and never in the event log (R10.3).
 * - `provider`: a work lead, for their provider's staff (the only keys they see).
 * - `self`: a staff member, for their own keys.
 * - `none`: nobody else.
 */
export type HolderNameReach =
  | { kind: 'all' }
  | { kind: 'provider'; providerId: string }
  | { kind: 'self'; staffMemberId: string }
  | { kind: 'none' };

export function holderNameReach(actor: Actor): HolderNameReach {
  const staff = decideAccess(actor, 'staff_member', 'read');
  if (staff?.kind === 'municipality') return { kind: 'all' };
  // By role, so a read-only token of a lock manager reads what the lock manager reads.
  if (policy.digital_key[actor.role]?.update === 'municipality') return { kind: 'all' };
  if (staff?.kind === 'provider') return { kind: 'provider', providerId: staff.providerId };
  if (staff?.kind === 'self') return { kind: 'self', staffMemberId: staff.staffMemberId };
  return { kind: 'none' };
}
