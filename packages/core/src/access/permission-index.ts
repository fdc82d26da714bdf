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
import type { InstantInput, PermissionFacts, ServiceKind } from './permission-facts';
import type { DoorKind } from '../registry/index';
import type { DailyWindow, ParsedDailyWindow, ZoneClock } from './time-windows';
import {
  createZoneClock,
  minutesPerDay,
  parseDailyWindow,
  parseIsoDate,
  wholeDayWindow,
} from './time-windows';
import { isVisitWindowed } from './visit-windows';

export const defaultPermissionTimeZone = 'Europe/Stockholm';

export interface Validity {
  /** Epoch minutes; -Infinity / Infinity when open-ended. */
  from: number;
  until: number;
}

export interface ProviderNode {
  id: string;
  name: string;
  windows: Map<ServiceKind, ParsedDailyWindow[]>;
}

export interface ServiceNode {
  kind: ServiceKind;
  provider: ProviderNode;
  startDay: number;
  endDay: number;
  windows: ParsedDailyWindow[];
  /** True when the provider configured no windows for this service. */
  isAroundTheClock: boolean;
}

export interface CustomerNode {
  id: string;
  name: string;
  districtId: string;
  isRefused: boolean;
  /** Under visit-window mode: own doors open only around planned visits and break-glass windows. */
  isVisitWindowed: boolean;
  /** Locks on the access path, in path order. */
  locks: LockNode[];
  servicesByProvider: Map<string, ServiceNode[]>;
  /** The whole access path in order, doors without a lock too (for who-can-open answers). */
  path: DoorNode[];
  /** Reverse edges for whoCanOpen: teams assigned to this customer (any validity), grant holders. */
  teams: TeamNode[];
  grantHolders: StaffNode[];
}

export interface AssignmentNode extends Validity {
  customer: CustomerNode;
}

export interface AreaRuleNode extends Validity {
  team: TeamNode;
  districtId: string;
  districtName: string;
  service: ServiceKind;
}

export interface TeamNode {
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

export interface MembershipNode extends Validity {
  team: TeamNode;
}

export interface CustomerGrantNode extends Validity {
  id: string;
  customer: CustomerNode;
  reason: string;
  grantedBy: string;
}

export interface DoorGrantNode extends Validity {
  id: string;
  rule: 'individual_grant' | 'shared_door_grant';
  door: DoorNode;
  staff: StaffNode | undefined;
  team: TeamNode | undefined;
  reason: string;
  grantedBy: string;
}

export interface StaffNode {
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

export interface DoorNode {
  id: string;
  label: string;
  kind: DoorKind;
  lock: LockNode | undefined;
  /** Customers whose access path includes this door (refused ones too). */
  customers: CustomerNode[];
  grants: DoorGrantNode[];
}

export interface LockNode {
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
  /** Whether any customer is under visit-window mode (the compiler then needs visit windows). */
  hasVisitWindowedCustomers = false;
  constructor(readonly clock: ZoneClock) {}

  /** Number of indexed staff members, customers and locks. */
  get size(): { staff: number; customers: number; locks: number } {
    return { staff: this.staff.size, customers: this.customers.size, locks: this.locks.size };
  }
}

export const areaKey = (providerId: string, districtId: string, service: ServiceKind): string =>
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

  const isWindowedByDefault = facts.visitWindowMode === true;
  for (const c of facts.customers) {
    const isWindowed = isVisitWindowed(isWindowedByDefault, c.visitWindowMode);
    if (isWindowed) index.hasVisitWindowedCustomers = true;
    index.customers.set(c.id, {
      id: c.id,
      name: c.name,
      districtId: c.districtId,
      isRefused: c.hasRefusedLock === true,
      isVisitWindowed: isWindowed,
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

/** The label of the door a lock is on, or undefined for an unknown lock (one map lookup, not a scan of the doors). */
export function findLockDoorLabel(index: PermissionIndex, lockId: string): string | undefined {
  return index.locks.get(lockId)?.door.label;
}

/** The provider a staff member works for, or undefined for an unknown id. */
export function findStaffProviderId(index: PermissionIndex, staffId: string): string | undefined {
  return index.staff.get(staffId)?.provider.id;
}

export function toMinute(at: Date | number): number {
  const ms = typeof at === 'number' ? at : at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('at: not a valid instant');
  return Math.floor(ms / 60_000);
}

export const isValidAt = (v: Validity, minute: number): boolean => v.from <= minute && minute < v.until;

export function isAnyValidAt(list: readonly Validity[] | undefined, minute: number): boolean {
  if (list) for (const v of list) if (v.from <= minute && minute < v.until) return true;
  return false;
}
