// What registry changes mean for the locks on a customer's way in (issue #12 item 2,
// docs/work-orders.md "Triggers, consent and introductions"): a service granted needs a lock on
// every door of the path, the last service ended frees the customer's own doors, a move takes the
// lock along. Pure: the server reads the facts, these rules say which orders to propose, and
// insertWorkOrders skips doors that already have an open order of the kind.
import type { DoorKind } from '../registry';
import {
  awaitedConsentFor,
  awaitedConsentForOrder,
  type WorkOrderAwaits,
  type WorkOrderOrigin,
} from './work-order-rules';

/** A customer service's dates (ISO days, local). */
export interface ServiceDates {
  startsOn: string;
  endsOn: string | null;
}

/** A door on a customer's way in (path steps and the apartment door), with its installed lock. */
export interface DoorOnPath {
  doorId: string;
  kind: DoorKind;
  installedLockId: string | null;
}

/** An order a trigger proposes; becomes a NewWorkOrder in storage. */
export interface ProposedOrder {
  kind: 'install' | 'dismount' | 'move';
  doorId: string;
  customerId: string;
  origin: WorkOrderOrigin;
  awaits: WorkOrderAwaits;
  lockDeviceId: string | null;
  targetDoorId: string | null;
}

/**
 * Whether a door is the customer's own (apartment door, key safe, key tube, medicine cabinet):
 * the customer consents to its lock (R6.2) and it is freed when the customer's services end. A
 * shared door (entrance, laundry room) belongs to everyone behind it.
 */
export function isCustomersOwnDoor(kind: DoorKind): boolean {
  return awaitedConsentFor(kind) === 'customer_consent';
}

/** The ISO day `days` after `day`. */
export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/** Whether any of the services lasts to `day` or later (open-ended ones always do). */
export function isServedOnOrAfter(services: readonly ServiceDates[], day: string): boolean {
  return services.some((service) => service.endsOn === null || service.endsOn >= day);
}

/**
 * Whether a write grants a service: a new service that is current or agreed to start, or one
 * that had ended and now runs again. A change that keeps a current service current grants
 * nothing new, so an order cancelled meanwhile (a refusal, an owner's no) is not made again.
 */
export function isServiceGrantedByChange(
  before: ServiceDates | undefined,
  after: ServiceDates,
  today: string,
): boolean {
  if (!isServedOnOrAfter([after], today)) return false;
  return before === undefined || !isServedOnOrAfter([before], today);
}

/**
 * Whether a write serves a customer longer than before: a new service, or a service's end removed
 * or moved later. A dismount proposed for the earlier end (origin `service_ended`) is then stale.
 */
export function isServiceExtendedByChange(before: ServiceDates | undefined, after: ServiceDates): boolean {
  if (before === undefined) return true;
  if (before.endsOn === null) return false;
  return after.endsOn === null || after.endsOn > before.endsOn;
}

/** Whether a write ends a service: deleted, an end set where there was none, or an earlier end. */
export function isServiceEndedByChange(before: ServiceDates, after: ServiceDates | undefined): boolean {
  if (after === undefined) return true;
  if (after.endsOn === null) return false;
  return before.endsOn === null || after.endsOn < before.endsOn;
}

/**
 * Install orders for the doors of a served customer's way in that have no lock: entrances wait
 * for the property owner, the customer's own doors for the customer (awaitedConsentFor). A
 * customer who refused a lock gets none on their own doors (R6.2); the shared doors still serve
 * the others behind them.
 */
export function proposeInstallOrders(input: {
  customerId: string;
  doors: readonly DoorOnPath[];
  hasRefusedLock: boolean;
}): ProposedOrder[] {
  const seen = new Set<string>();
  const orders: ProposedOrder[] = [];
  for (const door of input.doors) {
    if (seen.has(door.doorId) || door.installedLockId !== null) continue;
    seen.add(door.doorId);
    if (input.hasRefusedLock && isCustomersOwnDoor(door.kind)) continue;
    orders.push({
      kind: 'install',
      doorId: door.doorId,
      customerId: input.customerId,
      origin: 'service_granted',
      awaits: awaitedConsentFor(door.kind),
      lockDeviceId: null,
      targetDoorId: null,
    });
  }
  return orders;
}

/**
 * The first day a customer is no longer served: the day after their last service ends, today
 * at the earliest; null while a service is open-ended.
 */
export function firstUnservedDay(services: readonly ServiceDates[], today: string): string | null {
  if (services.some((service) => service.endsOn === null)) return null;
  const lastEnd = services.reduce<string | null>(
    (latest, service) => (latest === null || service.endsOn! > latest ? service.endsOn : latest),
    null,
  );
  const dayAfter = lastEnd === null ? today : addDays(lastEnd, 1);
  return dayAfter > today ? dayAfter : today;
}

/**
 * Whether another resident behind a door still needs it from `day` on: the dismount guard's rule
 * (a service ongoing or agreed to start, lock-dismount.repository.ts), asked from the day the
 * leaving customer is no longer served, so a partner who stays keeps the door's lock.
 */
export function isDoorNeededByOthers(
  otherResidents: readonly (readonly ServiceDates[])[],
  day: string,
): boolean {
  return otherResidents.some((services) => isServedOnOrAfter(services, day));
}

/**
 * Dismount orders proposed when a customer's last service ends: for each of the customer's own
 * doors with a lock that no other resident needs from the day the customer is no longer served.
 * Entrances stay while anyone behind them is served, so they are never proposed here.
 */
export function proposeDismountOrders(input: {
  customerId: string;
  doors: readonly DoorOnPath[];
  services: readonly ServiceDates[];
  otherResidentsByDoor: ReadonlyMap<string, readonly (readonly ServiceDates[])[]>;
  today: string;
}): ProposedOrder[] {
  const unservedFrom = firstUnservedDay(input.services, input.today);
  if (unservedFrom === null) return [];
  const seen = new Set<string>();
  const orders: ProposedOrder[] = [];
  for (const door of input.doors) {
    if (seen.has(door.doorId) || door.installedLockId === null || !isCustomersOwnDoor(door.kind)) continue;
    seen.add(door.doorId);
    if (isDoorNeededByOthers(input.otherResidentsByDoor.get(door.doorId) ?? [], unservedFrom)) continue;
    orders.push({
      kind: 'dismount',
      doorId: door.doorId,
      customerId: input.customerId,
      origin: 'service_ended',
      awaits: 'nothing',
      lockDeviceId: door.installedLockId,
      targetDoorId: null,
    });
  }
  return orders;
}

/**
 * What a move from one apartment door to another needs: the old door's lock moves along when no
 * one else behind the old door needs it and the customer is served and has not refused; when the
 * old lock must stay (or there is none), the new door gets an install order instead; a lock left
 * behind that no one needs and that cannot move is proposed for dismounting.
 */
export function proposeMoveOrders(input: {
  customerId: string;
  oldDoor: (DoorOnPath & { isNeededByOthers: boolean }) | null;
  newDoor: DoorOnPath | null;
  isServed: boolean;
  hasRefusedLock: boolean;
}): ProposedOrder[] {
  const { oldDoor, newDoor, customerId } = input;
  const base = { customerId, origin: 'customer_moved' as const, targetDoorId: null, lockDeviceId: null };
  const needsNewLock =
    newDoor !== null && newDoor.installedLockId === null && input.isServed && !input.hasRefusedLock;
  const freeLock =
    oldDoor !== null && oldDoor.installedLockId !== null && !oldDoor.isNeededByOthers ? oldDoor : null;
  if (needsNewLock && freeLock)
    return [
      {
        ...base,
        kind: 'move',
        doorId: freeLock.doorId,
        lockDeviceId: freeLock.installedLockId,
        targetDoorId: newDoor.doorId,
        awaits: awaitedConsentForOrder('move', freeLock.kind, newDoor.kind),
      },
    ];
  const orders: ProposedOrder[] = [];
  if (needsNewLock)
    orders.push({
      ...base,
      kind: 'install',
      doorId: newDoor.doorId,
      awaits: awaitedConsentFor(newDoor.kind),
    });
  if (freeLock)
    orders.push({
      ...base,
      kind: 'dismount',
      doorId: freeLock.doorId,
      lockDeviceId: freeLock.installedLockId,
      awaits: 'nothing',
    });
  return orders;
}
