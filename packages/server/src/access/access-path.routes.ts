import { AccessPath, AccessPathBody } from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { type AppContext } from '../platform/context';
import { callUseCase, inputFrom } from '../platform/call-use-case';
import { declareRoutes } from '../platform/declare-routes';
import { readAccessPath } from './read-access-path';
import { replaceAccessPath } from './replace-access-path';

/** A customer's access path: the entrances, key safe and apartment door on the way in (R3.4). */
export function registerAccessPathRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = declareRoutes(app, { tags: ['customer'], context, pathParams: 'uuid' });
  routes.get('/api/v1/customers/:id/access-path', {
    summary: 'The doors on the way in to a customer',
    response: AccessPath,
    permission: ['access_path', 'read'],
    handle: callUseCase(readAccessPath, inputFrom.idAs('customerId')),
  });

  routes.put('/api/v1/customers/:id/access-path', {
    summary: 'Replace the doors on the way in to a customer, in order',
    body: AccessPathBody,
    response: AccessPath,
    permission: ['access_path', 'update'],
    handle: callUseCase(replaceAccessPath, inputFrom.bodyWithId('customerId')),
  });
}
