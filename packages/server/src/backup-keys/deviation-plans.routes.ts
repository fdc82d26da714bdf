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
import { callUseCase, inputFrom } from '../platform/call-use-case';
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

  routes.get('/api/v1/deviation-plans', {
    summary: 'Deviation plans with their status today (pending, rejected, approved, in force, superseded)',
    description: 'A work lead or staff member sees their own provider’s plans.',
    querystring: DeviationPlanQuery,
    response: DeviationPlanList,
    permission: ['deviation_plan', 'read'],
    handle: callUseCase(listDeviationPlans, inputFrom.query),
  });

  routes.post('/api/v1/deviation-plans', {
    summary: 'Write a provider’s deviation plan (pending until the municipality decides)',
    description: 'A work lead writes only their own provider’s plan (403).',
    body: CreateDeviationPlanBody,
    response: DeviationPlan,
    status: 201,
    permission: ['deviation_plan', 'create'],
    handle: callUseCase(createDeviationPlan, inputFrom.body),
  });

  routes.get('/api/v1/deviation-plans/:id', {
    summary: 'A deviation plan',
    response: DeviationPlan,
    permission: ['deviation_plan', 'read'],
    handle: callUseCase(readDeviationPlan, inputFrom.params),
  });

  routes.post('/api/v1/deviation-plans/:id/decision', {
    summary: 'Approve or reject a plan (the municipality; once)',
    description:
      '409 `plan_already_decided`; 422 `reason_required` for a rejection without a reason. An approved plan is in force from its first day and supersedes the provider’s earlier plan.',
    body: DecideDeviationPlanBody,
    response: DeviationPlan,
    permission: ['deviation_plan', 'update'],
    handle: callUseCase(decideDeviationPlan, inputFrom.idWith('decision')),
  });
}
