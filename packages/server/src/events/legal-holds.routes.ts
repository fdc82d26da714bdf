// Legal holds over HTTP (docs/event-log.md "Retention and legal hold"): list, place, release.
import { LegalHoldList } from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../platform/context';
import { declareRoutes } from '../platform/declare-routes';
import { listLegalHolds } from './list-legal-holds';
import { placeLegalHold } from './place-legal-hold';
import { releaseLegalHold } from './release-legal-hold';

export const legalHoldRouteTemplates = [
  'GET /api/v1/legal-holds',
  'POST /api/v1/legal-holds',
  'DELETE /api/v1/legal-holds/{id}',
];

export function registerLegalHoldRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = declareRoutes(app, { tags: ['event log'], context, pathParams: 'uuid' });
  routes.get('/api/v1/legal-holds', {
    summary: 'Legal holds (active and released)',
    response: LegalHoldList,
    handle: async ({ options }) => listLegalHolds({ ...options }),
  });

  routes.post('/api/v1/legal-holds', {
    summary: 'Keep a customer’s or a lock’s events past the retention limit',
    body: Type.Object(
      {
        customerId: Type.Optional(Type.String({ format: 'uuid' })),
        lockDeviceId: Type.Optional(Type.String({ format: 'uuid' })),
        reason: Type.String({ minLength: 1, maxLength: 500 }),
      },
      { additionalProperties: false },
    ),
    status: 201,
    handle: async ({ request, options }) => ({
      id: await placeLegalHold({ ...options, input: { ...request.body, requestId: request.id } }),
    }),
  });

  routes.delete('/api/v1/legal-holds/:id', {
    summary: 'Release a legal hold (the next retention run removes what it kept)',
    status: 204,
    handle: async ({ request, options }) =>
      releaseLegalHold({ ...options, input: { id: request.params.id, requestId: request.id } }),
  });
}
