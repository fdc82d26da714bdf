import { ApiTokenRow, CreatedApiToken } from '@portvakt/contract';
import { tokenRoles } from '@portvakt/core';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../platform/context';
import { callUseCase, inputFrom } from '../platform/call-use-case';
import { declareRoutes } from '../platform/declare-routes';
import { listSchema } from '../platform/schemas';
import { createToken } from './create-token';
import { listApiTokens } from './list-api-tokens';
import { revokeToken } from './revoke-token';

const NewToken = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    role: Type.Enum([...tokenRoles]),
    providerId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
    isReadOnly: Type.Optional(Type.Boolean()),
    expiresAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
  },
  { additionalProperties: false },
);

/** API tokens for integrations (care systems, vendor adapters): scoped, hashed at rest, revocable. */
export function registerTokenRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = declareRoutes(app, { tags: ['api tokens'], context, pathParams: 'uuid' });

  routes.get('/api/v1/api-tokens', {
    summary: 'List API tokens',
    response: listSchema(ApiTokenRow),
    handle: callUseCase(listApiTokens, inputFrom.none),
  });

  routes.post('/api/v1/api-tokens', {
    summary: 'Create an API token; the secret is shown only in this response',
    body: NewToken,
    response: CreatedApiToken,
    status: 201,
    permission: ['api_token', 'create'],
    handle: callUseCase(createToken, inputFrom.body),
  });

  routes.delete('/api/v1/api-tokens/:id', {
    summary: 'Revoke an API token',
    response: Type.Null(),
    status: 204,
    permission: ['api_token', 'delete'],
    handle: callUseCase(revokeToken, inputFrom.params),
  });
}
