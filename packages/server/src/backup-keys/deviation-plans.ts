// Deviation plans (R9.3, R8.3): the provider's work lead (or the municipality) writes a plan of
// what staff do when they cannot get in digitally; the municipality approves or rejects it once,
// a rejection with its reason; a newer approved plan supersedes the older, both kept. Status on
// today by core's rule. Staff read their own provider's plans.
import { checkPlanDecision, localToday, type DeviationPlanStatus, type Scope } from '@portvakt/core';
import type {
  CreateDeviationPlanBody,
  DecideDeviationPlanBody,
  DeviationPlan,
  DeviationPlanList,
} from '@portvakt/contract';
import {
  decideDeviationPlan as writeDecision,
  insertDeviationPlan,
  isProviderOfMunicipality,
  lockDeviationPlan,
  listDeviationPlans as listPlans,
  type Queryable,
} from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import type { ReadOptions, WriteOptions } from '../platform/context';
import { ApiError, notFound, refuseText } from '../platform/errors';
import { resolveProviderOfWrite } from '../platform/provider-of-write';
import { findInScope } from '../platform/usecase-find-in-scope';
import { presentDeviationPlan } from './backup-key-presenter';

const ownProviderOf = (scope: Scope) =>
  scope.kind === 'provider' || scope.kind === 'self' ? scope.providerId : undefined;

async function readPlans(
  db: Queryable,
  scope: Scope,
  day: string,
  filter: { providerId?: string; id?: string },
) {
  const own = ownProviderOf(scope);
  if (own && filter.providerId && filter.providerId !== own) return [];
  // Statuses need every plan of the provider (which one supersedes which), so all are read.
  const all = await listPlans(db, scope.municipalityId, { providerId: own ?? filter.providerId });
  return all
    .filter((row) => !filter.id || row.id === filter.id)
    .map((row) => presentDeviationPlan(row, all, day));
}

export async function listDeviationPlans({
  db,
  actor,
  input,
  now,
}: ReadOptions<{ providerId?: string; status?: DeviationPlanStatus }> & {
  now: Date;
}): Promise<DeviationPlanList> {
  const scope = authorise(actor, 'deviation_plan', 'read');
  const day = localToday(now);
  const plans = await readPlans(db, scope, day, {
    ...(input.providerId ? { providerId: input.providerId } : {}),
  });
  return { day, items: input.status ? plans.filter((plan) => plan.status === input.status) : plans };
}

export async function readDeviationPlan(
  options: ReadOptions<{ id: string }> & { now: Date },
): Promise<DeviationPlan> {
  const { db, input, now } = options;
  const { found } = await findInScope(options, 'deviation_plan', 'deviation plan', async (scope) => {
    const [plan] = await readPlans(db, scope, localToday(now), { id: input.id });
    return plan;
  });
  return found;
}

export async function createDeviationPlan(
  options: WriteOptions<CreateDeviationPlanBody>,
): Promise<DeviationPlan> {
  const { actor, input, now } = options;
  const scope = authorise(actor, 'deviation_plan', 'create');
  const providerId = resolveProviderOfWrite(ownProviderOf(scope), input.providerId, {
    otherProvider: 'A work lead writes only their own provider’s plan.',
    noneNamed: 'Say which provider the plan is for.',
  });
  if (!input.body.trim()) throw refuseText('body.body', 'blank', 'The plan says what staff do.');
  return withAuditedTransaction(options, async (client, audit) => {
    if (!(await isProviderOfMunicipality(client, actor.municipalityId, providerId)))
      throw new ApiError(422, 'unknown_reference', 'No such provider.', { field: 'providerId' });
    const made = await insertDeviationPlan(client, {
      municipalityId: actor.municipalityId,
      providerId,
      body: input.body.trim(),
      validFrom: input.validFrom,
      recordedBy: actor.label,
      recordedAt: now,
    });
    const [plan] = await readPlans(client, scope, localToday(now), { id: made.id });
    await audit({ action: 'create', entity: 'deviation_plan', entityId: made.id, after: plan });
    return plan!;
  });
}

export async function decideDeviationPlan(
  options: WriteOptions<{ id: string; decision: DecideDeviationPlanBody }>,
): Promise<DeviationPlan> {
  const { actor, input, now } = options;
  const scope = authorise(actor, 'deviation_plan', 'update');
  const day = localToday(now);
  const { decision, reason } = input.decision;
  return withAuditedTransaction(options, async (client, audit) => {
    await lockDeviationPlan(client, scope.municipalityId, input.id);
    const [row] = await listPlans(client, scope.municipalityId, { id: input.id });
    if (!row) throw notFound('deviation plan');
    const refusal = checkPlanDecision(row, decision, reason);
    if (refusal)
      throw new ApiError(refusal.code === 'reason_required' ? 422 : 409, refusal.code, refusal.message);
    await writeDecision(client, row.municipalityId, row.id, {
      decision,
      by: actor.label,
      at: now,
      reason: reason?.trim() || null,
    });
    const [after] = await readPlans(client, scope, day, { id: row.id, providerId: row.providerId });
    await audit({
      action: decision === 'approved' ? 'approve' : 'reject',
      entity: 'deviation_plan',
      entityId: row.id,
      after,
    });
    return after!;
  });
}
