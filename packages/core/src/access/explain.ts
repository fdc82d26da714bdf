// Explain: may staff member S open lock L at T, and which rules decide (docs/permissions.md
// "Single checks and explain"). Each reason is a stable rule code with parameters, plain data in
// the municipality's local time; explain-text.ts puts them into Swedish or English words, the one
// place the sentences are written.
import { isServedAt } from './check';
import type { ServiceKind } from './permission-facts';
import type {
  CustomerNode,
  DoorNode,
  MembershipNode,
  PermissionIndex,
  ProviderNode,
  ServiceNode,
  StaffNode,
  Validity,
} from './permission-index';
import { isValidAt, toMinute } from './permission-index';
import { denyRules, type DenyRule, type PermissionRule } from './permission-rules';
import { formatClockTime, formatEpochDay, formatLocalMinute, minutesPerDay } from './time-windows';
import type {
  ExplainOptions,
  PermissionExplanation,
  PermissionReason,
  ReasonParams,
  ReasonRoute,
  ReasonService,
} from './reason-params';

const reasonServices = new WeakMap<ServiceNode, ReasonService>();

function reasonServiceOf(service: ServiceNode): ReasonService {
  let found = reasonServices.get(service);
  if (!found) {
    found = {
      kind: service.kind,
      provider: service.provider.name,
      windows: service.isAroundTheClock
        ? 'always'
        : service.windows.map((w) => ({
            time: `${formatClockTime(w.from)}–${formatClockTime(w.end > minutesPerDay ? w.end - minutesPerDay : w.end)}`,
            dayMask: w.dayMask,
          })),
    };
    reasonServices.set(service, found);
  }
  return found;
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

const denyOrder = new Map<PermissionRule, number>(denyRules.map((rule, i) => [rule, i]));

/** What one explain call shares between its customers and grants. */
interface Question {
  index: PermissionIndex;
  staff: StaffNode;
  door: DoorNode;
  minute: number;
  localDay: number;
  now: { date: string; time: string };
  allowed: PermissionReason[];
  denied: PermissionReason[];
}

/**
 * Explains whether `staffId` may open `lockId` at `at` (Date or epoch ms), with the deciding
 * rule(s) as stable codes with parameters (explain-text.ts renders them). Must hold: isAllowed
 * equals mayOpen; when allowed, `reasons` lists every rule that allows (with `customerId`, the
 * ones through that customer or a grant of the door, and only when there are none, the others
 * unnamed); when denied, at least one reason, the most specific first (e.g. membership_expired
 * before no_rule). Never throws for unknown ids.
 */
export function explain(
  index: PermissionIndex,
  staffId: string,
  lockId: string,
  at: Date | number,
  options: ExplainOptions = {},
): PermissionExplanation {
  const atMs = typeof at === 'number' ? at : at.getTime();
  const minute = toMinute(atMs);
  const answer = (isAllowed: boolean, reasons: PermissionReason[]): PermissionExplanation => ({
    isAllowed,
    staffId,
    lockId,
    at: atMs,
    reasons,
  });
  const staff = index.staff.get(staffId);
  if (!staff) return answer(false, [{ rule: 'unknown_staff', params: { staffId } }]);
  const lock = index.locks.get(lockId);
  if (!lock) return answer(false, [{ rule: 'unknown_lock', params: { lockId } }]);
  const who = { staff: staff.name, provider: staff.provider.name };
  if (minute < staff.employment.from) {
    const date = formatEpochDay(staff.employmentStartDay);
    return answer(false, [{ rule: 'employment_not_started', params: { ...who, date } }]);
  }
  if (minute >= staff.employment.until) {
    const date = formatEpochDay(staff.employmentEndDay);
    return answer(false, [{ rule: 'employment_ended', params: { ...who, date } }]);
  }
  const local = index.clock.toLocal(minute);
  const localDay = Math.floor(local / minutesPerDay);
  const door = lock.door;
  const q: Question = {
    index,
    staff,
    door,
    minute,
    localDay,
    now: { date: formatEpochDay(localDay), time: formatClockTime(local - localDay * minutesPerDay) },
    allowed: [],
    denied: [],
  };
  const about = options.customerId === undefined ? undefined : index.customers.get(options.customerId);
  const isAboutOnDoor = about !== undefined && door.customers.includes(about);
  if (isAboutOnDoor) judgeCustomer(q, about);
  else if (about === undefined) for (const customer of door.customers) judgeCustomer(q, customer);
  for (const grant of door.grants) judgeDoorGrant(q, grant, about);
  if (about !== undefined && q.allowed.length === 0) {
    // Neighbours behind the same door may still let S in; say so without naming them.
    const ownDenials = q.denied;
    q.denied = [];
    for (const customer of door.customers) if (customer !== about) judgeCustomer(q, customer);
    q.allowed = q.allowed.map(withoutCustomer);
    q.denied = [...ownDenials, ...q.denied.map(withoutCustomer)];
  }
  if (q.allowed.length > 0) return answer(true, dedupe(q.allowed));
  const denied = q.denied;
  if (denied.length === 0) {
    const provider = staff.provider;
    const reasonDoor = { kind: door.kind, label: door.label };
    const isChosen = door.customers.some((c) => !c.isRefused && c.servicesByProvider.has(provider.id));
    if (door.customers.length > 0 && !isChosen) {
      denied.push({ rule: 'no_chosen_provider', params: { ...who, door: reasonDoor } });
    } else {
      const isSharedDoor = door.customers.length === 0;
      denied.push({ rule: 'no_rule', params: { ...who, door: reasonDoor, isSharedDoor } });
    }
  }
  const reasons = dedupe(denied).sort((a, b) => denyOrder.get(a.rule)! - denyOrder.get(b.rule)!);
  return answer(false, reasons);
}

function withoutCustomer(reason: PermissionReason): PermissionReason {
  if (reason.params.customer === undefined) return reason;
  const { customerId: _customerId, ...rest } = reason;
  return { ...rest, params: { ...reason.params, customer: null } };
}

function hasRepeatedRule(reasons: readonly PermissionReason[]): boolean {
  for (let i = 1; i < reasons.length; i++)
    for (let j = 0; j < i; j++) if (reasons[i]!.rule === reasons[j]!.rule) return true;
  return false;
}

/** Reasons that would read the same are given once. */
function dedupe(reasons: PermissionReason[]): PermissionReason[] {
  // Different rules never read the same; compare parameters only when a rule repeats (rare).
  if (!hasRepeatedRule(reasons)) return reasons;
  const seen = new Set<string>();
  return reasons.filter((r) => {
    const key = `${r.rule}\u0000${JSON.stringify(r.params)}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** Whether T lies outside `v`; if so, records why (the rule `expired` or `notStarted`). */
function isInvalidAt(
  q: Question,
  v: Validity,
  rules: readonly [expired: DenyRule, notStarted: DenyRule],
  params: ReasonParams,
  ids: Partial<PermissionReason>,
): boolean {
  const isEarly = q.minute < v.from;
  if (!isEarly && q.minute < v.until) return false;
  const boundary = formatLocalMinute(q.index.clock, isEarly ? v.from : v.until);
  q.denied.push({ rule: isEarly ? rules[1] : rules[0], params: { ...params, boundary, now: q.now }, ...ids });
  return true;
}

const membershipRules = ['membership_expired', 'membership_not_started'] as const;
const assignmentRules = ['assignment_ended', 'assignment_not_started'] as const;
const grantRules = ['grant_expired', 'grant_not_started'] as const;

const localUntil = (q: Question, v: Validity): string | null =>
  v.until === Infinity ? null : formatLocalMinute(q.index.clock, v.until);

/**
 * R3.2 for one customer and route: allowed (`rule`), or the denial saying which part fails.
 * `params` carries the route and whom it names; `onAllow` what only the allowing sentence says.
 */
function judgeService(
  q: Question,
  customer: CustomerNode,
  kind: ServiceKind | undefined,
  rule: PermissionRule,
  params: ReasonParams,
  ids: Partial<PermissionReason>,
  onAllow?: ReasonParams,
): void {
  const provider = q.staff.provider;
  const status = serviceStatus(q.index, customer, provider, q.minute, q.localDay, kind);
  switch (status.status) {
    case 'ok':
      // `params` is made afresh for each route and given to one reason only, so it is completed
      // in place: who-can-open explains every allowed opener, and copies showed in its profile.
      params.service = reasonServiceOf(status.service);
      if (onAllow) Object.assign(params, onAllow);
      q.allowed.push({ rule, params, ...ids });
      return;
    case 'no_chosen_provider':
      q.denied.push({
        rule: 'no_chosen_provider',
        params: kind ? { ...params, forService: kind } : params,
        ...ids,
      });
      return;
    case 'service_not_active': {
      const s = status.service;
      const period = {
        from: formatEpochDay(s.startDay),
        until: s.endDay === Infinity ? null : formatEpochDay(s.endDay),
      };
      const service = reasonServiceOf(s);
      q.denied.push({
        rule: 'service_not_active',
        params: { ...params, service, date: q.now.date, period },
        ...ids,
      });
      return;
    }
    case 'outside_service_window':
      q.denied.push({
        rule: 'outside_service_window',
        params: { ...params, service: reasonServiceOf(status.service), now: q.now },
        ...ids,
      });
      return;
  }
}

/** Every route from S to the door through `customer`: team service, area rules, customer grants. */
function judgeCustomer(q: Question, customer: CustomerNode): void {
  const staff = q.staff;
  const provider = staff.provider;
  const who = { staff: staff.name, provider: provider.name };
  const base = { ...who, customer: customer.name };
  const checks: { params: ReasonParams; ids: Partial<PermissionReason>; check: () => void }[] = [];
  // Routes are collected first: a customer who refused locks answers once for all of them.
  const addRoute = (
    route: ReasonRoute,
    ids: Partial<PermissionReason>,
    check: (params: ReasonParams) => void,
  ): void => {
    const params: ReasonParams = { ...base, route };
    checks.push({ params, ids, check: () => check(params) });
  };
  for (const m of staff.memberships) {
    const team = m.team;
    if (team.provider !== provider) continue;
    const ids = { customerId: customer.id, teamId: team.id };
    // Subjects name the customer only when their sentence does, so like sentences dedupe.
    const membership = { ...who, subject: { kind: 'membership', team: team.name } } as const;
    for (const a of team.assignmentsByCustomer.get(customer.id) ?? []) {
      addRoute({ kind: 'team', team: team.name }, ids, (params) => {
        if (isInvalidAt(q, m, membershipRules, membership, ids)) return;
        const subject = { kind: 'assignment', team: team.name } as const;
        if (isInvalidAt(q, a, assignmentRules, { ...base, subject }, ids)) return;
        const until = localUntil(q, m);
        const onAllow = until === null ? undefined : { membershipUntil: until };
        judgeService(q, customer, undefined, 'team_service', params, ids, onAllow);
      });
    }
    for (const rule of team.areaRules) {
      if (rule.districtId !== customer.districtId) continue;
      if (!customer.servicesByProvider.get(provider.id)?.some((s) => s.kind === rule.service)) continue;
      const route = {
        kind: 'area',
        team: team.name,
        service: rule.service,
        provider: provider.name,
        district: rule.districtName,
      } as const;
      addRoute(route, ids, (params) => {
        if (isInvalidAt(q, m, membershipRules, membership, ids)) return;
        const subject = { kind: 'area_rule', team: team.name, district: rule.districtName } as const;
        if (isInvalidAt(q, rule, assignmentRules, { ...who, subject }, ids)) return;
        judgeService(q, customer, rule.service, 'area_rule', params, ids);
      });
    }
  }
  for (const g of staff.customerGrantsByCustomer.get(customer.id) ?? []) {
    const ids = { customerId: customer.id, grantId: g.id };
    const route = {
      kind: 'customer_grant',
      until: localUntil(q, g),
      grantedBy: g.grantedBy,
      reason: g.reason,
    } as const;
    addRoute(route, ids, (params) => {
      const subject = { kind: 'customer_grant' } as const;
      if (isInvalidAt(q, g, grantRules, { ...base, subject }, ids)) return;
      judgeService(q, customer, undefined, 'individual_grant', params, ids);
    });
  }
  if (checks.length === 0) return;
  if (customer.isRefused) {
    q.denied.push({ rule: 'customer_refused_lock', params: checks[0]!.params, customerId: customer.id });
    return;
  }
  for (const { check } of checks) check();
}

/**
 * A grant of the door itself (individual or shared-door grant to S or S's team). On customers'
 * access paths R3.2 still applies, judged by the best-placed customer (`about` when it is among
 * the best, so the answer names the customer it is about).
 */
function judgeDoorGrant(
  q: Question,
  grant: DoorNode['grants'][number],
  about: CustomerNode | undefined,
): void {
  const { staff, door, minute } = q;
  const provider = staff.provider;
  const ids: Partial<PermissionReason> = { grantId: grant.id };
  let team: string | null = null;
  let membership: MembershipNode | undefined;
  if (grant.staff) {
    if (grant.staff !== staff) return;
  } else {
    const holder = grant.team!;
    if (holder.provider !== provider) return;
    const memberships = staff.memberships.filter((m) => m.team === holder);
    if (memberships.length === 0) return;
    membership = memberships.find((m) => isValidAt(m, minute)) ?? memberships[0]!;
    team = holder.name;
    ids.teamId = holder.id;
  }
  const reasonDoor = { kind: door.kind, label: door.label };
  const base = { staff: staff.name, provider: provider.name };
  const route: ReasonRoute = {
    kind: 'door_grant',
    grant: grant.rule,
    team,
    door: reasonDoor,
    until: localUntil(q, grant),
    grantedBy: grant.grantedBy,
    reason: grant.reason,
  };
  if (membership) {
    const subject = { kind: 'membership', team: membership.team.name } as const;
    if (isInvalidAt(q, membership, membershipRules, { ...base, subject }, ids)) return;
  }
  const subject = { kind: 'door_grant', grant: grant.rule, door: reasonDoor } as const;
  if (isInvalidAt(q, grant, grantRules, { ...base, subject }, ids)) return;
  if (door.customers.length === 0) {
    q.allowed.push({ rule: grant.rule, params: { ...base, route }, ...ids });
    return;
  }
  let best: { customer: CustomerNode; status: ServiceStatus } | undefined;
  for (const customer of door.customers) {
    if (customer.isRefused) continue;
    const status = serviceStatus(q.index, customer, provider, minute, q.localDay, undefined);
    const rank = statusRank[status.status];
    if (
      !best ||
      rank < statusRank[best.status.status] ||
      (rank === statusRank[best.status.status] && customer === about)
    )
      best = { customer, status };
  }
  if (!best) {
    q.denied.push({ rule: 'customer_refused_lock', params: { ...base, route }, ...ids });
    return;
  }
  const target = best.customer;
  const isNamed = about === undefined || target === about;
  judgeService(
    q,
    target,
    undefined,
    grant.rule,
    { ...base, route, customer: isNamed ? target.name : null },
    isNamed ? { ...ids, customerId: target.id } : ids,
  );
}
