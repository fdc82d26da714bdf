// Reports over HTTP (R4.4, R5.1; docs/event-log.md "Reports"): the visit list for relatives (JSON,
// CSV, PDF; from the stored visits, docs/visits.md), the provider audit and anomalies. Every
// report read is logged.
import { AnomalyList } from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { type AppContext } from '../platform/context';
import { callUseCase, inputFrom } from '../platform/call-use-case';
import { declareRoutes } from '../platform/declare-routes';
import { declareRelativesVisitListRoute } from '../visits';
import { PeriodQuery } from './event-log.routes';
import { findEventAnomalies } from './find-event-anomalies';
import { readVisitList } from './read-visit-list';
import { runProviderAudit } from './run-provider-audit';

export const eventReportRouteTemplates = [
  'GET /api/v1/customers/{id}/visits',
  'GET /api/v1/event-reports/provider-audit',
  'GET /api/v1/event-reports/anomalies',
];

export function registerEventReportRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = declareRoutes(app, { tags: ['event log'], context, pathParams: 'uuid' });
  declareRelativesVisitListRoute(routes, '/api/v1/customers/:id/visits', {
    summary: 'Visit list for relatives (JSON, CSV or PDF, in Swedish): the stored visits of whole local days',
    readList: readVisitList,
  });

  routes.get('/api/v1/event-reports/provider-audit', {
    summary: 'Openings by a provider’s staff that no permission allowed at the time',
    querystring: Type.Object(
      { ...PeriodQuery, providerId: Type.Optional(Type.String({ format: 'uuid' })) },
      { additionalProperties: false },
    ),
    handle: callUseCase(runProviderAudit, inputFrom.query),
  });

  routes.get('/api/v1/event-reports/anomalies', {
    summary: 'Repeated refusals, unusual hours, one key at two properties too quickly',
    querystring: Type.Object(PeriodQuery, { additionalProperties: false }),
    response: AnomalyList,
    handle: callUseCase(findEventAnomalies, inputFrom.query),
  });
}
