// What an installer may do at the door for which order (docs/work-orders.md "At the door"):
// enrolling and installing belong to install orders, dismounting to dismount orders, moving to
// move orders, and only while the order is planned or in progress.
import type { DoorKind } from '../registry';
import {
  checkWorkOrderTransition,
  workOrderStates,
  type WorkOrderKind,
  type WorkOrderState,
} from './work-order-rules';

export const doorActions = ['enrol_lock', 'install', 'dismount', 'move'] as const;
export type DoorAction = (typeof doorActions)[number];

const kindOfAction: Record<DoorAction, WorkOrderKind> = {
  enrol_lock: 'install',
  install: 'install',
  dismount: 'dismount',
  move: 'move',
};

export interface DoorActionRefusal {
  code: 'wrong_order_kind' | 'invalid_transition';
  message: string;
}

/** Whether `action` may be done on an order of this kind in this state; why not, or null. */
export function checkDoorAction(
  action: DoorAction,
  order: { kind: WorkOrderKind; state: WorkOrderState },
): DoorActionRefusal | null {
  if (order.kind !== kindOfAction[action])
    return {
      code: 'wrong_order_kind',
      message: `${action} belongs to ${kindOfAction[action]} orders; this is a ${order.kind} order.`,
    };
  if (order.state !== 'planned' && order.state !== 'in_progress')
    return {
      code: 'invalid_transition',
      message: `The order is ${order.state}; work at the door is done on planned or in-progress orders.`,
    };
  return null;
}

/**
 * Whether the door's original lock must be stored and labelled while ours is on it (R6.4): an
 * apartment door's original lock is the customer's and goes back when the service ends.
 */
export function isOriginalLockStorageRequired(doorKind: DoorKind): boolean {
  return doorKind === 'apartment_door';
}

/** Whole minutes from start to finish (at least 0, at most a day), for the order's actual time. */
export function countActualMinutes(startedAt: Date | null, finishedAt: Date): number {
  if (!startedAt) return 0;
  return Math.min(1440, Math.max(0, Math.round((finishedAt.getTime() - startedAt.getTime()) / 60_000)));
}

/**
 * Whether an order of this kind is finished by its action at the door (installed, dismounted,
 * moved) rather than by marking it done: the lock's record must change with it.
 */
export function isFinishedAtTheDoor(kind: WorkOrderKind): boolean {
  return kind === 'install' || kind === 'dismount' || kind === 'move';
}

/**
 * The states a person may move an order of `kind` to from `state` (a reason given where one is
 * needed): an install, dismount or move is done by its action at the door, never by a move to
 * done, so a client offers only what the server would accept.
 */
export function listNextWorkOrderStates(kind: WorkOrderKind, state: WorkOrderState): WorkOrderState[] {
  return workOrderStates.filter(
    (to) =>
      checkWorkOrderTransition(state, to, 'reason') === null && !(to === 'done' && isFinishedAtTheDoor(kind)),
  );
}
