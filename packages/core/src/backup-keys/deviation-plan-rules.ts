// Deviation plans (R9.3, R8.3; docs/backup-keys.md): what a provider's staff do when they cannot
// get in digitally. The provider writes a plan, the municipality approves or rejects it; a newer
// approved plan supersedes the older from its own first day, and both stay on record. Which plan
// is in force on a day is decided here, once, for the plan list and for key-return readiness.

export const deviationPlanStatuses = ['pending', 'rejected', 'approved', 'in_force', 'superseded'] as const;
export type DeviationPlanStatus = (typeof deviationPlanStatuses)[number];

export const deviationPlanDecisions = ['approved', 'rejected'] as const;
export type DeviationPlanDecision = (typeof deviationPlanDecisions)[number];

/** What the rule needs of a plan: its first day and the day the municipality approved or rejected it. */
export interface DeviationPlanFacts {
  id: string;
  providerId: string;
  /** YYYY-MM-DD. */
  validFrom: string;
  /** The local day of approval, or null. */
  approvedOn: string | null;
  /** The local day of rejection, or null. */
  rejectedOn: string | null;
  /** Breaks ties between plans of the same first day: the later recorded wins. */
  recordedAt: Date;
}

/**
 * The provider's plan in force on `day`: of the plans approved on or before `day` whose first day
 * has come, the one with the latest first day (the later recorded on a tie). A pending or
 * rejected plan is never in force, so an older approved plan stays in force until its successor
 * is approved and its first day has come.
 */
export function findPlanInForce<T extends DeviationPlanFacts>(
  plans: readonly T[],
  providerId: string,
  day: string,
): T | undefined {
  let best: T | undefined;
  for (const plan of plans) {
    if (plan.providerId !== providerId) continue;
    if (plan.approvedOn === null || plan.approvedOn > day || plan.validFrom > day) continue;
    if (
      !best ||
      plan.validFrom > best.validFrom ||
      (plan.validFrom === best.validFrom && plan.recordedAt.getTime() > best.recordedAt.getTime())
    )
      best = plan;
  }
  return best;
}

/**
 * A plan's status on `day` among its provider's plans: `pending` (not decided), `rejected`,
 * `in_force`, `superseded` (approved, but a later approved plan is in force), or `approved`
 * (approved, its first day still to come).
 */
export function judgePlanStatus(
  plan: DeviationPlanFacts,
  plans: readonly DeviationPlanFacts[],
  day: string,
): DeviationPlanStatus {
  if (plan.rejectedOn !== null) return 'rejected';
  if (plan.approvedOn === null) return 'pending';
  const inForce = findPlanInForce(plans, plan.providerId, day);
  if (inForce?.id === plan.id) return 'in_force';
  if (plan.approvedOn > day || plan.validFrom > day) return 'approved';
  return 'superseded';
}

export interface PlanDecisionRefusal {
  code: 'plan_already_decided' | 'reason_required';
  message: string;
}

/** Whether the municipality may decide the plan now: once only, and a rejection says why. */
export function checkPlanDecision(
  plan: Pick<DeviationPlanFacts, 'approvedOn' | 'rejectedOn'>,
  decision: DeviationPlanDecision,
  reason: string | null | undefined,
): PlanDecisionRefusal | null {
  if (plan.approvedOn !== null || plan.rejectedOn !== null)
    return { code: 'plan_already_decided', message: 'The plan was already approved or rejected.' };
  if (decision === 'rejected' && !reason?.trim())
    return { code: 'reason_required', message: 'A rejection states its reason.' };
  return null;
}
