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
import { type AppContext } from '../platform/context';
import { callUseCase, takeIdAs, takeQuery } from '../platform/call-use-case';
import { declareRoutes } from '../platform/declare-routes';
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
  routes.post('/api/v1/compensation-runs', {
    summary: 'Run a month’s compensation for every provider, or one: a new, immutable version each',
    body: CreateCompensationRunsBody,
    status: 201,
    handle: async ({ request, options }) => ({
      items: await createCompensationRuns({ ...options, input: request.body }),
    }),
  });

  routes.get('/api/v1/compensation-runs', {
    summary: 'Compensation runs, newest month first, every version',
    querystring: CompensationRunQuery,
    response: CompensationRunList,
    handle: callUseCase(listCompensationRuns, takeQuery),
  });

  routes.get('/api/v1/compensation-runs/:id', {
    summary: 'A run with its lines, time given against granted, and the diff to its previous version',
    response: CompensationRunDetail,
    handle: callUseCase(readCompensationRun, takeIdAs('runId')),
  });

  routes.get('/api/v1/compensation-runs/:id/lines.csv', {
    summary: 'A run’s lines as CSV (Swedish headers, semicolons, BOM)',
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
    handle: callUseCase(readGivenVersusGranted, takeQuery),
  });
}
