// Deviation plans (docs/backup-keys.md "Deviation plans"): the provider writes, the municipality
// approves or rejects.
import {
  CreateDeviationPlanBody,
  DecideDeviationPlanBody,
  DeviationPlan,
  DeviationPlanList,
  DeviationPlanQuery,
} from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { type AppContext } from '../platform/context';
import { declareResourceRoutes } from '../platform/declare-resource-routes';
import { declareRoutes } from '../platform/declare-routes';
import {
  createDeviationPlan,
  decideDeviationPlan,
  listDeviationPlans,
  readDeviationPlan,
} from './deviation-plans';

/** Route templates this file adds (role × scope in deviation-plans.test.ts). */
export const deviationPlanRouteTemplates = [
  'GET /api/v1/deviation-plans',
  'POST /api/v1/deviation-plans',
  'GET /api/v1/deviation-plans/{id}',
  'POST /api/v1/deviation-plans/{id}/decision',
];

export function registerDeviationPlanRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = declareRoutes(app, { tags: ['deviation plans'], context, pathParams: 'uuid' });

  const plans = declareResourceRoutes(routes, '/api/v1/deviation-plans', 'deviation_plan');

  plans.list({
    summary: 'Deviation plans with their status today (pending, rejected, approved, in force, superseded)',
    description: 'A work lead or staff member sees their own provider’s plans.',
    querystring: DeviationPlanQuery,
    response: DeviationPlanList,
    useCase: listDeviationPlans,
  });

  plans.create({
    summary: 'Write a provider’s deviation plan (pending until the municipality decides)',
    description: 'A work lead writes only their own provider’s plan (403).',
    body: CreateDeviationPlanBody,
    response: DeviationPlan,
    useCase: createDeviationPlan,
  });

  plans.read({
    summary: 'A deviation plan',
    response: DeviationPlan,
    useCase: readDeviationPlan,
  });

  plans.step('decision', {
    summary: 'Approve or reject a plan (the municipality; once)',
    description:
      '409 `plan_already_decided`; 422 `reason_required` for a rejection without a reason. An approved plan is in force from its first day and supersedes the provider’s earlier plan.',
    body: DecideDeviationPlanBody,
    bodyAs: 'decision',
    response: DeviationPlan,
    useCase: decideDeviationPlan,
  });
}
