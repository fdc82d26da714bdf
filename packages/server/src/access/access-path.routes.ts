import { AccessPath, AccessPathBody } from '@portvakt/contract';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { authorise } from '../platform/authorise';
import { requireActor, type AppContext } from '../platform/context';
import { errorResponses, IdParams } from '../platform/schemas';
import { readAccessPath } from './read-access-path';
import { replaceAccessPath } from './replace-access-path';

/** A customer's access path: the entrances, key safe and apartment door on the way in (R3.4). */
export function registerAccessPathRoutes(app: FastifyInstance, context: AppContext): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.get(
    '/api/v1/customers/:id/access-path',
    {
      schema: {
        tags: ['customer'],
        summary: 'The doors on the way in to a customer',
        params: IdParams,
        response: { 200: AccessPath, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const scope = authorise(actor, 'access_path', 'read');
      return readAccessPath({ db: context.pool, scope, input: { customerId: request.params.id } });
    },
  );

  typed.put(
    '/api/v1/customers/:id/access-path',
    {
      schema: {
        tags: ['customer'],
        summary: 'Replace the doors on the way in to a customer, in order',
        params: IdParams,
        body: AccessPathBody,
        response: { 200: AccessPath, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const scope = authorise(actor, 'access_path', 'update');
      return replaceAccessPath({
        db: context.pool,
        actor,
        scope,
        input: { customerId: request.params.id, doorIds: request.body.doorIds },
        requestId: request.id,
      });
    },
  );
}
