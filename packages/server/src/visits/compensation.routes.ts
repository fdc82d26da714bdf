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
import { callUseCase, inputFrom } from '../platform/call-use-case';
import { declareRoutes } from '../platform/declare-routes';
import { csvType, pdfType, sendDownload } from '../platform/downloads';
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
  const routes = declareRoutes(app, { tags: ['visits'], context, pathParams: 'uuid' });
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
    handle: callUseCase(listCompensationRuns, inputFrom.query),
  });

  routes.get('/api/v1/compensation-runs/:id', {
    summary: 'A run with its lines, time given against granted, and the diff to its previous version',
    response: CompensationRunDetail,
    handle: callUseCase(readCompensationRun, inputFrom.idAs('runId')),
  });

  routes.get('/api/v1/compensation-runs/:id/lines.csv', {
    summary: 'A run’s lines as CSV (Swedish headers, semicolons, BOM)',
    handle: async ({ request, reply, options }) => {
      const file = await exportCompensationRun({ ...options, input: { runId: request.params.id } });
      return sendDownload(reply, { contentType: csvType, fileName: file.fileName, content: file.csv });
    },
  });

  routes.get('/api/v1/compensation-runs/:id/summary.pdf', {
    summary: 'A run’s summary for its provider as PDF (Swedish): totals per time band, held back, late, diff',
    handle: async ({ request, reply, options }) => {
      const file = await exportCompensationSummary({ ...options, input: { runId: request.params.id } });
      return sendDownload(reply, { contentType: pdfType, fileName: file.fileName, content: file.pdf });
    },
  });

  routes.get('/api/v1/given-versus-granted', {
    summary:
      'Time given against granted per customer and service, from each provider’s latest run of a month',
    querystring: GivenVersusGrantedQuery,
    response: GivenVersusGrantedReport,
    handle: callUseCase(readGivenVersusGranted, inputFrom.query),
  });
}
