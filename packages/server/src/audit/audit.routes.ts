import { listAudit } from '@portvakt/storage';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireActor, type AppContext } from '../platform/context';
import { authorise } from '../registry/registry.routes';
import { errorResponses } from '../platform/schemas';

const Entry = Type.Object({
  id: Type.Integer(),
  occurredAt: Type.String({ format: 'date-time' }),
  actorUserId: Type.Union([Type.String(), Type.Null()]),
  actorTokenId: Type.Union([Type.String(), Type.Null()]),
  actorLabel: Type.String(),
  actorRole: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  entity: Type.String(),
  entityId: Type.Union([Type.String(), Type.Null()]),
  before: Type.Unknown(),
  after: Type.Unknown(),
  requestId: Type.Union([Type.String(), Type.Null()]),
  source: Type.String(),
});

/** The append-only audit trail: read-only through the API, for auditors and administrators. */
export function registerAuditRoutes(app: FastifyInstance, context: AppContext): void {
  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Read the audit trail, newest first',
        querystring: Type.Object(
          {
            entity: Type.Optional(Type.String({ maxLength: 50 })),
            entityId: Type.Optional(Type.String({ maxLength: 100 })),
            actorUserId: Type.Optional(Type.String({ format: 'uuid' })),
            action: Type.Optional(Type.String({ maxLength: 50 })),
            from: Type.Optional(Type.String({ format: 'date-time' })),
            to: Type.Optional(Type.String({ format: 'date-time' })),
            cursor: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(Entry),
            nextCursor: Type.Union([Type.Integer(), Type.Null()]),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorise(actor, 'audit_entry', 'read');
      const query = request.query as Record<string, string | number | undefined> & {
        limit?: number;
        cursor?: number;
      };
      const page = await listAudit(context.pool, {
        municipalityId: actor.municipalityId,
        entity: query.entity as string | undefined,
        entityId: query.entityId as string | undefined,
        actorUserId: query.actorUserId as string | undefined,
        action: query.action as string | undefined,
        from: query.from as string | undefined,
        to: query.to as string | undefined,
        beforeId: query.cursor,
        limit: query.limit ?? 100,
      });
      return { items: page.items, nextCursor: page.hasMore ? (page.items.at(-1)?.id ?? null) : null };
    },
  );
}
