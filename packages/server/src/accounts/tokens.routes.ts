import { findEntity, findToken, insertToken, listTokens, revokeToken } from '@portvakt/storage';
import { findEntity as findEntityDefinition } from '@portvakt/core';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { recordChange } from '../audit/audit';
import { createApiToken, hashSecret } from './auth';
import { requireActor, type AppContext } from '../platform/context';
import { ApiError, notFound } from '../platform/errors';
import { authorise } from '../registry/registry.routes';
import { errorResponses, IdParams } from '../platform/schemas';
import { withTransaction } from '@portvakt/storage';

const tokenRoles = [
  'municipality_admin',
  'lock_manager',
  'installer',
  'work_lead',
  'support',
  'auditor',
] as const;

const Token = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  tokenPrefix: Type.String(),
  role: Type.String(),
  providerId: Type.Union([Type.String(), Type.Null()]),
  isReadOnly: Type.Boolean(),
  createdBy: Type.String(),
  createdAt: Type.String(),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
});

/** API tokens for integrations (care systems, vendor adapters): scoped, hashed at rest, revocable. */
export function registerTokenRoutes(app: FastifyInstance, context: AppContext): void {
  app.get(
    '/api/v1/api-tokens',
    {
      schema: {
        tags: ['api tokens'],
        summary: 'List API tokens',
        response: { 200: Type.Object({ items: Type.Array(Token) }), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorise(actor, 'api_token', 'read');
      return { items: await listTokens(context.pool, actor.municipalityId) };
    },
  );

  app.post(
    '/api/v1/api-tokens',
    {
      schema: {
        tags: ['api tokens'],
        summary: 'Create an API token; the secret is shown only in this response',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            role: Type.Enum([...tokenRoles]),
            providerId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
            isReadOnly: Type.Optional(Type.Boolean()),
            expiresAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ token: Type.String(), apiToken: Token }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorise(actor, 'api_token', 'create');
      const body = request.body as {
        name: string;
        role: (typeof tokenRoles)[number];
        providerId?: string | null;
        isReadOnly?: boolean;
        expiresAt?: string | null;
      };
      if (body.role !== 'work_lead' && body.providerId) {
        throw new ApiError(422, 'provider_not_applicable', 'Only work-lead tokens act for a provider.');
      }
      if (body.role === 'work_lead' && !body.providerId) {
        throw new ApiError(
          422,
          'provider_required',
          'A work-lead token acts for one provider: give providerId.',
        );
      }
      if (body.expiresAt && Date.parse(body.expiresAt) <= Date.now()) {
        throw new ApiError(422, 'already_expired', 'expiresAt must be in the future.');
      }
      const { token, prefix } = createApiToken();
      const created = await withTransaction(context.pool, async (client) => {
        if (body.providerId) {
          const provider = await findEntity(
            client,
            findEntityDefinition('provider'),
            { kind: 'municipality', municipalityId: actor.municipalityId },
            body.providerId,
          );
          if (!provider)
            throw new ApiError(422, 'unknown_reference', `No provider with id ${body.providerId}.`);
        }
        const record = await insertToken(client, {
          municipalityId: actor.municipalityId,
          name: body.name,
          tokenHash: hashSecret(token),
          tokenPrefix: prefix,
          role: body.role,
          providerId: body.providerId ?? null,
          isReadOnly: body.isReadOnly ?? false,
          createdBy: actor.id,
          expiresAt: body.expiresAt ?? null,
        });
        await recordChange(client, actor, {
          action: 'create',
          entity: 'api_token',
          entityId: record.id,
          after: record,
          requestId: request.id,
        });
        return record;
      });
      return reply.status(201).send({ token, apiToken: created });
    },
  );

  app.delete(
    '/api/v1/api-tokens/:id',
    {
      schema: {
        tags: ['api tokens'],
        summary: 'Revoke an API token',
        params: IdParams,
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorise(actor, 'api_token', 'delete');
      const id = (request.params as { id: string }).id;
      await withTransaction(context.pool, async (client) => {
        const before = await findToken(client, actor.municipalityId, id);
        if (!before) throw notFound('API token');
        if (before.revokedAt) return; // already revoked: nothing changes, nothing to record
        await revokeToken(client, id);
        const after = await findToken(client, actor.municipalityId, id);
        await recordChange(client, actor, {
          action: 'revoke',
          entity: 'api_token',
          entityId: id,
          before,
          after,
          requestId: request.id,
        });
      });
      return reply.status(204).send();
    },
  );
}
