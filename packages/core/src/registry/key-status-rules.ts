// Blocking a digital key or reporting it lost (R1.6): the key goes on the locks' block list, and
// the audit trail keeps why, for whoever later reads why a key stopped working. Every way of
// making the change (the console's "Block the key", a PATCH of the key, a new key registered as
// blocked, seed-demo's blockDigitalKey) is judged by this one rule.
import type { Resource } from '../platform/policy';
import type { RuleViolation } from './registry-rules';

type Row = Record<string, unknown>;

/** The statuses that take a key off the locks: each needs a reason. */
export const withdrawnKeyStatuses: readonly string[] = ['blocked', 'lost'];

/** Shortest reason accepted for blocking a key (as for forcing a dismount, and as the console asks). */
export const minimumKeyStatusReasonLength = 3;

/**
 * A key's change of status to `blocked` or `lost` carries its reason in the same change: a
 * `statusReason` of at least three characters, not a reason left over from before. Clearing or
 * shortening the reason of a key that stays blocked or lost is refused alike. `before` is the key
 * as it was (undefined for a new key), `change` the fields the write sets.
 */
export function checkKeyStatusReason(
  resource: Resource,
  before: Row | undefined,
  change: Row,
): RuleViolation[] {
  if (resource !== 'digital_key') return [];
  const status = 'status' in change ? change.status : before?.status;
  if (typeof status !== 'string' || !withdrawnKeyStatuses.includes(status)) return [];
  const isNewStatus = 'status' in change && change.status !== (before?.status ?? 'active');
  if (!isNewStatus && !('statusReason' in change)) return [];
  const reason = change.statusReason;
  if (typeof reason === 'string' && reason.trim().length >= minimumKeyStatusReasonLength) return [];
  return [
    {
      field: 'statusReason',
      code: 'reason_required',
      message:
        `A key is blocked or reported lost with a reason of at least ${minimumKeyStatusReasonLength} characters: ` +
        'send statusReason with the status, as the console’s “Block the key” does; the reason goes to the audit trail.',
    },
  ];
}
