// The event log over HTTP (R4; docs/event-log.md): queries per lock, door, customer, staff member
// and key; findings; reports; legal holds; and the read log. Every read of events is recorded
// (who looked at whose events, when) in the same request.
import { decideAccess, servicePeriodOfQuery, type Actor, type Scope } from '@portvakt/core';
import {
  InvalidEventCursorError,
  isEventSubjectVisible,
  listEventFindings,
  listEventReads,
  listEvents,
  placeLegalHold,
  recordEventRead,
  releaseLegalHold,
  type EventSubjectKind,
  type EventView,
  type Queryable,
} from '@portvakt/storage';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { recordChange } from '../audit/audit';
import { requireActor, type AppContext } from '../platform/context';
import { ApiError, notFound } from '../platform/errors';
import { authorise } from '../registry/registry.routes';
import { buildVisitList, eventAnomalies, providerAudit, visitListCsv, visitListPdf } from './reports';
import { errorResponses } from '../platform/schemas';
import { withTransaction } from '@portvakt/storage';

/** Route templates this file adds (the role × scope matrix checks them in events-api.test.ts). */
export const eventRouteTemplates = [
  'GET /api/v1/event-log/{subject}/{id}',
  'GET /api/v1/event-findings',
  'GET /api/v1/event-reads',
  'GET /api/v1/customers/{id}/visits',
  'GET /api/v1/event-reports/provider-audit',
  'GET /api/v1/event-reports/anomalies',
  'GET /api/v1/legal-holds',
  'POST /api/v1/legal-holds',
  'DELETE /api/v1/legal-holds/{id}',
];

const Event = Type.Object({
  deviceId: Type.String(),
  sequence: Type.Integer(),
  occurredAt: Type.String({ format: 'date-time' }),
  deviceTime: Type.String({ format: 'date-time' }),
  receivedAt: Type.String({ format: 'date-time' }),
  kind: Type.Integer(),
  result: Type.Integer(),
  reason: Type.Integer(),
  battery: Type.Integer(),
  keyId: Type.Union([Type.String(), Type.Null()]),
  staffPseudonym: Type.Union([Type.String(), Type.Null()]),
  staffMemberId: Type.Union([Type.String(), Type.Null()]),
  staffName: Type.Union([Type.String(), Type.Null()]),
  providerId: Type.Union([Type.String(), Type.Null()]),
  providerName: Type.Union([Type.String(), Type.Null()]),
  lockNumber: Type.Union([Type.Integer(), Type.Null()]),
  lockDeviceId: Type.Union([Type.String(), Type.Null()]),
  doorId: Type.Union([Type.String(), Type.Null()]),
  doorLabel: Type.Union([Type.String(), Type.Null()], {
    description: 'The door’s label, when the caller may see that door (work leads: their customers’ doors)',
  }),
  doorKind: Type.Union([Type.String(), Type.Null()]),
  lockSerial: Type.Union([Type.String(), Type.Null()], {
    description: 'The lock’s serial, for roles that read locks (lockNumber is always there)',
  }),
  source: Type.String(),
  blockListVersion: Type.Union([Type.Integer(), Type.Null()]),
  verified: Type.Union([Type.Boolean(), Type.Null()]),
  claimedKeyId: Type.Union([Type.String(), Type.Null()], {
    description: 'Key id an unverified attempt claimed: not verified, never attributed to anyone',
  }),
  count: Type.Union([Type.Integer(), Type.Null()]),
  firstTime: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const Range = {
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
};

/**
 * What the caller sees of each row. Doors and locks are named in the rows themselves (the
 * console needs no further requests), but only as far as the role may read them: every door
 * and lock for roles that read them all; for a work lead, who reads neither, the doors on their
 * customers' ways in (as on the customer page) and no serials.
 */
function viewFor(scope: Scope, actor: Actor): EventView {
  const readsAll = (resource: 'door' | 'lock_device') =>
    decideAccess(actor, resource, 'read')?.kind === 'municipality';
  const names = { showLockSerials: readsAll('lock_device') };
  if (scope.kind === 'provider') return { providerId: scope.providerId, doorNames: 'reach', ...names };
  return {
    maskIdentities: actor.role === 'lock_manager',
    doorNames: readsAll('door') ? 'all' : 'none',
    ...names,
  };
}

async function logRead(
  db: Queryable,
  request: FastifyRequest,
  actor: Actor,
  read: {
    queryKind: string;
    subjectKind: string;
    subjectId: string | null;
    from?: Date;
    to?: Date;
    rowCount: number;
  },
): Promise<void> {
  await recordEventRead(db, {
    municipalityId: actor.municipalityId,
    actorUserId: actor.kind === 'user' ? actor.id : null,
    actorTokenId: actor.kind === 'token' ? actor.id : null,
    actorLabel: actor.label,
    actorRole: actor.role,
    queryKind: read.queryKind,
    subjectKind: read.subjectKind,
    subjectId: read.subjectId,
    timeFrom: read.from ?? null,
    timeTo: read.to ?? null,
    rowCount: read.rowCount,
    requestId: request.id,
  });
}

function range(query: { from?: string; to?: string }, defaultDays: number): { from: Date; to: Date } {
  const to = query.to ? new Date(query.to) : new Date();
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - defaultDays * 86_400_000);
  if (from >= to) throw new ApiError(400, 'invalid_range', '`from` must be before `to`.');
  return { from, to };
}

export function registerEventRoutes(app: FastifyInstance, context: AppContext): void {
  app.get(
    '/api/v1/event-log/:subject/:id',
    {
      schema: {
        tags: ['event log'],
        summary: 'Events of a lock, door, customer (every door on the access path), staff member or key',
        params: Type.Object({
          subject: Type.Union([
            Type.Literal('lock'),
            Type.Literal('door'),
            Type.Literal('customer'),
            Type.Literal('staff'),
            Type.Literal('key'),
          ]),
          id: Type.String({ format: 'uuid' }),
        }),
        querystring: Type.Object(
          {
            ...Range,
            refused: Type.Optional(Type.Boolean()),
            cursor: Type.Optional(Type.String({ maxLength: 200 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(Event),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const scope = authorise(actor, 'device_event', 'read');
      const { subject, id } = request.params as { subject: EventSubjectKind; id: string };
      const query = request.query as {
        from?: string;
        to?: string;
        refused?: boolean;
        cursor?: string;
        limit?: number;
      };
      // Lock managers look after hardware: locks and doors, never a person's history.
      if (actor.role === 'lock_manager' && subject !== 'lock' && subject !== 'door')
        throw new ApiError(403, 'forbidden', 'Your role sees lock and door events only.');
      const view = viewFor(scope, actor);
      const from = query.from ? new Date(query.from) : undefined;
      const to = query.to ? new Date(query.to) : undefined;
      // A work lead's customer (and the doors and locks on their way in) only when the provider
      // served them during the requested period, by the visit list's rule; else as unknown.
      const period = servicePeriodOfQuery({ from, to });
      if (
        !(await isEventSubjectVisible(
          context.pool,
          actor.municipalityId,
          { kind: subject, id },
          view,
          period,
        ))
      )
        throw notFound(subject);
      return withTransaction(context.pool, async (client) => {
        let page;
        try {
          page = await listEvents(client, {
            municipalityId: actor.municipalityId,
            subject: { kind: subject, id },
            from,
            to,
            isRefusedOnly: query.refused,
            cursor: query.cursor,
            limit: query.limit ?? 100,
            view,
          });
        } catch (error) {
          if (error instanceof InvalidEventCursorError)
            throw new ApiError(400, 'invalid_cursor', 'The cursor is not one this API handed out.');
          throw error;
        }
        await logRead(client, request, actor, {
          queryKind: query.refused ? 'events_refused' : 'events',
          subjectKind: subject,
          subjectId: id,
          ...(from ? { from } : {}),
          ...(to ? { to } : {}),
          rowCount: page.items.length,
        });
        return page;
      });
    },
  );

  app.get(
    '/api/v1/event-findings',
    {
      schema: {
        tags: ['event log'],
        summary: 'Integrity findings: gaps, rejected batches, alterations',
        querystring: Type.Object(
          {
            kind: Type.Optional(Type.String({ maxLength: 40 })),
            deviceId: Type.Optional(Type.String({ format: 'uuid' })),
            cursor: Type.Optional(Type.Integer({ minimum: 1 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorise(actor, 'event_finding', 'read');
      const query = request.query as { kind?: string; deviceId?: string; cursor?: number; limit?: number };
      const page = await listEventFindings(context.pool, {
        municipalityId: actor.municipalityId,
        kind: query.kind,
        deviceId: query.deviceId,
        beforeId: query.cursor,
        limit: query.limit ?? 100,
      });
      return { items: page.items, nextCursor: page.hasMore ? (page.items.at(-1)?.id ?? null) : null };
    },
  );

  app.get(
    '/api/v1/event-reads',
    {
      schema: {
        tags: ['event log'],
        summary: 'Who read whose events, and when (for auditors)',
        querystring: Type.Object(
          {
            subjectKind: Type.Optional(Type.String({ maxLength: 20 })),
            subjectId: Type.Optional(Type.String({ maxLength: 100 })),
            cursor: Type.Optional(Type.Integer({ minimum: 1 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorise(actor, 'event_read_log', 'read');
      const query = request.query as {
        subjectKind?: string;
        subjectId?: string;
        cursor?: number;
        limit?: number;
      };
      const page = await listEventReads(context.pool, {
        municipalityId: actor.municipalityId,
        subjectKind: query.subjectKind,
        subjectId: query.subjectId,
        beforeId: query.cursor,
        limit: query.limit ?? 100,
      });
      return { items: page.items, nextCursor: page.hasMore ? (page.items.at(-1)?.id ?? null) : null };
    },
  );

  app.get(
    '/api/v1/customers/:id/visits',
    {
      schema: {
        tags: ['event log'],
        summary: 'Visit list for relatives (JSON, CSV or PDF, in Swedish)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        querystring: Type.Object(
          {
            ...Range,
            format: Type.Optional(
              Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('pdf')], {
                default: 'json',
              }),
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply: FastifyReply) => {
      const actor = requireActor(request);
      const scope = authorise(actor, 'event_report', 'read');
      const { id } = request.params as { id: string };
      const query = request.query as { from?: string; to?: string; format?: 'json' | 'csv' | 'pdf' };
      const { from, to } = range(query, 31);
      const list = await withTransaction(context.pool, async (client) => {
        // In scope for the period and, for a provider, only its own staff's visits (reports.ts).
        const built = await buildVisitList(client, scope, id, from, to);
        if (!built) throw notFound('customer');
        await logRead(client, request, actor, {
          queryKind: `visit_list_${query.format ?? 'json'}`,
          subjectKind: 'customer',
          subjectId: id,
          from,
          to,
          rowCount: built.rows.length,
        });
        return built;
      });
      if (query.format === 'csv') {
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="besokslista.csv"`)
          .send(visitListCsv(list));
      }
      if (query.format === 'pdf') {
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `attachment; filename="besokslista.pdf"`)
          .send(Buffer.from(await visitListPdf(list)));
      }
      return {
        customerName: list.customerName,
        from: from.toISOString(),
        to: to.toISOString(),
        visits: list.rows,
      };
    },
  );

  app.get(
    '/api/v1/event-reports/provider-audit',
    {
      schema: {
        tags: ['event log'],
        summary: 'Openings by a provider’s staff that no permission allowed at the time',
        querystring: Type.Object(
          { ...Range, providerId: Type.Optional(Type.String({ format: 'uuid' })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const scope = authorise(actor, 'event_report', 'read');
      const query = request.query as { from?: string; to?: string; providerId?: string };
      const providerId = scope.kind === 'provider' ? scope.providerId : query.providerId;
      if (!providerId)
        throw new ApiError(400, 'provider_required', 'Name the provider to audit (providerId).');
      if (scope.kind === 'provider' && query.providerId && query.providerId !== scope.providerId)
        throw notFound('provider');
      const { from, to } = range(query, 31);
      const result = await providerAudit(context.pool, actor.municipalityId, providerId, from, to);
      await logRead(context.pool, request, actor, {
        queryKind: 'provider_audit',
        subjectKind: 'provider',
        subjectId: providerId,
        from,
        to,
        rowCount: result.checked,
      });
      return { providerId, from: from.toISOString(), to: to.toISOString(), ...result };
    },
  );

  app.get(
    '/api/v1/event-reports/anomalies',
    {
      schema: {
        tags: ['event log'],
        summary: 'Repeated refusals, unusual hours, one key at two properties too quickly',
        querystring: Type.Object(Range, { additionalProperties: false }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const scope = authorise(actor, 'event_report', 'read');
      const { from, to } = range(request.query as { from?: string; to?: string }, 7);
      const items = await eventAnomalies(
        context.pool,
        actor.municipalityId,
        from,
        to,
        scope.kind === 'provider' ? scope.providerId : undefined,
      );
      await logRead(context.pool, request, actor, {
        queryKind: 'anomalies',
        subjectKind: scope.kind === 'provider' ? 'provider' : 'municipality',
        subjectId: scope.kind === 'provider' ? scope.providerId : actor.municipalityId,
        from,
        to,
        rowCount: items.length,
      });
      return { items };
    },
  );

  app.get(
    '/api/v1/legal-holds',
    { schema: { tags: ['event log'], summary: 'Legal holds (active and released)' } },
    async (request) => {
      const actor = requireActor(request);
      authorise(actor, 'legal_hold', 'read');
      const { rows } = await context.pool.query(
        `SELECT id, customer_id AS "customerId", lock_device_id AS "lockDeviceId", reason, placed_by AS "placedBy",
           placed_at AS "placedAt", released_by AS "releasedBy", released_at AS "releasedAt"
         FROM legal_hold WHERE municipality_id = $1 ORDER BY placed_at DESC`,
        [actor.municipalityId],
      );
      return { items: rows };
    },
  );

  app.post(
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
      const actor = requireActor(request);
      authorise(actor, 'legal_hold', 'create');
      const body = request.body as { customerId?: string; lockDeviceId?: string; reason: string };
      if (!body.customerId === !body.lockDeviceId)
        throw new ApiError(422, 'one_subject', 'Name exactly one of customerId and lockDeviceId.');
      const kind = body.customerId ? 'customer' : 'lock';
      if (
        !(await isEventSubjectVisible(context.pool, actor.municipalityId, {
          kind,
          id: (body.customerId ?? body.lockDeviceId)!,
        }))
      )
        throw new ApiError(422, 'unknown_reference', `No ${kind} with that id.`);
      const id = await withTransaction(context.pool, async (client) => {
        const holdId = await placeLegalHold(client, {
          municipalityId: actor.municipalityId,
          ...(body.customerId ? { customerId: body.customerId } : {}),
          ...(body.lockDeviceId ? { lockDeviceId: body.lockDeviceId } : {}),
          reason: body.reason,
          placedBy: actor.label,
        });
        await recordChange(client, actor, {
          action: 'create',
          entity: 'legal_hold',
          entityId: holdId,
          after: body,
          requestId: request.id,
        });
        return holdId;
      });
      return reply.status(201).send({ id });
    },
  );

  app.delete(
    '/api/v1/legal-holds/:id',
    {
      schema: {
        tags: ['event log'],
        summary: 'Release a legal hold (the next retention run removes what it kept)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorise(actor, 'legal_hold', 'delete');
      const { id } = request.params as { id: string };
      await withTransaction(context.pool, async (client) => {
        if (!(await releaseLegalHold(client, actor.municipalityId, id, actor.label)))
          throw notFound('legal hold');
        await recordChange(client, actor, {
          action: 'release',
          entity: 'legal_hold',
          entityId: id,
          requestId: request.id,
        });
      });
      return reply.status(204).send();
    },
  );
}
