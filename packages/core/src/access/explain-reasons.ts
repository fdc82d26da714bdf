// Small rules on lists of reasons that explain applies (internal to the access capability).
import type { PermissionReason } from './reason-params';

/** The reason without the customer it names (a neighbour behind the same door). */
export function withoutCustomer(reason: PermissionReason): PermissionReason {
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
export function dedupe(reasons: PermissionReason[]): PermissionReason[] {
  // Different rules never read the same; compare parameters only when a rule repeats (rare).
  if (!hasRepeatedRule(reasons)) return reasons;
  const seen = new Set<string>();
  return reasons.filter((r) => {
    const key = `${r.rule}\u0000${JSON.stringify(r.params)}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
