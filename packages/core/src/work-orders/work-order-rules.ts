// Work orders on doors (R6.3–R6.6, R2.4; docs/work-orders.md): what kinds there are, which state
// may follow which, and what an order waits for before it can be planned.
import { randomReferencePattern } from '../platform/random-reference';
import type { DoorKind } from '../registry';

export const workOrderKinds = [
  'install',
  'battery',
  'move',
  'dismount',
  'repair',
  'cylinder_change',
] as const;
export type WorkOrderKind = (typeof workOrderKinds)[number];

export const workOrderStates = [
  'requested',
  'planned',
  'in_progress',
  'done',
  'failed',
  'cancelled',
] as const;
export type WorkOrderState = (typeof workOrderStates)[number];

/** What started an order. */
export const workOrderOrigins = [
  'manual',
  'service_granted',
  'service_ended',
  'customer_moved',
  'battery_round',
  'cylinder_change',
] as const;
export type WorkOrderOrigin = (typeof workOrderOrigins)[number];

/**
 * What a transition's reason is (docs/work-orders.md "History"): `text`, a reason as a person
 * wrote it (or none); the others are facts the server records when it moves an order itself,
 * with parameters (contract's `workOrderTransitionReasonParams`) a client puts into words in its
 * reader's language: the first transition of an order a trigger made (`origin`), an install
 * cancelled because a lock was installed on the door outside it, and installs cancelled by the
 * customer's refusal or withdrawn consent (R6.2), and a planned install the property owner's
 * withdrawn consent took back to requested (R7.1), and a requested dismount cancelled because the
 * customer's service it followed no longer ends then (`service_extended`). Before migration 0051
 * the server wrote these as the origin's code or English sentences.
 */
export const workOrderTransitionReasonKinds = [
  'text',
  'origin',
  'lock_installed_outside_order',
  'customer_refused_lock',
  'customer_withdrew_consent',
  'owner_withdrew_consent',
  'service_extended',
] as const;
export type WorkOrderTransitionReasonKind = (typeof workOrderTransitionReasonKinds)[number];

/** A reason the server records as a fact, with what a client needs to word it. */
export type ServerTransitionReason =
  | { kind: 'origin'; params: { origin: WorkOrderOrigin } }
  | { kind: 'lock_installed_outside_order'; params: null }
  | { kind: 'service_extended'; params: null }
  | {
      kind: 'customer_refused_lock' | 'customer_withdrew_consent' | 'owner_withdrew_consent';
      params: { decidedOn: string };
    };

/** Whose consent an order waits for before it can be planned (R6.2, R7.1). */
export const workOrderAwaits = ['nothing', 'customer_consent', 'owner_consent'] as const;
export type WorkOrderAwaits = (typeof workOrderAwaits)[number];

/** States an order is still open in: at most one open order of a kind per door. */
export const openWorkOrderStates: readonly WorkOrderState[] = ['requested', 'planned', 'in_progress'];

/** Whether an order is finished (done, failed, cancelled): it never changes state again. */
export const isWorkOrderFinished = (state: WorkOrderState): boolean => !openWorkOrderStates.includes(state);

/**
 * Which state may follow which. Finished orders never change state again: a new order is made.
 * An order under way may go back to requested, not only to planned: one whose consent was
 * withdrawn meanwhile cannot be planned again (consent_missing), so the installer hands it back
 * to wait for the consent, and the lock manager replans or cancels it (docs/work-orders.md
 * "Consent").
 */
const nextStates: Record<WorkOrderState, readonly WorkOrderState[]> = {
  requested: ['planned', 'cancelled'],
  planned: ['requested', 'in_progress', 'cancelled'],
  in_progress: ['done', 'failed', 'planned', 'requested'],
  done: [],
  failed: [],
  cancelled: [],
};

/** States a change to which must say why. */
const statesNeedingReason: readonly WorkOrderState[] = ['failed', 'cancelled', 'requested'];

export type TransitionRefusal =
  { code: 'invalid_transition'; message: string } | { code: 'reason_required'; message: string };

/**
 * Whether an order in `from` may go to `to`; returns why not, or null. Going back from planned
 * to requested (unbooked), from in progress to planned (could not finish today) and from in
 * progress to requested (handed back, e.g. its consent withdrawn) needs a reason, as failing and
 * cancelling do.
 */
export function checkWorkOrderTransition(
  from: WorkOrderState,
  to: WorkOrderState,
  reason: string | ServerTransitionReason | null | undefined,
): TransitionRefusal | null {
  if (!nextStates[from].includes(to))
    return {
      code: 'invalid_transition',
      message: `A work order that is ${from} cannot become ${to}${nextStates[from].length ? `; it can become ${nextStates[from].join(', ')}` : ''}.`,
    };
  const hasReason = typeof reason === 'string' ? reason.trim() !== '' : Boolean(reason);
  if (statesNeedingReason.includes(to) && !hasReason)
    return { code: 'reason_required', message: `Say why the work order becomes ${to}.` };
  return null;
}

/** Whether an order in this state is still open. */
export function isOpenWorkOrderState(state: WorkOrderState): boolean {
  return openWorkOrderStates.includes(state);
}

/**
 * Whose consent an install on a door of this kind waits for: the customer's own for the door of
 * their home (R6.2), the property owner's for a shared door of the building (R7.1); key safes
 * and tubes are the customer's.
 */
export function awaitedConsentFor(kind: DoorKind): WorkOrderAwaits {
  switch (kind) {
    case 'entrance':
    case 'laundry_room':
    case 'waste_room':
    case 'electrical_room':
      return 'owner_consent';
    case 'apartment_door':
    case 'key_safe':
    case 'key_tube':
    case 'medicine_cabinet':
      return 'customer_consent';
  }
}

/**
 * Whose consent an order waits for before it is planned: an install's the door's, a move's the
 * target door's (the lock goes on there, so it is an install at that door); a dismount, battery
 * change, repair or cylinder change puts no new lock anywhere and waits for none.
 */
export function awaitedConsentForOrder(
  kind: WorkOrderKind,
  doorKind: DoorKind,
  targetDoorKind?: DoorKind,
): WorkOrderAwaits {
  if (kind === 'install') return awaitedConsentFor(doorKind);
  if (kind === 'move' && targetDoorKind) return awaitedConsentFor(targetDoorKind);
  return 'nothing';
}

/**
 * The start of an order's human reference (arbetsorder): AO-2027-K7QX4M, the year it was made and
 * a random code (core's `makeRandomReference`, docs/work-orders.md "References"), never a count.
 */
export const workOrderReferencePrefix = 'AO';
/** A reference made since migration 0065, e.g. AO-2027-K7QX4M. */
export const workOrderReferencePattern = randomReferencePattern(workOrderReferencePrefix);
