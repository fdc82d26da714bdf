// The monthly compensation run over HTTP (docs/visits.md "Compensation run"): run a month, list
// runs, read one with its lines and diff, download it as CSV.
import {
  CompensationRunDetail,
  CompensationRunList,
  CompensationRunQuery,
  CreateCompensationRunsBody,
  GivenVersusGrantedQuery,
  GivenVersusGrantedReport,
} from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { readClock, type AppContext } from '../platform/context';
import { declareRoutes } from '../platform/declare-routes';
import { IdParams } from '../platform/schemas';
import { createCompensationRuns } from './create-compensation-runs';
import { exportCompensationRun } from './export-compensation-run';
import { exportCompensationSummary } from './export-compensation-summary';
import { listCompensationRuns } from './list-compensation-runs';
import { readCompensationRun } from './read-compensation-run';
import { readGivenVersusGranted } from './read-given-versus-granted';

export const compensationRouteTemplates = [
  'POST /api/v1/compensation-runs',
  'GET /api/v1/compensation-runs',
  'GET /api/v1/compensation-runs/{id}',
  'GET /api/v1/compensation-runs/{id}/lines.csv',
  'GET /api/v1/compensation-runs/{id}/summary.pdf',
  'GET /api/v1/given-versus-granted',
];

export function registerCompensationRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = declareRoutes(app, { tags: ['visits'], context });
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
    handle: async ({ request, options }) => listCompensationRuns({ ...options, input: request.query }),
  });

  routes.get('/api/v1/compensation-runs/:id', {
    summary: 'A run with its lines, time given against granted, and the diff to its previous version',
    params: IdParams,
    response: CompensationRunDetail,
    handle: async ({ request, options }) =>
      readCompensationRun({ ...options, input: { runId: request.params.id } }),
  });

  routes.get('/api/v1/compensation-runs/:id/lines.csv', {
    summary: 'A run’s lines as CSV (Swedish headers, semicolons, BOM)',
    params: IdParams,
    handle: async ({ request, reply, options }) => {
      const file = await exportCompensationRun({ ...options, input: { runId: request.params.id } });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.csv);
    },
  });

  routes.get('/api/v1/compensation-runs/:id/summary.pdf', {
    summary: 'A run’s summary for its provider as PDF (Swedish): totals per time band, held back, late, diff',
    params: IdParams,
    handle: async ({ request, reply, options }) => {
      const file = await exportCompensationSummary({ ...options, input: { runId: request.params.id } });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(Buffer.from(file.pdf));
    },
  });

  routes.get('/api/v1/given-versus-granted', {
    summary:
      'Time given against granted per customer and service, from each provider’s latest run of a month',
    querystring: GivenVersusGrantedQuery,
    response: GivenVersusGrantedReport,
    handle: async ({ request, options }) => readGivenVersusGranted({ ...options, input: request.query }),
  });
}
