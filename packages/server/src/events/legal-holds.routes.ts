// Legal holds over HTTP (docs/event-log.md "Retention and legal hold"): list, place, release.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { errorResponses, LegalHoldList } from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireActor, type AppContext } from '../platform/context';
import { listLegalHolds } from './list-legal-holds';
import { placeLegalHold } from './place-legal-hold';
import { releaseLegalHold } from './release-legal-hold';

export const legalHoldRouteTemplates = [
  'GET /api/v1/legal-holds',
  'POST /api/v1/legal-holds',
  'DELETE /api/v1/legal-holds/{id}',
];

export function registerLegalHoldRoutes(app: FastifyInstance, context: AppContext): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.get(
    '/api/v1/legal-holds',
    {
      schema: {
        tags: ['event log'],
        summary: 'Legal holds (active and released)',
        response: { 200: LegalHoldList, ...errorResponses },
      },
    },
    async (request) => listLegalHolds({ db: context.pool, actor: requireActor(request) }),
  );

  typed.post(
    '/api/v1/legal-holds',
    {
      schema: {
        tags: ['event log'],
        summary: 'Keep a customer’s or a lock’s events past the retention limit',
        body: Type.Object(
          {
            customerId: Type.Optional(Type.String({ format: 'uuid' })),
            lockDeviceId: Type.Optional(Type.String({ format: 'uuid' })),
            reason: Type.String({ minLength: 1, maxLength: 500 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const id = await placeLegalHold({
        db: context.pool,
        actor: requireActor(request),
        input: { ...request.body, requestId: request.id },
      });
      return reply.status(201).send({ id });
    },
  );

  typed.delete(
    '/api/v1/legal-holds/:id',
    {
      schema: {
        tags: ['event log'],
        summary: 'Release a legal hold (the next retention run removes what it kept)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      },
    },
    async (request, reply) => {
      await releaseLegalHold({
        db: context.pool,
        actor: requireActor(request),
        input: { id: request.params.id, requestId: request.id },
      });
      return reply.status(204).send();
    },
  );
}
