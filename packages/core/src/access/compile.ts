// Compiling a staff member's lock list for a ticket (docs/permissions.md "Compiling a lock list").
import type { LockGrant, WeeklyWindow } from '@portvakt/protocol';
import { maxTicketValiditySeconds, maxWindowsPerLock } from '@portvakt/protocol';
import type { ServiceKind } from './permission-facts';
import type { CustomerNode, DoorGrantNode, LockNode, PermissionIndex, ServiceNode } from './permission-index';
import { areaKey, toMinute } from './permission-index';
import type { AllowRule } from './permission-rules';
import { allowRules } from './permission-rules';
import type { ParsedDailyWindow } from './time-windows';
import {
  clipIntervals,
  intersectIntervals,
  localDayOf,
  mergeIntervals,
  toWeeklyWindows,
  windowOccurrence,
} from './time-windows';
import type { CustomerVisitWindows, VisitWindowFacts } from './visit-windows';
import { noVisitWindows, visitWindowDoorKinds, visitWindowsOfProvider } from './visit-windows';

/** One lock in a staff member's compiled list. Read-only: locks reached alike share arrays. */
export interface CompiledLock {
  lockId: string;
  /** The protocol's uint32 lock id, when the facts carry it. */
  lockNumber: number | undefined;
  doorId: string;
  /**
   * 'always': openable for the whole validity of the list. Otherwise protocol weekly windows
   * (UTC minutes of the week, Monday 00:00 UTC = 0) that, read during the list's validity (< 1
   * week), are exactly the instants the rules allow — service windows in local time across DST,
   * memberships and grants that end or start, employment ending.
   */
  windows: 'always' | readonly WeeklyWindow[];
  /** Epoch ms after which this lock opens no more within the list's validity. */
  validUntil: number;
  /** The allowed instants as [from, until) epoch ms, chronological. */
  intervals: readonly { from: number; until: number }[];
  /** The rules that contributed. */
  rules: readonly AllowRule[];
}

export interface CompiledLockList {
  staffId: string;
  /** Epoch ms: the activation time the list was compiled for. */
  issuedAt: number;
  /** Epoch ms: end of validity (the ticket's expiry). */
  validUntil: number;
  /** Staff-level state at issuedAt; anything but 'active' means an empty or shortened list. */
  staffStatus: 'active' | 'unknown_staff' | 'employment_not_started' | 'employment_ended';
  /** Sorted by lockId. */
  locks: CompiledLock[];
  /** Locks whose later windows were dropped to fit the protocol's limit of windows per lock. */
  truncatedLockIds: string[];
}

export interface CompileOptions {
  /** Validity of the list in seconds, 60 … 5 days (R1.4); default 5 days. */
  validForSeconds?: number;
  /**
   * Planned visits and break-glass windows around the list's validity (visit-window mode, docs/
   * permissions.md). Read only when the index has customers under the mode; when it has and this
   * is absent, their own doors get no windows at all (fails closed).
   */
  visitWindows?: VisitWindowFacts;
}

const ruleBits: Record<AllowRule, number> = {
  team_service: 1,
  area_rule: 2,
  individual_grant: 4,
  shared_door_grant: 8,
};

interface Accumulator {
  lock: LockNode;
  /** The one normalised set contributed so far (shared, never mutated), or undefined. */
  single: readonly number[] | undefined;
  /** Several contributions, concatenated; normalised at the end. */
  pieces: number[] | undefined;
  rules: number;
}

const rulesByMask: AllowRule[][] = Array.from({ length: 16 }, (_, mask) =>
  allowRules.filter((rule) => mask & ruleBits[rule]),
);

/**
 * Compiles the locks `staffId` may open from `at` (Date or epoch ms) until the list expires
 * (default and maximum 5 days), with the weekly windows each lock must enforce. Must hold: for
 * every minute T in [at, validUntil), a lock's intervals (and its windows read as the protocol
 * does) contain T exactly when mayOpen(T) is true — except when a lock needs more than the
 * protocol's 14 windows, in which case its later windows are dropped (never widened) and it is
 * listed in truncatedLockIds. An unknown or former staff member gets an empty list, never an error.
 */
export function compileLockList(
  index: PermissionIndex,
  staffId: string,
  at: Date | number,
  options: CompileOptions = {},
): CompiledLockList {
  const validForSeconds = options.validForSeconds ?? maxTicketValiditySeconds;
  if (!(validForSeconds >= 60 && validForSeconds <= maxTicketValiditySeconds)) {
    throw new RangeError(`validForSeconds: 60 … ${maxTicketValiditySeconds}`);
  }
  const issuedAt = typeof at === 'number' ? at : at.getTime();
  const validUntil = issuedAt + validForSeconds * 1000;
  const horizonStart = toMinute(issuedAt);
  const horizonEnd = Math.ceil(validUntil / 60_000);
  const result: CompiledLockList = {
    staffId,
    issuedAt,
    validUntil,
    staffStatus: 'active',
    locks: [],
    truncatedLockIds: [],
  };
  const staff = index.staff.get(staffId);
  if (!staff) return { ...result, staffStatus: 'unknown_staff' };
  if (horizonStart < staff.employment.from) result.staffStatus = 'employment_not_started';
  else if (horizonStart >= staff.employment.until) result.staffStatus = 'employment_ended';
  const lo = Math.max(horizonStart, staff.employment.from);
  const hi = Math.min(horizonEnd, staff.employment.until);
  if (lo >= hi) return result;

  const clock = index.clock;
  const provider = staff.provider;
  const firstDay = localDayOf(clock, lo) - 1;
  const lastDay = localDayOf(clock, hi - 1);
  const occurrenceCache = new Map<ParsedDailyWindow[], number[]>();
  const occurrencesOf = (windows: ParsedDailyWindow[]): number[] => {
    let list = occurrenceCache.get(windows);
    if (!list) {
      // Triples [day, start, end] for every occurrence overlapping [lo, hi).
      list = [];
      for (let day = firstDay; day <= lastDay; day++) {
        for (const window of windows) {
          const occurrence = windowOccurrence(clock, window, day);
          if (occurrence && occurrence[0] < hi && occurrence[1] > lo && occurrence[0] < occurrence[1]) {
            list.push(day, Math.max(occurrence[0], lo), Math.min(occurrence[1], hi));
          }
        }
      }
      occurrenceCache.set(windows, list);
    }
    return list;
  };
  // One service's allowed instants depend only on its windows and its dates clamped to the
  // horizon's days, so customers with like services share one (read-only) interval set.
  const templateCache = new Map<ParsedDailyWindow[], Map<number, number[]>>();
  const servedBy = (service: ServiceNode): number[] => {
    const startDay = Math.max(service.startDay, firstDay);
    const endDay = Math.min(service.endDay, lastDay);
    if (startDay > endDay) return [];
    let byDates = templateCache.get(service.windows);
    if (!byDates) templateCache.set(service.windows, (byDates = new Map<number, number[]>()));
    const key = (startDay - firstDay) * 1024 + (endDay - firstDay);
    let merged = byDates.get(key);
    if (!merged) {
      const occurrences = occurrencesOf(service.windows);
      const pieces: number[] = [];
      for (let i = 0; i < occurrences.length; i += 3) {
        const day = occurrences[i]!;
        if (day >= startDay && day <= endDay) pieces.push(occurrences[i + 1]!, occurrences[i + 2]!);
      }
      merged = mergeIntervals(pieces);
      byDates.set(key, merged);
    }
    return merged;
  };
  const servedCache = new Map<CustomerNode, number[]>();
  const servedIntervals = (customer: CustomerNode, kind: ServiceKind | undefined): number[] => {
    if (kind === undefined) {
      const cached = servedCache.get(customer);
      if (cached) return cached;
    }
    const services = customer.servicesByProvider.get(provider.id);
    if (services?.length === 1 && (kind === undefined || services[0]!.kind === kind)) {
      const merged = servedBy(services[0]!);
      if (kind === undefined) servedCache.set(customer, merged);
      return merged;
    }
    const pieces: number[] = [];
    if (services) {
      for (const service of services) {
        if (kind !== undefined && service.kind !== kind) continue;
        const occurrences = occurrencesOf(service.windows);
        for (let i = 0; i < occurrences.length; i += 3) {
          const day = occurrences[i]!;
          if (day >= service.startDay && day <= service.endDay)
            pieces.push(occurrences[i + 1]!, occurrences[i + 2]!);
        }
      }
    }
    const merged = mergeIntervals(pieces);
    if (kind === undefined) servedCache.set(customer, merged);
    return merged;
  };
  const accumulators = new Map<LockNode, Accumulator>();
  const add = (locks: readonly LockNode[], intervals: readonly number[], rule: AllowRule): void => {
    if (intervals.length === 0) return;
    for (const lock of locks) {
      const acc = accumulators.get(lock);
      if (!acc) {
        accumulators.set(lock, { lock, single: intervals, pieces: undefined, rules: ruleBits[rule] });
        continue;
      }
      if (acc.single) {
        acc.pieces = acc.single.slice();
        acc.single = undefined;
      }
      for (const value of intervals) acc.pieces!.push(value);
      acc.rules |= ruleBits[rule];
    }
  };
  // Visit-window mode: a windowed customer's own doors open only within the windows of S's
  // provider for that customer. Untouched (and not even computed) when no customer is windowed.
  let windowsByCustomer: Map<string, CustomerVisitWindows> | undefined;
  const visitWindowsOf = (customer: CustomerNode): readonly number[] => {
    windowsByCustomer ??= visitWindowsOfProvider(options.visitWindows ?? noVisitWindows, provider.id);
    return windowsByCustomer.get(customer.id)?.all ?? [];
  };
  const isOwnDoor = (lock: LockNode) => visitWindowDoorKinds.includes(lock.door.kind);
  const addThroughCustomer = (
    customer: CustomerNode,
    within: number[],
    rule: AllowRule,
    kind?: ServiceKind,
  ) => {
    if (customer.isRefused || customer.locks.length === 0) return;
    const intervals = intersectIntervals(within, servedIntervals(customer, kind));
    if (!customer.isVisitWindowed) {
      add(customer.locks, intervals, rule);
      return;
    }
    const windowed = intersectIntervals(intervals, visitWindowsOf(customer));
    for (const lock of customer.locks) add([lock], isOwnDoor(lock) ? windowed : intervals, rule);
  };
  const addDoorGrant = (grant: DoorGrantNode, within: number[]) => {
    const door = grant.door;
    if (!door.lock || within.length === 0) return;
    if (door.customers.length === 0) {
      add([door.lock], within, grant.rule);
      return;
    }
    const pieces: number[] = [];
    for (const customer of door.customers) {
      if (customer.isRefused) continue;
      const served = servedIntervals(customer, undefined);
      if (customer.isVisitWindowed && door.lock && isOwnDoor(door.lock))
        pieces.push(...intersectIntervals(served, visitWindowsOf(customer)));
      else pieces.push(...served);
    }
    add([door.lock], intersectIntervals(within, mergeIntervals(pieces)), grant.rule);
  };

  for (const membership of staff.memberships) {
    const team = membership.team;
    if (team.provider !== provider) continue;
    const memberLo = Math.max(lo, membership.from);
    const memberHi = Math.min(hi, membership.until);
    if (memberLo >= memberHi) continue;
    for (const assignment of team.assignments) {
      const from = Math.max(memberLo, assignment.from);
      const until = Math.min(memberHi, assignment.until);
      if (from < until) addThroughCustomer(assignment.customer, [from, until], 'team_service');
    }
    for (const rule of team.areaRules) {
      const from = Math.max(memberLo, rule.from);
      const until = Math.min(memberHi, rule.until);
      if (from >= until) continue;
      for (const customer of index.areaCustomers.get(areaKey(provider.id, rule.districtId, rule.service)) ??
        []) {
        addThroughCustomer(customer, [from, until], 'area_rule', rule.service);
      }
    }
    for (const grant of team.doorGrants) {
      addDoorGrant(grant, clipIntervals([grant.from, grant.until], memberLo, memberHi));
    }
  }
  for (const grant of staff.customerGrants) {
    addThroughCustomer(grant.customer, clipIntervals([grant.from, grant.until], lo, hi), 'individual_grant');
  }
  for (const grant of staff.doorGrants) addDoorGrant(grant, clipIntervals([grant.from, grant.until], lo, hi));

  // Locks reached through the same customer share one interval set; convert each set once.
  const converted = new Map<
    readonly number[],
    Omit<CompiledLock, 'lockId' | 'lockNumber' | 'doorId' | 'rules'> & { isTruncated: boolean }
  >();
  const convert = (merged: readonly number[]) => {
    let done = converted.get(merged);
    if (done) return done;
    const isAlways = merged.length === 2 && merged[0]! <= horizonStart && merged[1]! >= horizonEnd;
    let windows: CompiledLock['windows'] = 'always';
    let kept = merged;
    let isTruncated = false;
    if (!isAlways) {
      const weekly = toWeeklyWindows(merged, maxWindowsPerLock);
      windows = weekly.windows;
      if (weekly.isTruncated) {
        isTruncated = true;
        kept = clipIntervals(merged, -Infinity, weekly.coveredUntil);
      }
    }
    const intervals: { from: number; until: number }[] = [];
    for (let i = 0; i < kept.length; i += 2) {
      intervals.push({
        from: Math.max(kept[i]! * 60_000, issuedAt),
        until: Math.min(kept[i + 1]! * 60_000, validUntil),
      });
    }
    done = { windows, intervals, validUntil: intervals[intervals.length - 1]!.until, isTruncated };
    converted.set(merged, done);
    return done;
  };
  const accs = [...accumulators.values()].sort((a, b) => a.lock.ordinal - b.lock.ordinal);
  for (const acc of accs) {
    const merged = acc.single ?? mergeIntervals(acc.pieces!);
    if (merged.length === 0) continue;
    const { isTruncated, ...compiled } = convert(merged);
    if (isTruncated) result.truncatedLockIds.push(acc.lock.id);
    result.locks.push({
      lockId: acc.lock.id,
      lockNumber: acc.lock.number,
      doorId: acc.lock.door.id,
      ...compiled,
      rules: rulesByMask[acc.rules]!,
    });
  }
  result.truncatedLockIds.sort();
  return result;
}

/**
 * The compiled locks as the protocol's ticket carries them: sorted by lock number, windows only
 * where not 'always'. Must hold: every lock has a number (from LockFact.number or `numberOf`);
 * throws RangeError otherwise or on a duplicate number.
 */
export function toLockGrants(list: CompiledLockList, numberOf?: (lockId: string) => number): LockGrant[] {
  const grants: LockGrant[] = list.locks.map((lock) => {
    const number = lock.lockNumber ?? numberOf?.(lock.lockId);
    if (number === undefined) throw new RangeError(`lock ${lock.lockId} has no protocol lock number`);
    return lock.windows === 'always'
      ? { lock: number }
      : { lock: number, windows: lock.windows.map((w) => ({ ...w })) };
  });
  grants.sort((a, b) => a.lock - b.lock);
  for (let i = 1; i < grants.length; i++) {
    if (grants[i]!.lock === grants[i - 1]!.lock)
      throw new RangeError(`duplicate lock number ${grants[i]!.lock}`);
  }
  return grants;
}
