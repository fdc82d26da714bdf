import { EventDaySummary } from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { callUseCase, inputFrom } from '../platform/call-use-case';
import type { AppContext } from '../platform/context';
import { declareRoutes } from '../platform/declare-routes';
import { createEventDaySummaryReader } from './read-event-day-summary';

export const eventSummaryRouteTemplates = ['GET /api/v1/event-log/summary'];

export function registerEventSummaryRoutes(app: FastifyInstance, context: AppContext): void {
  const readEventDaySummary = createEventDaySummaryReader();
  declareRoutes(app, { tags: ['event log'], context }).get('/api/v1/event-log/summary', {
    summary: 'Openings and refused attempts per local day (Europe/Stockholm), oldest day first',
    querystring: Type.Object(
      { days: Type.Optional(Type.Integer({ minimum: 1, maximum: 92, default: 14 })) },
      { additionalProperties: false },
    ),
    response: EventDaySummary,
    handle: callUseCase(readEventDaySummary, inputFrom.query),
  });
}
