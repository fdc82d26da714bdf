// Explain's judging of every route from staff member S to a door: team service, area rules,
// customer grants and grants of the door itself (R3.2). Each judgement records an allowing or a
// denying reason in the question explain.ts asks; nothing here words a sentence.
import { isServiceServingAt } from './check';
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
import { isValidAt } from './permission-index';
import type { DenyRule, PermissionRule } from './permission-rules';
import { formatClockTime, formatEpochDay, formatLocalMinute, minutesPerDay } from './time-windows';
import type { PermissionReason, ReasonParams, ReasonRoute, ReasonService } from './reason-params';

/** What one explain call shares between its customers and grants. */
export interface Question {
  index: PermissionIndex;
  staff: StaffNode;
  door: DoorNode;
  minute: number;
  localDay: number;
  /** Local minute of T: its date and time are written out only for a denial that says "now". */
  local: number;
  now: { date: string; time: string } | undefined;
  /** Denials are not worded (ExplainOptions.isAllowedOnly). */
  isAllowedOnly: boolean;
  allowed: PermissionReason[];
  denied: PermissionReason[];
}

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
  // One pass, no arrays: explain runs for every allowed opener of who-can-open.
  let first: ServiceNode | undefined;
  let active: ServiceNode | undefined;
  for (const service of customer.servicesByProvider.get(provider.id) ?? []) {
    if (kind !== undefined && service.kind !== kind) continue;
    first ??= service;
    if (isServiceServingAt(index.clock, service, minute, localDay)) return { status: 'ok', service };
    if (!active && service.startDay <= localDay && localDay <= service.endDay) active = service;
  }
  if (!first) return { status: 'no_chosen_provider' };
  if (active) return { status: 'outside_service_window', service: active };
  return { status: 'service_not_active', service: first };
}

const statusRank: Record<ServiceStatus['status'], number> = {
  ok: 0,
  outside_service_window: 1,
  service_not_active: 2,
  no_chosen_provider: 3,
};

/** T as a denial states it, written out once per question (who-can-open asks many allowed ones). */
function nowOf(q: Question): { date: string; time: string } {
  q.now ??= {
    date: formatEpochDay(q.localDay),
    time: formatClockTime(q.local - q.localDay * minutesPerDay),
  };
  return q.now;
}

/** Whether T lies outside `v`. */
function isOutside(q: Question, v: Validity): boolean {
  return q.minute < v.from || q.minute >= v.until;
}

/** Records why T lies outside `v` (the rule `expired` or `notStarted`). */
function denyOutside(
  q: Question,
  v: Validity,
  rules: readonly [expired: DenyRule, notStarted: DenyRule],
  params: ReasonParams,
  ids: Partial<PermissionReason>,
): void {
  if (q.isAllowedOnly) return;
  const isEarly = q.minute < v.from;
  const boundary = formatLocalMinute(q.index.clock, isEarly ? v.from : v.until);
  q.denied.push({
    rule: isEarly ? rules[1] : rules[0],
    params: { ...params, boundary, now: nowOf(q) },
    ...ids,
  });
}

/** Whether T lies outside `v`; if so, records why. */
function isInvalidAt(
  q: Question,
  v: Validity,
  rules: readonly [expired: DenyRule, notStarted: DenyRule],
  params: ReasonParams,
  ids: Partial<PermissionReason>,
): boolean {
  if (!isOutside(q, v)) return false;
  denyOutside(q, v, rules, params, ids);
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
  if (status.status !== 'ok' && q.isAllowedOnly) return;
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
        params: { ...params, service, date: nowOf(q).date, period },
        ...ids,
      });
      return;
    }
    case 'outside_service_window':
      q.denied.push({
        rule: 'outside_service_window',
        params: { ...params, service: reasonServiceOf(status.service), now: nowOf(q) },
        ...ids,
      });
      return;
  }
}

/**
 * Every route from S to the door through `customer`, in order: team service, area rules, customer
 * grants. A customer who refused locks answers once for all of them, with the first route.
 * Written without closures or eager denial texts: who-can-open explains every allowed opener.
 */
export function judgeCustomer(q: Question, customer: CustomerNode): void {
  const staff = q.staff;
  const provider = staff.provider;
  const who = { staff: staff.name, provider: provider.name };
  const base = { staff: staff.name, provider: provider.name, customer: customer.name };
  const isRefused = customer.isRefused;
  for (const m of staff.memberships) {
    const team = m.team;
    if (team.provider !== provider) continue;
    const ids = { customerId: customer.id, teamId: team.id };
    for (const a of team.assignmentsByCustomer.get(customer.id) ?? []) {
      const params = customerParams(base, { kind: 'team', team: team.name });
      if (isRefused) return refuseForCustomer(q, customer, params);
      if (deniesMembership(q, m, who, ids)) continue;
      if (isOutside(q, a)) {
        denyOutside(
          q,
          a,
          assignmentRules,
          { ...base, subject: { kind: 'assignment', team: team.name } },
          ids,
        );
        continue;
      }
      const until = localUntil(q, m);
      const onAllow = until === null ? undefined : { membershipUntil: until };
      judgeService(q, customer, undefined, 'team_service', params, ids, onAllow);
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
      const params = customerParams(base, route);
      if (isRefused) return refuseForCustomer(q, customer, params);
      if (deniesMembership(q, m, who, ids)) continue;
      if (isOutside(q, rule)) {
        const subject = { kind: 'area_rule', team: team.name, district: rule.districtName } as const;
        denyOutside(q, rule, assignmentRules, { ...who, subject }, ids);
        continue;
      }
      judgeService(q, customer, rule.service, 'area_rule', params, ids);
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
    const params = customerParams(base, route);
    if (isRefused) return refuseForCustomer(q, customer, params);
    if (isOutside(q, g)) {
      denyOutside(q, g, grantRules, { ...base, subject: { kind: 'customer_grant' } }, ids);
      continue;
    }
    judgeService(q, customer, undefined, 'individual_grant', params, ids);
  }
}

/**
 * A route's parameters through a customer, written out rather than spread: who-can-open makes one
 * for every allowed opener, and a spread of `base` was the largest item in its profile.
 */
function customerParams(
  base: { staff: string; provider: string; customer: string },
  route: ReasonRoute,
): ReasonParams {
  return { staff: base.staff, provider: base.provider, customer: base.customer, route };
}

/**
 * Whether T lies outside S's membership `m`; if so, records why. The subject names the team, not
 * the customer, so the same sentence for several customers dedupes.
 */
function deniesMembership(
  q: Question,
  m: MembershipNode,
  who: { staff: string; provider: string },
  ids: Partial<PermissionReason>,
): boolean {
  if (!isOutside(q, m)) return false;
  denyOutside(q, m, membershipRules, { ...who, subject: { kind: 'membership', team: m.team.name } }, ids);
  return true;
}

function refuseForCustomer(q: Question, customer: CustomerNode, params: ReasonParams): void {
  if (q.isAllowedOnly) return;
  q.denied.push({ rule: 'customer_refused_lock', params, customerId: customer.id });
}

/**
 * A grant of the door itself (individual or shared-door grant to S or S's team). On customers'
 * access paths R3.2 still applies, judged by the best-placed customer (`about` when it is among
 * the best, so the answer names the customer it is about).
 */
export function judgeDoorGrant(
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
