import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ApiTokenRow, CreatedApiToken, errorResponses } from '@portvakt/contract';
import { tokenRoles } from '@portvakt/core';
import { listTokens } from '@portvakt/storage';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { authorise } from '../platform/authorise';
import { requireActor, type AppContext } from '../platform/context';
import { IdParams } from '../platform/schemas';
import { createToken } from './create-token';
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
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();

  typed.get(
    '/api/v1/api-tokens',
    {
      schema: {
        tags: ['api tokens'],
        summary: 'List API tokens',
        response: { 200: Type.Object({ items: Type.Array(ApiTokenRow) }), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorise(actor, 'api_token', 'read');
      return { items: await listTokens(context.pool, actor.municipalityId) };
    },
  );

  typed.post(
    '/api/v1/api-tokens',
    {
      schema: {
        tags: ['api tokens'],
        summary: 'Create an API token; the secret is shown only in this response',
        body: NewToken,
        response: { 201: CreatedApiToken, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorise(actor, 'api_token', 'create');
      const created = await createToken({
        db: context.pool,
        actor,
        input: request.body,
        requestId: request.id,
      });
      return reply.status(201).send(created);
    },
  );

  typed.delete(
    '/api/v1/api-tokens/:id',
    {
      schema: {
        tags: ['api tokens'],
        summary: 'Revoke an API token',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorise(actor, 'api_token', 'delete');
      await revokeToken({ db: context.pool, actor, input: request.params, requestId: request.id });
      return reply.status(204).send(null);
    },
  );
}
