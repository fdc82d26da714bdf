// Single checks: "may S open L at T", allocation-free (docs/permissions.md "Single checks and explain").
import type { ServiceKind } from './permission-facts';
import type {
  CustomerNode,
  DoorGrantNode,
  PermissionIndex,
  ServiceNode,
  StaffNode,
  TeamNode,
} from './permission-index';
import { isAnyValidAt, isValidAt, toMinute } from './permission-index';
import type { ZoneClock } from './time-windows';
import { isInOccurrence, localDayOf } from './time-windows';

/**
 * Whether `services` (one customer's services from one provider, optionally only of `kind`) put
 * `minute` inside a service window anchored on an active day. Windows are anchored on the local
 * day they start: a 22:00–07:00 occurrence belongs to the evening's date.
 */
export function isServedAt(
  clock: ZoneClock,
  services: readonly ServiceNode[],
  minute: number,
  localDay: number,
  kind: ServiceKind | undefined,
): boolean {
  for (const service of services) {
    if (kind !== undefined && service.kind !== kind) continue;
    if (isServiceServingAt(clock, service, minute, localDay)) return true;
  }
  return false;
}

/** Whether one service puts `minute` inside one of its windows anchored on an active day. */
export function isServiceServingAt(
  clock: ZoneClock,
  service: ServiceNode,
  minute: number,
  localDay: number,
): boolean {
  for (let day = localDay - 1; day <= localDay; day++) {
    if (day < service.startDay || day > service.endDay) continue;
    for (const window of service.windows) if (isInOccurrence(clock, window, day, minute)) return true;
  }
  return false;
}

function hasValidMembership(staff: StaffNode, team: TeamNode, minute: number): boolean {
  if (team.provider !== staff.provider) return false;
  for (const m of staff.memberships) if (m.team === team && isValidAt(m, minute)) return true;
  return false;
}

function doorGrantApplies(grant: DoorGrantNode, staff: StaffNode, minute: number): boolean {
  if (!isValidAt(grant, minute)) return false;
  if (grant.staff) return grant.staff === staff;
  return hasValidMembership(staff, grant.team!, minute);
}

/**
 * Whether staff member `staff` reaches customer `customer` at `minute` through the customer
 * (docs/permissions.md rule 2): a team of the staff's provider that serves the customer or has an
 * area rule for their district, or an individual grant to the customer, and in every case R3.2
 * (the customer chose the provider, the service is active and `minute` inside its window). Whether
 * the customer refused a lock is the caller's concern.
 */
function isAllowedThroughCustomer(
  clock: ZoneClock,
  staff: StaffNode,
  customer: CustomerNode,
  minute: number,
  localDay: number,
): boolean {
  const provider = staff.provider;
  const services = customer.servicesByProvider.get(provider.id);
  if (!services) return false;
  let servedAnyKind: boolean | undefined;
  for (const m of staff.memberships) {
    if (m.team.provider !== provider || !isValidAt(m, minute)) continue;
    const assignments = m.team.assignmentsByCustomer.get(customer.id);
    if (isAnyValidAt(assignments, minute)) {
      servedAnyKind ??= isServedAt(clock, services, minute, localDay, undefined);
      if (servedAnyKind) return true;
    }
    for (const rule of m.team.areaRules) {
      if (rule.districtId !== customer.districtId || !isValidAt(rule, minute)) continue;
      if (isServedAt(clock, services, minute, localDay, rule.service)) return true;
    }
  }
  const grants = staff.customerGrantsByCustomer.get(customer.id);
  if (isAnyValidAt(grants, minute)) {
    servedAnyKind ??= isServedAt(clock, services, minute, localDay, undefined);
    if (servedAnyKind) return true;
  }
  return false;
}

/**
 * May staff member `staffId` open lock `lockId` at `at` (Date or epoch ms)? The fast path for
 * single checks: no allocation, microseconds. Must hold: equals explain(…).isAllowed and
 * whether `at` lies in the lock's intervals from compileLockList (property-tested).
 */
export function mayOpen(index: PermissionIndex, staffId: string, lockId: string, at: Date | number): boolean {
  const staff = index.staff.get(staffId);
  const lock = index.locks.get(lockId);
  if (!staff || !lock) return false;
  const minute = toMinute(at);
  if (!isValidAt(staff.employment, minute)) return false;
  const clock = index.clock;
  const localDay = localDayOf(clock, minute);
  const door = lock.door;
  const provider = staff.provider;
  for (const customer of door.customers) {
    if (customer.isRefused) continue;
    if (isAllowedThroughCustomer(clock, staff, customer, minute, localDay)) return true;
  }
  for (const grant of door.grants) {
    if (!doorGrantApplies(grant, staff, minute)) continue;
    if (door.customers.length === 0) return true;
    for (const customer of door.customers) {
      if (customer.isRefused) continue;
      const services = customer.servicesByProvider.get(provider.id);
      if (services && isServedAt(clock, services, minute, localDay, undefined)) return true;
    }
  }
  return false;
}

/**
 * May staff member `staffId` serve customer `customerId` at `at` — be let in through that
 * customer, lock or no lock? Exactly rule 2 of mayOpen (team service, area rule, individual grant
 * to the customer, each with R3.2), so a staff member may register a visit by phone exactly when a
 * lock on the customer's door would let them in through the customer. Unlike mayOpen it also
 * answers for customers who refused a lock (they are why phone registration exists, R6.2). Grants
 * of a door alone (shared doors, a medicine cabinet) give a door, not a customer, and do not count.
 */
export function mayServeCustomer(
  index: PermissionIndex,
  staffId: string,
  customerId: string,
  at: Date | number,
): boolean {
  const staff = index.staff.get(staffId);
  const customer = index.customers.get(customerId);
  if (!staff || !customer) return false;
  const minute = toMinute(at);
  if (!isValidAt(staff.employment, minute)) return false;
  return isAllowedThroughCustomer(index.clock, staff, customer, minute, localDayOf(index.clock, minute));
}
