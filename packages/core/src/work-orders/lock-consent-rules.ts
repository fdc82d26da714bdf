// The customer's own consent to a lock on their door (R6.2) and providers taken into use for
// their locks (R8.4): what may be recorded, and what a decision means for the customer's orders.
import type { DoorKind } from '../registry';
import { isCustomersOwnDoor } from './install-needs';
import type { ServerTransitionReason, WorkOrderState } from './work-order-rules';

export const lockConsentDecisions = ['consented', 'refused', 'withdrawn'] as const;
export type LockConsentDecision = (typeof lockConsentDecisions)[number];

/** How the customer gave their answer (R6.2: recorded with the date and how it was given). */
export const lockConsentWays = ['signed_form', 'in_person', 'phone', 'representative'] as const;
export type LockConsentWay = (typeof lockConsentWays)[number];

export interface DatedRefusal {
  code: 'date_in_future';
  field: string;
  message: string;
}

/**
 * A decision or an introduction is recorded after it happened: a day after today (local) is a
 * typing error, not a plan.
 */
export function checkRecordedDay(field: string, day: string, today: string): DatedRefusal | null {
  if (day <= today) return null;
  return { code: 'date_in_future', field, message: `The day ${day} is after today (${today}).` };
}

/**
 * Whether the customer, after this decision, does not want a lock on their own doors: a refusal
 * or a withdrawn consent stops apartment-door installs; a new consent lifts it.
 */
export function hasRefusedLockAfter(decision: LockConsentDecision): boolean {
  return decision !== 'consented';
}

/**
 * The reason recorded on the orders a refusal cancels or takes back to requested: a fact with the
 * decision's day.
 */
export function refusalCancelReason(
  decision: LockConsentDecision,
  decidedOn: string,
): ServerTransitionReason {
  return {
    kind: decision === 'withdrawn' ? 'customer_withdrew_consent' : 'customer_refused_lock',
    params: { decidedOn },
  };
}

/**
 * What a refusal or withdrawn consent does to an unstarted order that puts a lock on a door of
 * `doorKind` (a move's target door): an install on the customer's own door is cancelled; a
 * planned move onto it goes back to requested and waits for consent again, as an owner's
 * withdrawal takes one onto an entrance back (the lock on the door it leaves still needs the lock
 * manager's decision: moved later, dismounted or left); anything else is left as it is (null).
 */
export function refusalStepFor(order: {
  kind: 'install' | 'move';
  doorKind: DoorKind;
  state: WorkOrderState;
}): 'cancelled' | 'requested' | null {
  if (!isCustomersOwnDoor(order.doorKind)) return null;
  if (order.kind === 'install')
    return order.state === 'requested' || order.state === 'planned' ? 'cancelled' : null;
  return order.state === 'planned' ? 'requested' : null;
}
