// Explain: may staff member S open lock L at T, and which rules decide (docs/permissions.md
// "Single checks and explain"). Each reason is a stable rule code with parameters, plain data in
// the municipality's local time; explain-text.ts puts them into Swedish or English words, the one
// place the sentences are written. The routes to the door are judged in explain-routes.ts.
import type { CustomerNode, LockNode, PermissionIndex, StaffNode } from './permission-index';
import { toMinute } from './permission-index';
import { denyRules, type PermissionRule } from './permission-rules';
import { formatEpochDay, minutesPerDay } from './time-windows';
import type { ExplainOptions, PermissionExplanation, PermissionReason } from './reason-params';
import { dedupe, withoutCustomer } from './explain-reasons';
import { judgeCustomer, judgeDoorGrant, type Question } from './explain-routes';

const denyOrder = new Map<PermissionRule, number>(denyRules.map((rule, i) => [rule, i]));

/** A refusal decided before any rule is judged (unknown ids, employment). */
function refusedBefore(
  isAllowedOnly: boolean,
  staffId: string,
  lockId: string,
  at: number,
  reason: PermissionReason,
): PermissionExplanation {
  return explanation(false, staffId, lockId, at, isAllowedOnly ? [] : [reason]);
}

function explanation(
  isAllowed: boolean,
  staffId: string,
  lockId: string,
  at: number,
  reasons: PermissionReason[],
): PermissionExplanation {
  return { isAllowed, staffId, lockId, at, reasons };
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
  const isAllowedOnly = options.isAllowedOnly === true;
  const staff = index.staff.get(staffId);
  if (!staff)
    return refusedBefore(isAllowedOnly, staffId, lockId, atMs, {
      rule: 'unknown_staff',
      params: { staffId },
    });
  const lock = index.locks.get(lockId);
  if (!lock)
    return refusedBefore(isAllowedOnly, staffId, lockId, atMs, { rule: 'unknown_lock', params: { lockId } });
  const about = options.customerId === undefined ? undefined : index.customers.get(options.customerId);
  return explainNodes(index, staff, lock, atMs, about, isAllowedOnly);
}

/**
 * explain for nodes already found in the index (who-can-open holds them: looking each up again
 * by id cost about a quarter of its time). `about` undefined: every customer behind the door is judged.
 */
export function explainNodes(
  index: PermissionIndex,
  staff: StaffNode,
  lock: LockNode,
  atMs: number,
  about: CustomerNode | undefined,
  isAllowedOnly: boolean,
): PermissionExplanation {
  const minute = toMinute(atMs);
  const staffId = staff.id;
  const lockId = lock.id;
  const who = { staff: staff.name, provider: staff.provider.name };
  if (minute < staff.employment.from) {
    const date = formatEpochDay(staff.employmentStartDay);
    return refusedBefore(isAllowedOnly, staffId, lockId, atMs, {
      rule: 'employment_not_started',
      params: { ...who, date },
    });
  }
  if (minute >= staff.employment.until) {
    const date = formatEpochDay(staff.employmentEndDay);
    return refusedBefore(isAllowedOnly, staffId, lockId, atMs, {
      rule: 'employment_ended',
      params: { ...who, date },
    });
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
    local,
    now: undefined,
    isAllowedOnly,
    allowed: [],
    denied: [],
  };
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
  if (q.allowed.length > 0) return explanation(true, staffId, lockId, atMs, dedupe(q.allowed));
  if (q.isAllowedOnly) return explanation(false, staffId, lockId, atMs, []);
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
  return explanation(false, staffId, lockId, atMs, reasons);
}
