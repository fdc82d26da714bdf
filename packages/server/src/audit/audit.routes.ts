import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AuditPage, errorResponses } from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { authorise } from '../platform/authorise';
import { requireActor, type AppContext } from '../platform/context';
import { readAuditPage } from './read-audit-page';

const AuditQuery = Type.Object(
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
);

/** The append-only audit trail: read-only through the API, for auditors and administrators. */
export function registerAuditRoutes(app: FastifyInstance, context: AppContext): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Read the audit trail, newest first',
        querystring: AuditQuery,
        response: { 200: AuditPage, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorise(actor, 'audit_entry', 'read');
      return readAuditPage({ db: context.pool, actor, input: request.query });
    },
  );
}
