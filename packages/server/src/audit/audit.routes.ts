import { AuditPage, auditActions, auditEntities } from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../platform/context';
import { callUseCase, inputFrom } from '../platform/call-use-case';
import { declareRoutes } from '../platform/declare-routes';
import { readAuditPage } from './read-audit-page';

const AuditQuery = Type.Object(
  {
    // The contract's lists: a name the trail never records (a typo) is refused, not answered as an
    // empty page that reads as "nothing happened".
    entity: Type.Optional(Type.Enum([...auditEntities])),
    entityId: Type.Optional(Type.String({ maxLength: 100 })),
    actorUserId: Type.Optional(Type.String({ format: 'uuid' })),
    action: Type.Optional(Type.Enum([...auditActions])),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    cursor: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);

/** The append-only audit trail: read-only through the API, for auditors and administrators. */
export function registerAuditRoutes(app: FastifyInstance, context: AppContext): void {
  declareRoutes(app, { tags: ['audit'], context }).get('/api/v1/audit', {
    summary: 'Read the audit trail, newest first',
    querystring: AuditQuery,
    response: AuditPage,
    permission: ['audit_entry', 'read'],
    handle: callUseCase(readAuditPage, inputFrom.query),
  });
}
