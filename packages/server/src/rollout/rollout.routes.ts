// Rollout per district (R8.1) and the R2.6 warnings over HTTP (docs/rollout.md).
import {
  AccessWarningsQuery,
  CustomerAccessWarnings,
  RolloutQuery,
  RolloutReport,
  TeamAccessWarnings,
} from '@portvakt/contract';
import type { FastifyReply, FastifyInstance } from 'fastify';
import { callUseCase, inputFrom } from '../platform/call-use-case';
import { type AppContext } from '../platform/context';
import { declareRoutes } from '../platform/declare-routes';
import { csvType, sendDownload } from '../platform/downloads';
import { readCustomerAccessWarnings } from './read-customer-access-warnings';
import { readRollout } from './read-rollout';
import { readTeamAccessWarnings } from './read-team-access-warnings';
import { rolloutCsv } from './rollout-csv';

export const rolloutRouteTemplates = [
  'GET /api/v1/rollout',
  'GET /api/v1/rollout.csv',
  'GET /api/v1/customers/{id}/access-warnings',
  'GET /api/v1/teams/{id}/access-warnings',
];

function sendCsv(reply: FastifyReply, report: RolloutReport) {
  const { fileName, csv } = rolloutCsv(report);
  return sendDownload(reply, { contentType: csvType, fileName, content: csv });
}

export function registerRolloutRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = declareRoutes(app, { tags: ['rollout'], context, pathParams: 'uuid' });

  routes.get('/api/v1/rollout', {
    summary:
      'Rollout per district on a day: the table with totals, the chart over the past year, R2.6 warnings',
    querystring: RolloutQuery,
    // The JSON answer; with format=csv the same figures are sent as a file instead.
    response: RolloutReport,
    handle: async ({ request, reply, options }) => {
      const report = await readRollout({ ...options, input: request.query });
      return request.query.format === 'csv' ? sendCsv(reply, report) : reply.send(report);
    },
  });

  routes.get('/api/v1/rollout.csv', {
    summary: 'The rollout table as CSV for Excel (UTF-8 with BOM, semicolons, Swedish headers)',
    querystring: AccessWarningsQuery,
    handle: async ({ request, reply, options }) =>
      sendCsv(reply, await readRollout({ ...options, input: request.query })),
  });

  routes.get('/api/v1/customers/:id/access-warnings', {
    summary:
      'Doors on the customer’s way in that cannot be opened when their night or alarm service comes (R2.6)',
    querystring: AccessWarningsQuery,
    response: CustomerAccessWarnings,
    handle: callUseCase(readCustomerAccessWarnings, inputFrom.queryWithId('customerId')),
  });

  routes.get('/api/v1/teams/:id/access-warnings', {
    summary: 'The team’s customers behind a door that cannot be opened when their service comes (R2.6)',
    querystring: AccessWarningsQuery,
    response: TeamAccessWarnings,
    handle: callUseCase(readTeamAccessWarnings, inputFrom.queryWithId('teamId')),
  });
}
