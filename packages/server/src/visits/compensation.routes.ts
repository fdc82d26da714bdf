// The monthly compensation run over HTTP (docs/visits.md "Compensation run"): run a month, list
// runs, read one with its lines and diff, download it as CSV.
import {
  CompensationRunDetail,
  CompensationRunList,
  CompensationRunQuery,
  CreateCompensationRunsBody,
} from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { readClock, type AppContext } from '../platform/context';
import { declareRoutes } from '../platform/declare-routes';
import { IdParams } from '../platform/schemas';
import { createCompensationRuns } from './create-compensation-runs';
import { exportCompensationRun } from './export-compensation-run';
import { listCompensationRuns } from './list-compensation-runs';
import { readCompensationRun } from './read-compensation-run';

export const compensationRouteTemplates = [
  'POST /api/v1/compensation-runs',
  'GET /api/v1/compensation-runs',
  'GET /api/v1/compensation-runs/{id}',
  'GET /api/v1/compensation-runs/{id}/lines.csv',
];

export function registerCompensationRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = declareRoutes(app, { tags: ['visits'] });
  const db = context.pool;
  routes.post('/api/v1/compensation-runs', {
    summary: 'Run a month’s compensation for every provider, or one: a new, immutable version each',
    body: CreateCompensationRunsBody,
    status: 201,
    handle: async ({ request, actor }) => ({
      items: await createCompensationRuns({
        db,
        actor,
        input: request.body,
        requestId: request.id,
        now: readClock(context),
      }),
    }),
  });

  routes.get('/api/v1/compensation-runs', {
    summary: 'Compensation runs, newest month first, every version',
    querystring: CompensationRunQuery,
    response: CompensationRunList,
    handle: async ({ request, actor }) => listCompensationRuns({ db, actor, input: request.query }),
  });

  routes.get('/api/v1/compensation-runs/:id', {
    summary: 'A run with its lines, time given against granted, and the diff to its previous version',
    params: IdParams,
    response: CompensationRunDetail,
    handle: async ({ request, actor }) =>
      readCompensationRun({ db, actor, input: { runId: request.params.id } }),
  });

  routes.get('/api/v1/compensation-runs/:id/lines.csv', {
    summary: 'A run’s lines as CSV (Swedish headers, semicolons, BOM)',
    params: IdParams,
    handle: async ({ request, reply, actor }) => {
      const file = await exportCompensationRun({ db, actor, input: { runId: request.params.id } });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.csv);
    },
  });
}
