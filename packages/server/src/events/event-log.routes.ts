// The event log's queries over HTTP (R4; docs/event-log.md "Queries and read logging"): events of
// a lock, door, customer, staff member or key; integrity findings; the read log.
import { EventFindingPage, EventPage, EventReadPage, eventSubjectKinds } from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../platform/context';
import { callUseCase, inputFrom } from '../platform/call-use-case';
import { declareRoutes } from '../platform/declare-routes';
import { listEventFindings } from './list-event-findings';
import { listEventReads } from './list-event-reads';
import { listSubjectEvents } from './list-subject-events';

export const eventLogRouteTemplates = [
  'GET /api/v1/event-log/{subject}/{id}',
  'GET /api/v1/event-findings',
  'GET /api/v1/event-reads',
];

/** `from` inclusive, `to` exclusive, ISO instants. */
export const PeriodQuery = {
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
};

const pageQuery = {
  cursor: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
};

export function registerEventLogRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = declareRoutes(app, { tags: ['event log'], context });
  routes.get('/api/v1/event-log/:subject/:id', {
    summary: 'Events of a lock, door, customer (every door on the access path), staff member or key',
    params: Type.Object({
      subject: Type.Union(eventSubjectKinds.map((kind) => Type.Literal(kind))),
      id: Type.String({ format: 'uuid' }),
    }),
    querystring: Type.Object(
      {
        ...PeriodQuery,
        refused: Type.Optional(Type.Boolean()),
        cursor: Type.Optional(Type.String({ maxLength: 200 })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
      },
      { additionalProperties: false },
    ),
    response: EventPage,
    handle: async ({ request, options }) =>
      listSubjectEvents({
        ...options,
        input: { ...request.params, ...request.query, requestId: request.id },
      }),
  });

  routes.get('/api/v1/event-findings', {
    summary: 'Integrity findings: gaps, rejected batches, alterations',
    querystring: Type.Object(
      {
        kind: Type.Optional(Type.String({ maxLength: 40 })),
        deviceId: Type.Optional(Type.String({ format: 'uuid' })),
        ...pageQuery,
      },
      { additionalProperties: false },
    ),
    response: EventFindingPage,
    handle: callUseCase(listEventFindings, inputFrom.query),
  });

  routes.get('/api/v1/event-reads', {
    summary: 'Who read whose events, and when (for auditors)',
    querystring: Type.Object(
      {
        subjectKind: Type.Optional(Type.String({ maxLength: 20 })),
        subjectId: Type.Optional(Type.String({ maxLength: 100 })),
        ...pageQuery,
      },
      { additionalProperties: false },
    ),
    response: EventReadPage,
    handle: callUseCase(listEventReads, inputFrom.query),
  });
}
