// The permission model (R3, DESIGN §6, docs/permissions.md): facts → index → a staff member's
// lock list with weekly windows (compile), "may S open L at T" (mayOpen) and the reasons in words
// (explain). Pure and synchronous; all times at whole-minute resolution.
//
// Rules, for staff member S, lock L on door D, instant T:
//   1. S is employed at T (employment dates are local, inclusive) — otherwise nothing at all.
//   2. Through a customer C whose access path includes D, and C has not refused a lock:
//      team_service      a valid membership of S in a team of S's provider that serves C at T;
//      area_rule         a valid membership of S in a team with an area rule for C's district;
//      individual_grant  an individual grant S → C valid at T;
//      and in every case R3.2: C has chosen S's provider for a service active on the window's
//      start date, and T lies in that provider's service window (area rules: for the rule's
//      service). Grants replace team membership, never the customer's choice of provider.
//   3. Through an explicit grant of D (individual_grant to a door, shared_door_grant to S or to a
//      team S is validly in): valid at T; if D is on some customer's access path the R3.2 condition
//      of rule 2 must hold for one such customer, otherwise (laundry, waste room …) the grant alone.
import type { LockGrant, WeeklyWindow } from '@portvakt/protocol';
import { maxTicketValiditySeconds, maxWindowsPerLock } from '@portvakt/protocol';
import type { InstantInput, PermissionFacts, ServiceKind } from './permission-facts';
import type { DoorKind } from '../registry/registry';
import type { DailyWindow, ParsedDailyWindow, ZoneClock } from './time-windows';
import {
  clipIntervals,
  createZoneClock,
  formatClockTime,
  formatEpochDay,
  formatLocalMinute,
  intersectIntervals,
  isInOccurrence,
  mergeIntervals,
  minutesPerDay,
  parseDailyWindow,
  parseIsoDate,
  toWeeklyWindows,
  wholeDayWindow,
  windowOccurrence,
} from './time-windows';

export const defaultPermissionTimeZone = 'Europe/Stockholm';

/** Rules that allow opening. */
export const allowRules = ['team_service', 'area_rule', 'individual_grant', 'shared_door_grant'] as const;
export type AllowRule = (typeof allowRules)[number];

/** Reasons for a refusal, most specific first. */
export const denyRules = [
  'unknown_staff',
  'unknown_lock',
  'employment_not_started',
  'employment_ended',
  'customer_refused_lock',
  'membership_expired',
  'membership_not_started',
  'assignment_ended',
  'assignment_not_started',
  'grant_expired',
  'grant_not_started',
  'no_chosen_provider',
  'service_not_active',
  'outside_service_window',
  'no_rule',
] as const;
export type DenyRule = (typeof denyRules)[number];
export type PermissionRule = AllowRule | DenyRule;

// ---------------------------------------------------------------------------------------------
// Index

interface Validity {
  /** Epoch minutes; -Infinity / Infinity when open-ended. */
  from: number;
  until: number;
}

interface ProviderNode {
  id: string;
  name: string;
  windows: Map<ServiceKind, ParsedDailyWindow[]>;
}

interface ServiceNode {
  kind: ServiceKind;
  provider: ProviderNode;
  startDay: number;
  endDay: number;
  windows: ParsedDailyWindow[];
  /** True when the provider configured no windows for this service. */
  isAroundTheClock: boolean;
}

interface CustomerNode {
  id: string;
  name: string;
  districtId: string;
  isRefused: boolean;
  /** Locks on the access path, in path order. */
  locks: LockNode[];
  servicesByProvider: Map<string, ServiceNode[]>;
  /** The whole access path in order, doors without a lock too (for who-can-open answers). */
  path: DoorNode[];
  /** Reverse edges for whoCanOpen: teams assigned to this customer (any validity), grant holders. */
  teams: TeamNode[];
  grantHolders: StaffNode[];
}

interface AssignmentNode extends Validity {
  customer: CustomerNode;
}

interface AreaRuleNode extends Validity {
  team: TeamNode;
  districtId: string;
  districtName: string;
  service: ServiceKind;
}

interface TeamNode {
  id: string;
  name: string;
  provider: ProviderNode;
  assignments: AssignmentNode[];
  assignmentsByCustomer: Map<string, AssignmentNode[]>;
  areaRules: AreaRuleNode[];
  doorGrants: DoorGrantNode[];
  /** Staff with a membership in this team (any validity), for whoCanOpen. */
  members: StaffNode[];
}

interface MembershipNode extends Validity {
  team: TeamNode;
}

interface CustomerGrantNode extends Validity {
  id: string;
  customer: CustomerNode;
  reason: string;
  grantedBy: string;
}

interface DoorGrantNode extends Validity {
  id: string;
  rule: 'individual_grant' | 'shared_door_grant';
  door: DoorNode;
  staff: StaffNode | undefined;
  team: TeamNode | undefined;
  reason: string;
  grantedBy: string;
}

interface StaffNode {
  id: string;
  /** Position in the facts' staff order, so answers built from reverse edges keep that order. */
  ordinal: number;
  name: string;
  provider: ProviderNode;
  employmentStartDay: number;
  employmentEndDay: number;
  /** Employment as instants: local midnight of the first day to local midnight after the last. */
  employment: Validity;
  memberships: MembershipNode[];
  customerGrants: CustomerGrantNode[];
  customerGrantsByCustomer: Map<string, CustomerGrantNode[]>;
  doorGrants: DoorGrantNode[];
}

interface DoorNode {
  id: string;
  label: string;
  kind: DoorKind;
  lock: LockNode | undefined;
  /** Customers whose access path includes this door (refused ones too). */
  customers: CustomerNode[];
  grants: DoorGrantNode[];
}

interface LockNode {
  id: string;
  number: number | undefined;
  door: DoorNode;
  /** Position in lock-id order, for sorting lists cheaply. */
  ordinal: number;
}

/** Facts indexed for fast compile and checks. Build once with buildPermissionIndex; read-only. */
export class PermissionIndex {
  /** @internal */ readonly staff = new Map<string, StaffNode>();
  /** @internal */ readonly locks = new Map<string, LockNode>();
  /** @internal */ readonly customers = new Map<string, CustomerNode>();
  /** @internal Customers by provider, district and service kind (for area rules). */
  readonly areaCustomers = new Map<string, CustomerNode[]>();
  /** @internal Teams with an area rule (any validity) by district, for whoCanOpen. */
  readonly areaTeams = new Map<string, TeamNode[]>();
  constructor(readonly clock: ZoneClock) {}

  /** Number of indexed staff members, customers and locks. */
  get size(): { staff: number; customers: number; locks: number } {
    return { staff: this.staff.size, customers: this.customers.size, locks: this.locks.size };
  }
}

const areaKey = (providerId: string, districtId: string, service: ServiceKind): string =>
  `${providerId}\u0000${districtId}\u0000${service}`;

function toMs(value: InstantInput, what: string): number {
  let ms: number;
  if (typeof value === 'number') ms = value;
  else if (value instanceof Date) ms = value.getTime();
  else {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
      throw new RangeError(
        `${what}: expected an ISO timestamp with offset or Z, got ${JSON.stringify(value)}`,
      );
    }
    ms = Date.parse(value);
  }
  if (!Number.isFinite(ms)) throw new RangeError(`${what}: not a valid instant`);
  return ms;
}

/** Validity in epoch minutes; the start is rounded up and the end down so rounding never widens access. */
function toValidity(
  from: InstantInput | null | undefined,
  until: InstantInput | null | undefined,
  what: string,
): Validity {
  return {
    from:
      from === null || from === undefined ? -Infinity : Math.ceil(toMs(from, `${what}.validFrom`) / 60_000),
    until:
      until === null || until === undefined
        ? Infinity
        : Math.floor(toMs(until, `${what}.validUntil`) / 60_000),
  };
}

function need<T>(map: Map<string, T>, id: string, what: string): T {
  const found = map.get(id);
  if (found === undefined) throw new RangeError(`${what}: unknown id ${JSON.stringify(id)}`);
  return found;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Builds the index from facts. Must hold: every reference resolves (a membership names a known
 * staff member and team, a lock a known door, …), dates are YYYY-MM-DD, timestamps carry an
 * offset, windows are valid HH:MM; otherwise throws RangeError naming the offending fact. Cost is
 * linear in the facts; the facts are not retained.
 */
export function buildPermissionIndex(facts: PermissionFacts): PermissionIndex {
  const clock = createZoneClock(facts.timeZone ?? defaultPermissionTimeZone);
  const index = new PermissionIndex(clock);
  const districtNames = new Map((facts.districts ?? []).map((d) => [d.id, d.name]));

  const providers = new Map<string, ProviderNode>();
  for (const p of facts.providers) {
    const windows = new Map<ServiceKind, ParsedDailyWindow[]>();
    const configured = Object.entries(p.serviceWindows ?? {}) as [
      ServiceKind,
      readonly DailyWindow[] | undefined,
    ][];
    for (const [service, list] of configured) {
      if (!list || list.length === 0) continue;
      windows.set(
        service,
        list.map((w, i) => parseDailyWindow(w, `provider ${p.id} ${service} window ${i}`)),
      );
    }
    providers.set(p.id, { id: p.id, name: p.name, windows });
  }

  const doors = new Map<string, DoorNode>();
  for (const d of facts.doors) {
    doors.set(d.id, { id: d.id, label: d.label, kind: d.kind, lock: undefined, customers: [], grants: [] });
  }
  for (const l of facts.locks) {
    const door = need(doors, l.doorId, `lock ${l.id}.doorId`);
    if (door.lock) throw new RangeError(`lock ${l.id}: door ${door.id} already has lock ${door.lock.id}`);
    const lock: LockNode = { id: l.id, number: l.number, door, ordinal: 0 };
    door.lock = lock;
    index.locks.set(l.id, lock);
  }
  [...index.locks.keys()].sort().forEach((id, ordinal) => (index.locks.get(id)!.ordinal = ordinal));

  for (const c of facts.customers) {
    index.customers.set(c.id, {
      id: c.id,
      name: c.name,
      districtId: c.districtId,
      isRefused: c.hasRefusedLock === true,
      locks: [],
      servicesByProvider: new Map(),
      path: [],
      teams: [],
      grantHolders: [],
    });
  }
  for (const path of facts.accessPaths) {
    const customer = need(index.customers, path.customerId, 'access path customerId');
    for (const doorId of path.doorIds) {
      const door = need(doors, doorId, `access path of ${customer.id}`);
      if (door.customers.includes(customer)) continue;
      door.customers.push(customer);
      customer.path.push(door);
      if (door.lock) customer.locks.push(door.lock);
    }
  }
  for (const s of facts.services) {
    const what = `service ${s.id ?? `${s.customerId}/${s.providerId}`}`;
    const customer = need(index.customers, s.customerId, `${what}.customerId`);
    const provider = need(providers, s.providerId, `${what}.providerId`);
    const configured = provider.windows.get(s.service);
    const service: ServiceNode = {
      kind: s.service,
      provider,
      startDay: parseIsoDate(s.startsOn, `${what}.startsOn`),
      endDay: s.endsOn ? parseIsoDate(s.endsOn, `${what}.endsOn`) : Infinity,
      windows: configured ?? [wholeDayWindow],
      isAroundTheClock: configured === undefined,
    };
    pushTo(customer.servicesByProvider, provider.id, service);
    const key = areaKey(provider.id, customer.districtId, s.service);
    const list = index.areaCustomers.get(key);
    if (!list) index.areaCustomers.set(key, [customer]);
    else if (!list.includes(customer)) list.push(customer);
  }

  const teams = new Map<string, TeamNode>();
  for (const t of facts.teams) {
    teams.set(t.id, {
      id: t.id,
      name: t.name,
      provider: need(providers, t.providerId, `team ${t.id}.providerId`),
      assignments: [],
      assignmentsByCustomer: new Map(),
      areaRules: [],
      doorGrants: [],
      members: [],
    });
  }
  for (const a of facts.teamCustomers) {
    const what = `team customer ${a.teamId}/${a.customerId}`;
    const team = need(teams, a.teamId, `${what}.teamId`);
    const node: AssignmentNode = {
      customer: need(index.customers, a.customerId, `${what}.customerId`),
      ...toValidity(a.validFrom, a.validUntil, what),
    };
    team.assignments.push(node);
    pushTo(team.assignmentsByCustomer, node.customer.id, node);
    if (!node.customer.teams.includes(team)) node.customer.teams.push(team);
  }
  for (const r of facts.areaRules ?? []) {
    const what = `area rule ${r.id ?? r.teamId}`;
    const team = need(teams, r.teamId, `${what}.teamId`);
    team.areaRules.push({
      team,
      districtId: r.districtId,
      districtName: districtNames.get(r.districtId) ?? r.districtId,
      service: r.service ?? 'safety_alarm',
      ...toValidity(r.validFrom, r.validUntil, what),
    });
    const areaTeams = index.areaTeams.get(r.districtId);
    if (!areaTeams) index.areaTeams.set(r.districtId, [team]);
    else if (!areaTeams.includes(team)) areaTeams.push(team);
  }

  for (const [ordinal, s] of facts.staff.entries()) {
    const what = `staff ${s.id}`;
    const startDay = parseIsoDate(s.employmentStartsOn, `${what}.employmentStartsOn`);
    const endDay = s.employmentEndsOn
      ? parseIsoDate(s.employmentEndsOn, `${what}.employmentEndsOn`)
      : Infinity;
    index.staff.set(s.id, {
      id: s.id,
      ordinal,
      name: s.name,
      provider: need(providers, s.providerId, `${what}.providerId`),
      employmentStartDay: startDay,
      employmentEndDay: endDay,
      employment: {
        from: clock.fromLocal(startDay * minutesPerDay),
        until: endDay === Infinity ? Infinity : clock.fromLocal((endDay + 1) * minutesPerDay),
      },
      memberships: [],
      customerGrants: [],
      customerGrantsByCustomer: new Map(),
      doorGrants: [],
    });
  }
  for (const m of facts.memberships) {
    const what = `membership ${m.id ?? `${m.staffId}/${m.teamId}`}`;
    const staff = need(index.staff, m.staffId, `${what}.staffId`);
    const validity = toValidity(m.validFrom, m.validUntil, what);
    const team = need(teams, m.teamId, `${what}.teamId`);
    staff.memberships.push({ team, ...validity });
    if (!team.members.includes(staff)) team.members.push(staff);
  }
  for (const g of facts.individualGrants ?? []) {
    const what = `individual grant ${g.id}`;
    const staff = need(index.staff, g.staffId, `${what}.staffId`);
    if ((g.customerId === undefined) === (g.doorId === undefined)) {
      throw new RangeError(`${what}: exactly one of customerId and doorId`);
    }
    const validity = toValidity(g.validFrom, g.validUntil, what);
    if (g.customerId !== undefined) {
      const node: CustomerGrantNode = {
        id: g.id,
        customer: need(index.customers, g.customerId, `${what}.customerId`),
        reason: g.reason,
        grantedBy: g.grantedBy,
        ...validity,
      };
      staff.customerGrants.push(node);
      pushTo(staff.customerGrantsByCustomer, node.customer.id, node);
      if (!node.customer.grantHolders.includes(staff)) node.customer.grantHolders.push(staff);
    } else {
      const door = need(doors, g.doorId!, `${what}.doorId`);
      const node: DoorGrantNode = {
        id: g.id,
        rule: 'individual_grant',
        door,
        staff,
        team: undefined,
        reason: g.reason,
        grantedBy: g.grantedBy,
        ...validity,
      };
      staff.doorGrants.push(node);
      door.grants.push(node);
    }
  }
  for (const g of facts.sharedDoorGrants ?? []) {
    const what = `shared door grant ${g.id}`;
    if ((g.teamId === undefined) === (g.staffId === undefined)) {
      throw new RangeError(`${what}: exactly one of teamId and staffId`);
    }
    const door = need(doors, g.doorId, `${what}.doorId`);
    const node: DoorGrantNode = {
      id: g.id,
      rule: 'shared_door_grant',
      door,
      staff: g.staffId === undefined ? undefined : need(index.staff, g.staffId, `${what}.staffId`),
      team: g.teamId === undefined ? undefined : need(teams, g.teamId, `${what}.teamId`),
      reason: g.reason ?? '',
      grantedBy: g.grantedBy ?? '',
      ...toValidity(g.validFrom, g.validUntil, what),
    };
    if (node.staff) node.staff.doorGrants.push(node);
    else node.team!.doorGrants.push(node);
    door.grants.push(node);
  }
  return index;
}

function toMinute(at: Date | number): number {
  const ms = typeof at === 'number' ? at : at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('at: not a valid instant');
  return Math.floor(ms / 60_000);
}

const isValidAt = (v: Validity, minute: number): boolean => v.from <= minute && minute < v.until;

function isAnyValidAt(list: readonly Validity[] | undefined, minute: number): boolean {
  if (list) for (const v of list) if (v.from <= minute && minute < v.until) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// Single checks

/**
 * Whether `services` (one customer's services from one provider, optionally only of `kind`) put
 * `minute` inside a service window anchored on an active day. Windows are anchored on the local
 * day they start: a 22:00–07:00 occurrence belongs to the evening's date.
 */
function isServedAt(
  clock: ZoneClock,
  services: readonly ServiceNode[],
  minute: number,
  localDay: number,
  kind: ServiceKind | undefined,
): boolean {
  for (const service of services) {
    if (kind !== undefined && service.kind !== kind) continue;
    for (let day = localDay - 1; day <= localDay; day++) {
      if (day < service.startDay || day > service.endDay) continue;
      for (const window of service.windows) if (isInOccurrence(clock, window, day, minute)) return true;
    }
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

// ---------------------------------------------------------------------------------------------
// Compile

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
  const firstDay = Math.floor(clock.toLocal(lo) / minutesPerDay) - 1;
  const lastDay = Math.floor(clock.toLocal(hi - 1) / minutesPerDay);
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
  const addThroughCustomer = (
    customer: CustomerNode,
    within: number[],
    rule: AllowRule,
    kind?: ServiceKind,
  ) => {
    if (customer.isRefused || customer.locks.length === 0) return;
    add(customer.locks, intersectIntervals(within, servedIntervals(customer, kind)), rule);
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
      if (!customer.isRefused) pieces.push(...servedIntervals(customer, undefined));
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

// ---------------------------------------------------------------------------------------------
// Explain

export interface PermissionReason {
  rule: PermissionRule;
  /** One English sentence a support person understands. */
  text: string;
  customerId?: string;
  teamId?: string;
  grantId?: string;
}

export interface PermissionExplanation {
  isAllowed: boolean;
  staffId: string;
  lockId: string;
  /** Epoch ms. */
  at: number;
  /** Allowed: every rule that allows. Denied: the reasons, most specific first. */
  reasons: PermissionReason[];
}

const serviceLabels: Record<ServiceKind, string> = {
  home_care: 'home care',
  safety_alarm: 'safety alarm',
  home_health_care: 'home health care',
};

/** Door kinds in plain English words, for explanations and command-line output. */
export const doorKindLabels: Record<DoorKind, string> = {
  apartment_door: 'apartment door',
  entrance: 'entrance',
  key_safe: 'key safe',
  key_tube: 'key tube',
  laundry_room: 'laundry room',
  waste_room: 'waste room',
  medicine_cabinet: 'medicine cabinet',
  electrical_room: 'electrical room',
};

function windowsText(service: ServiceNode): string {
  return service.isAroundTheClock ? 'around the clock' : service.windows.map((w) => w.label).join(', ');
}

function serviceText(service: ServiceNode): string {
  return `${serviceLabels[service.kind]} by ${service.provider.name}, ${windowsText(service)}`;
}

type ServiceStatus =
  | { status: 'ok'; service: ServiceNode }
  | { status: 'outside_service_window'; service: ServiceNode }
  | { status: 'service_not_active'; service: ServiceNode }
  | { status: 'no_chosen_provider' };

/** The customer's relation to the staff member's provider at `minute` (R3.2), with the deciding service. */
function serviceStatus(
  index: PermissionIndex,
  customer: CustomerNode,
  provider: ProviderNode,
  minute: number,
  localDay: number,
  kind: ServiceKind | undefined,
): ServiceStatus {
  const services = (customer.servicesByProvider.get(provider.id) ?? []).filter(
    (s) => kind === undefined || s.kind === kind,
  );
  if (services.length === 0) return { status: 'no_chosen_provider' };
  for (const service of services) {
    if (isServedAt(index.clock, [service], minute, localDay, undefined)) return { status: 'ok', service };
  }
  const active = services.find((s) => s.startDay <= localDay && localDay <= s.endDay);
  if (active) return { status: 'outside_service_window', service: active };
  return { status: 'service_not_active', service: services[0]! };
}

const statusRank: Record<ServiceStatus['status'], number> = {
  ok: 0,
  outside_service_window: 1,
  service_not_active: 2,
  no_chosen_provider: 3,
};

/**
 * Explains whether `staffId` may open `lockId` at `at` (Date or epoch ms), with the deciding
 * rule(s) as a stable code plus an English sentence. Must hold: isAllowed equals mayOpen; when
 * allowed, `reasons` lists every rule that allows; when denied, at least one reason, the most
 * specific first (e.g. membership_expired before no_rule). Never throws for unknown ids.
 */
export function explain(
  index: PermissionIndex,
  staffId: string,
  lockId: string,
  at: Date | number,
): PermissionExplanation {
  const atMs = typeof at === 'number' ? at : at.getTime();
  const minute = toMinute(atMs);
  const deny = (rule: DenyRule, text: string): PermissionExplanation => ({
    isAllowed: false,
    staffId,
    lockId,
    at: atMs,
    reasons: [{ rule, text }],
  });
  const staff = index.staff.get(staffId);
  if (!staff) return deny('unknown_staff', `No staff member with id ${staffId} is known.`);
  const lock = index.locks.get(lockId);
  if (!lock) return deny('unknown_lock', `No installed lock with id ${lockId} is known.`);
  const clock = index.clock;
  const provider = staff.provider;
  const who = staff.name;
  const when = (m: number) => formatLocalMinute(clock, m);
  if (minute < staff.employment.from) {
    return deny(
      'employment_not_started',
      `${who}'s employment at ${provider.name} starts on ${formatEpochDay(staff.employmentStartDay)}; before that ${who} opens nothing.`,
    );
  }
  if (minute >= staff.employment.until) {
    return deny(
      'employment_ended',
      `${who}'s employment at ${provider.name} ended on ${formatEpochDay(staff.employmentEndDay)}; former staff open nothing.`,
    );
  }
  const local = clock.toLocal(minute);
  const localDay = Math.floor(local / minutesPerDay);
  const nowText = `${formatClockTime(local - localDay * minutesPerDay)} on ${formatEpochDay(localDay)}`;
  const door = lock.door;
  const doorText = `the ${doorKindLabels[door.kind]} "${door.label}"`;
  const allowed: PermissionReason[] = [];
  const denied: PermissionReason[] = [];

  const judgeService = (
    customer: CustomerNode,
    kind: ServiceKind | undefined,
    route: string,
    allow: (service: ServiceNode) => PermissionReason,
    ids: Partial<PermissionReason>,
  ): void => {
    const status = serviceStatus(index, customer, provider, minute, localDay, kind);
    const kindText = kind ? ` for ${serviceLabels[kind]}` : '';
    switch (status.status) {
      case 'ok':
        allowed.push(allow(status.service));
        return;
      case 'no_chosen_provider':
        denied.push({
          rule: 'no_chosen_provider',
          text: `${route}, but ${customer.name} has not chosen ${provider.name} (${who}'s provider)${kindText}. Only staff of a provider the customer has chosen can get in.`,
          ...ids,
        });
        return;
      case 'service_not_active': {
        const s = status.service;
        const period = `${formatEpochDay(s.startDay)} – ${s.endDay === Infinity ? 'until further notice' : formatEpochDay(s.endDay)}`;
        denied.push({
          rule: 'service_not_active',
          text: `${route}, but ${customer.name}'s ${serviceLabels[s.kind]} from ${provider.name} is not active on ${formatEpochDay(localDay)} (it runs ${period}).`,
          ...ids,
        });
        return;
      }
      case 'outside_service_window':
        denied.push({
          rule: 'outside_service_window',
          text: `${route}, but ${provider.name} serves ${customer.name} (${serviceLabels[status.service.kind]}) only ${windowsText(status.service)}; it is ${nowText}.`,
          ...ids,
        });
        return;
    }
  };
  const validityProblem = (
    v: Validity,
    expired: DenyRule,
    notStarted: DenyRule,
    subject: string,
    ids: Partial<PermissionReason>,
  ): boolean => {
    if (minute < v.from) {
      denied.push({
        rule: notStarted,
        text: `${subject} starts at ${when(v.from)}; it is ${nowText}.`,
        ...ids,
      });
      return true;
    }
    if (minute >= v.until) {
      denied.push({ rule: expired, text: `${subject} ended at ${when(v.until)}; it is ${nowText}.`, ...ids });
      return true;
    }
    return false;
  };
  const untilText = (v: Validity) => (v.until === Infinity ? '' : ` until ${when(v.until)}`);
  const membershipProblem = (m: MembershipNode, ids: Partial<PermissionReason>) =>
    validityProblem(
      m,
      'membership_expired',
      'membership_not_started',
      `${who}'s membership in team ${m.team.name}`,
      ids,
    );

  for (const customer of door.customers) {
    const routes: { text: string; check: () => void }[] = [];
    for (const m of staff.memberships) {
      const team = m.team;
      if (team.provider !== provider) continue;
      const ids = { customerId: customer.id, teamId: team.id };
      for (const a of team.assignmentsByCustomer.get(customer.id) ?? []) {
        const route = `${who} is in team ${team.name}, which serves ${customer.name}`;
        routes.push({
          text: route,
          check: () => {
            if (membershipProblem(m, ids)) return;
            if (
              validityProblem(
                a,
                'assignment_ended',
                'assignment_not_started',
                `Team ${team.name}'s assignment to ${customer.name}`,
                ids,
              )
            )
              return;
            judgeService(
              customer,
              undefined,
              route,
              (s) => ({
                rule: 'team_service',
                text: `${route} (${serviceText(s)}).${m.until === Infinity ? '' : ` The membership is valid${untilText(m)}.`}`,
                ...ids,
              }),
              ids,
            );
          },
        });
      }
      for (const rule of team.areaRules) {
        if (rule.districtId !== customer.districtId) continue;
        if (!customer.servicesByProvider.get(provider.id)?.some((s) => s.kind === rule.service)) continue;
        const route = `${who} is in team ${team.name}, which may open the doors of ${serviceLabels[rule.service]} customers of ${provider.name} in ${rule.districtName}`;
        routes.push({
          text: route,
          check: () => {
            if (membershipProblem(m, ids)) return;
            if (
              validityProblem(
                rule,
                'assignment_ended',
                'assignment_not_started',
                `Team ${team.name}'s area rule for ${rule.districtName}`,
                ids,
              )
            )
              return;
            judgeService(
              customer,
              rule.service,
              route,
              (s) => ({
                rule: 'area_rule',
                text: `${route}; ${customer.name} is one (${serviceText(s)}).`,
                ...ids,
              }),
              ids,
            );
          },
        });
      }
    }
    for (const g of staff.customerGrantsByCustomer.get(customer.id) ?? []) {
      const ids = { customerId: customer.id, grantId: g.id };
      const route = `${who} holds an individual grant for ${customer.name}${untilText(g)}, given by ${g.grantedBy}: "${g.reason}"`;
      routes.push({
        text: route,
        check: () => {
          if (
            validityProblem(
              g,
              'grant_expired',
              'grant_not_started',
              `${who}'s individual grant for ${customer.name}`,
              ids,
            )
          )
            return;
          judgeService(
            customer,
            undefined,
            route,
            (s) => ({
              rule: 'individual_grant',
              text: `${route} (${serviceText(s)}).`,
              ...ids,
            }),
            ids,
          );
        },
      });
    }
    if (routes.length === 0) continue;
    if (customer.isRefused) {
      denied.push({
        rule: 'customer_refused_lock',
        text: `${routes[0]!.text}, but ${customer.name} has refused a digital lock, so their doors give no access.`,
        customerId: customer.id,
      });
      continue;
    }
    for (const route of routes) route.check();
  }

  for (const grant of door.grants) {
    const ids: Partial<PermissionReason> = { grantId: grant.id };
    let subject: string;
    let membership: MembershipNode | undefined;
    if (grant.staff) {
      if (grant.staff !== staff) continue;
      subject = who;
    } else {
      const team = grant.team!;
      if (team.provider !== provider) continue;
      const memberships = staff.memberships.filter((m) => m.team === team);
      if (memberships.length === 0) continue;
      membership = memberships.find((m) => isValidAt(m, minute)) ?? memberships[0]!;
      subject = `Team ${team.name}, which ${who} is in,`;
      ids.teamId = team.id;
    }
    const kindText = grant.rule === 'shared_door_grant' ? 'shared-door grant' : 'individual grant';
    const route = `${subject} holds a ${kindText} for ${doorText}${untilText(grant)}${grant.grantedBy ? `, given by ${grant.grantedBy}` : ''}${grant.reason ? `: "${grant.reason}"` : ''}`;
    if (membership && membershipProblem(membership, ids)) continue;
    if (validityProblem(grant, 'grant_expired', 'grant_not_started', `The ${kindText} of ${doorText}`, ids))
      continue;
    if (door.customers.length === 0) {
      allowed.push({ rule: grant.rule, text: `${route}.`, ...ids });
      continue;
    }
    // A door on customers' access paths: R3.2 still applies; judge by the best-placed customer.
    let best: { customer: CustomerNode; status: ServiceStatus } | undefined;
    for (const customer of door.customers) {
      if (customer.isRefused) continue;
      const status = serviceStatus(index, customer, provider, minute, localDay, undefined);
      if (!best || statusRank[status.status] < statusRank[best.status.status]) best = { customer, status };
    }
    if (!best) {
      denied.push({
        rule: 'customer_refused_lock',
        text: `${route}, but every customer behind ${doorText} has refused a digital lock.`,
        ...ids,
      });
      continue;
    }
    const target = best.customer;
    judgeService(
      target,
      undefined,
      route,
      (s) => ({
        rule: grant.rule,
        text: `${route}; ${target.name}, whose way in passes this door, has chosen ${provider.name} (${serviceText(s)}).`,
        ...ids,
      }),
      { ...ids, customerId: target.id },
    );
  }

  if (allowed.length > 0) return { isAllowed: true, staffId, lockId, at: atMs, reasons: dedupe(allowed) };
  if (denied.length === 0) {
    const chosen = door.customers.some((c) => !c.isRefused && c.servicesByProvider.has(provider.id));
    if (door.customers.length > 0 && !chosen) {
      denied.push({
        rule: 'no_chosen_provider',
        text: `No customer whose way in passes ${doorText} has chosen ${provider.name} (${who}'s provider), and only staff of a provider the customer has chosen can get in.`,
      });
    } else if (door.customers.length > 0) {
      denied.push({
        rule: 'no_rule',
        text: `${who} is not in a team that serves a customer behind ${doorText}, and holds no grant for it.`,
      });
    } else {
      denied.push({
        rule: 'no_rule',
        text: `${doorText[0]!.toUpperCase()}${doorText.slice(1)} is a shared door that opens only with an explicit grant, and ${who} has none.`,
      });
    }
  }
  const order = new Map<PermissionRule, number>(denyRules.map((rule, i) => [rule, i]));
  const reasons = dedupe(denied).sort((a, b) => order.get(a.rule)! - order.get(b.rule)!);
  return { isAllowed: false, staffId, lockId, at: atMs, reasons };
}

function dedupe(reasons: PermissionReason[]): PermissionReason[] {
  const seen = new Set<string>();
  return reasons.filter((r) => (seen.has(r.text) ? false : (seen.add(r.text), true)));
}

// ---------------------------------------------------------------------------------------------
// Who can open

/** One door on a customer's way in, as the index knows it. */
export interface PathDoor {
  doorId: string;
  label: string;
  kind: DoorKind;
  /** The installed lock, if any. */
  lockId: string | null;
}

/** The doors on the way in to a customer, in path order (empty for an unknown customer). */
export function accessPathOf(index: PermissionIndex, customerId: string): PathDoor[] {
  return (index.customers.get(customerId)?.path ?? []).map((door) => ({
    doorId: door.id,
    label: door.label,
    kind: door.kind,
    lockId: door.lock?.id ?? null,
  }));
}

/** One staff member who may open a lock at the asked instant, with every rule that allows it. */
export interface LockOpener {
  staffId: string;
  name: string;
  providerId: string;
  reasons: PermissionReason[];
}

/**
 * Who may open each of `lockIds` (the locks on customer `customerId`'s way in) at `at`, and why.
 * Candidates are the staff of a provider the customer has chosen (for any service, ended ones
 * too) and the holders of an individual grant for the customer; `providerId` narrows them to one
 * provider's staff (a work lead never sees another provider's people). Must hold: the answer
 * equals explaining every candidate against every lock and keeping the allowed ones, in the facts'
 * staff order. It is cheap because only staff with some connection to the lock's door are
 * explained: members of teams assigned to a customer behind the door or holding an area rule for
 * such a customer's district, holders of grants for those customers, and holders of the door's
 * own grants; nobody else can be allowed (explain allows only through these). An unknown customer
 * or lock gets an empty list.
 */
export function whoCanOpen(
  index: PermissionIndex,
  customerId: string,
  lockIds: readonly string[],
  at: Date | number,
  options: { providerId?: string | undefined } = {},
): Map<string, LockOpener[]> {
  const answer = new Map<string, LockOpener[]>();
  const customer = index.customers.get(customerId);
  const isCandidate = (staff: StaffNode): boolean =>
    customer !== undefined &&
    (options.providerId === undefined || staff.provider.id === options.providerId) &&
    (customer.servicesByProvider.has(staff.provider.id) || customer.grantHolders.includes(staff));
  for (const lockId of lockIds) {
    if (answer.has(lockId)) continue;
    const lock = index.locks.get(lockId);
    if (!customer || !lock) {
      answer.set(lockId, []);
      continue;
    }
    const connected = new Set<StaffNode>();
    const addMembers = (team: TeamNode) => {
      for (const member of team.members) connected.add(member);
    };
    for (const behind of lock.door.customers) {
      for (const team of behind.teams) addMembers(team);
      for (const team of index.areaTeams.get(behind.districtId) ?? []) addMembers(team);
      for (const holder of behind.grantHolders) connected.add(holder);
    }
    for (const grant of lock.door.grants) {
      if (grant.staff) connected.add(grant.staff);
      else addMembers(grant.team!);
    }
    const openers: LockOpener[] = [];
    for (const staff of [...connected].filter(isCandidate).sort((a, b) => a.ordinal - b.ordinal)) {
      // mayOpen is explain's allocation-free twin (property-tested equal); words only for the allowed.
      if (!mayOpen(index, staff.id, lockId, at)) continue;
      const result = explain(index, staff.id, lockId, at);
      if (!result.isAllowed) continue;
      openers.push({
        staffId: staff.id,
        name: staff.name,
        providerId: staff.provider.id,
        reasons: result.reasons,
      });
    }
    answer.set(lockId, openers);
  }
  return answer;
}
