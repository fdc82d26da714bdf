// Single checks: "may S open L at T", allocation-free (docs/permissions.md "Single checks and explain").
import type { ServiceKind } from './permission-facts';
import type { DoorGrantNode, PermissionIndex, ServiceNode, StaffNode, TeamNode } from './permission-index';
import { isAnyValidAt, isValidAt, toMinute } from './permission-index';
import type { ZoneClock } from './time-windows';
import { isInOccurrence, minutesPerDay } from './time-windows';

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
  const localDay = Math.floor(clock.toLocal(minute) / minutesPerDay);
  const door = lock.door;
  const provider = staff.provider;
  for (const customer of door.customers) {
    if (customer.isRefused) continue;
    const services = customer.servicesByProvider.get(provider.id);
    if (!services) continue;
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
