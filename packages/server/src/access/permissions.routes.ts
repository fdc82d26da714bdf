import {
  accessPathOf,
  compileLockList,
  decideAccess,
  explain,
  findEntity as findEntityDefinition,
  whoCanOpen,
  type Actor,
} from '@portvakt/core';
import {
  findEntity,
  isLockInScope,
  listPermissionHistory,
  readCustomerPermissionContext,
  readDoorAddresses,
} from '@portvakt/storage';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireActor, type AppContext } from '../platform/context';
import { notFound } from '../platform/errors';
import type { PermissionIndexCache } from './permission-index';
import { authorise } from '../registry/registry.routes';
import { errorResponses, IdParams } from '../platform/schemas';

const staffEntity = findEntityDefinition('staff_member');
const customerEntity = findEntityDefinition('customer');

const Reason = Type.Object({
  rule: Type.String({ description: 'Stable rule code, e.g. team_service, no_chosen_provider.' }),
  text: Type.String({ description: 'The rule in words a support person understands.' }),
});
const AtQuery = Type.Object(
  { at: Type.Optional(Type.String({ format: 'date-time', description: 'Default: now.' })) },
  { additionalProperties: false },
);

function parseAt(at: string | undefined): number {
  return at ? Date.parse(at) : Date.now();
}

/** The staff member, if the actor may see them (404 otherwise, for provider-scoped actors too). */
async function findVisibleStaff(context: AppContext, actor: Actor, id: string) {
  const scope = decideAccess(actor, 'staff_member', 'read');
  const staff = scope ? await findEntity(context.pool, staffEntity, scope, id) : undefined;
  if (!staff) throw notFound('staff member');
  return staff;
}

/** "May S open L at T, and why", a staff member's lock list, and who can open a customer's doors. */
export function registerPermissionRoutes(
  app: FastifyInstance,
  context: AppContext,
  permissions: PermissionIndexCache,
): void {
  app.get(
    '/api/v1/permissions/explain',
    {
      schema: {
        tags: ['permissions'],
        summary: 'May this staff member open this lock at this time, and which rule decides',
        querystring: Type.Object(
          {
            staffMemberId: Type.String({ format: 'uuid' }),
            lockId: Type.String({ format: 'uuid' }),
            at: Type.Optional(Type.String({ format: 'date-time' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            isAllowed: Type.Boolean(),
            staffMemberId: Type.String(),
            lockId: Type.String(),
            at: Type.String({ format: 'date-time' }),
            reasons: Type.Array(Reason),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const scope = authorise(actor, 'permission_check', 'read');
      const query = request.query as { staffMemberId: string; lockId: string; at?: string };
      await findVisibleStaff(context, actor, query.staffMemberId);
      // A lock outside the caller's scope is answered exactly like one that does not exist (one
      // query either way): explain's reasons would name another provider's customers and doors.
      if (!(await isLockInScope(context.pool, scope, query.lockId))) throw notFound('lock');
      const { index } = await permissions.get(actor.municipalityId);
      const at = parseAt(query.at);
      const result = explain(index, query.staffMemberId, query.lockId, at);
      return {
        isAllowed: result.isAllowed,
        staffMemberId: query.staffMemberId,
        lockId: query.lockId,
        at: new Date(at).toISOString(),
        reasons: result.reasons.map(({ rule, text }) => ({ rule, text })),
      };
    },
  );

  app.get(
    '/api/v1/staff/:id/lock-list',
    {
      schema: {
        tags: ['permissions'],
        summary: 'The locks a staff member may open from a time on, as an activation would compile them',
        params: IdParams,
        querystring: Type.Object(
          {
            at: Type.Optional(Type.String({ format: 'date-time' })),
            validForHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 120, default: 12 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            staffMemberId: Type.String(),
            staffStatus: Type.String(),
            issuedAt: Type.String({ format: 'date-time' }),
            validUntil: Type.String({ format: 'date-time' }),
            locks: Type.Array(
              Type.Object({
                lockId: Type.String(),
                lockNumber: Type.Union([Type.Integer(), Type.Null()]),
                doorId: Type.String(),
                doorLabel: Type.String(),
                address: Type.Union([Type.String(), Type.Null()]),
                rules: Type.Array(Type.String()),
                isAlways: Type.Boolean(),
                intervals: Type.Array(Type.Object({ from: Type.String(), until: Type.String() })),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorise(actor, 'permission_check', 'read');
      const id = (request.params as { id: string }).id;
      const query = request.query as { at?: string; validForHours?: number };
      await findVisibleStaff(context, actor, id);
      const { index, facts } = await permissions.get(actor.municipalityId);
      const list = compileLockList(index, id, parseAt(query.at), {
        validForSeconds: (query.validForHours ?? 12) * 3600,
      });
      const doorLabels = new Map(facts.doors.map((door) => [door.id, door.label]));
      // Many doors are called "Port A": the street address tells staff and support which one.
      const addresses = await readDoorAddresses(
        context.pool,
        list.locks.map((lock) => lock.doorId),
      );
      return {
        staffMemberId: id,
        staffStatus: list.staffStatus,
        issuedAt: new Date(list.issuedAt).toISOString(),
        validUntil: new Date(list.validUntil).toISOString(),
        locks: list.locks.map((lock) => ({
          lockId: lock.lockId,
          lockNumber: lock.lockNumber ?? null,
          doorId: lock.doorId,
          doorLabel: doorLabels.get(lock.doorId) ?? '',
          address: addresses.get(lock.doorId) ?? null,
          rules: [...lock.rules],
          isAlways: lock.windows === 'always',
          intervals: lock.intervals.map((interval) => ({
            from: new Date(interval.from).toISOString(),
            until: new Date(Math.min(interval.until, list.validUntil)).toISOString(),
          })),
        })),
      };
    },
  );

  app.get(
    '/api/v1/customers/:id/who-can-open',
    {
      schema: {
        tags: ['permissions'],
        summary: 'Who can open each door on the way in to a customer now, and why',
        params: IdParams,
        querystring: AtQuery,
        response: {
          200: Type.Object({
            customerId: Type.String(),
            at: Type.String({ format: 'date-time' }),
            doors: Type.Array(
              Type.Object({
                doorId: Type.String(),
                label: Type.String(),
                kind: Type.String(),
                lockId: Type.Union([Type.String(), Type.Null()]),
                staff: Type.Array(
                  Type.Object({
                    staffMemberId: Type.String(),
                    name: Type.String(),
                    providerId: Type.String(),
                    reasons: Type.Array(Reason),
                  }),
                ),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const scope = authorise(actor, 'permission_check', 'read');
      const customerScope = decideAccess(actor, 'customer', 'read');
      const id = (request.params as { id: string }).id;
      if (!customerScope) throw notFound('customer');
      // One round trip: the customer within scope and the facts version the index must reach.
      const { version, isVisible } = await readCustomerPermissionContext(context.pool, customerScope, id);
      if (!isVisible) throw notFound('customer');
      const at = parseAt((request.query as { at?: string }).at);
      const { index } = await permissions.get(actor.municipalityId, version);
      // The path, locks and openers all come from the index (docs/permissions.md "Who can open");
      // a work lead sees only their own provider's staff, never another provider's people.
      const path = accessPathOf(index, id);
      const openers = whoCanOpen(
        index,
        id,
        path.flatMap((door) => (door.lockId ? [door.lockId] : [])),
        at,
        { providerId: scope.kind === 'provider' ? scope.providerId : undefined },
      );
      return {
        customerId: id,
        at: new Date(at).toISOString(),
        doors: path.map((door) => ({
          doorId: door.doorId,
          label: door.label,
          kind: door.kind,
          lockId: door.lockId,
          staff: door.lockId
            ? (openers.get(door.lockId) ?? []).map((opener) => ({
                staffMemberId: opener.staffId,
                name: opener.name,
                providerId: opener.providerId,
                reasons: opener.reasons.map(({ rule, text }) => ({ rule, text })),
              }))
            : [],
        })),
      };
    },
  );

  const History = Type.Object({
    items: Type.Array(
      Type.Object({
        id: Type.Integer(),
        occurredAt: Type.String(),
        actorLabel: Type.String(),
        actorRole: Type.Union([Type.String(), Type.Null()]),
        action: Type.String(),
        entity: Type.String(),
        entityId: Type.Union([Type.String(), Type.Null()]),
        before: Type.Unknown(),
        after: Type.Unknown(),
      }),
    ),
  });
  const historyQuery = Type.Object(
    { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) },
    { additionalProperties: false },
  );

  app.get(
    '/api/v1/customers/:id/permission-history',
    {
      schema: {
        tags: ['permissions'],
        summary: 'Every change of who may open this customer’s doors: who, what, when, why',
        params: IdParams,
        querystring: historyQuery,
        response: { 200: History, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const scope = authorise(actor, 'permission_check', 'read');
      const id = (request.params as { id: string }).id;
      const customerScope = decideAccess(actor, 'customer', 'read');
      if (!customerScope || !(await findEntity(context.pool, customerEntity, customerScope, id)))
        throw notFound('customer');
      const items = await listPermissionHistory(context.pool, {
        municipalityId: actor.municipalityId,
        customerId: id,
        ...(scope.kind === 'provider' ? { providerId: scope.providerId } : {}),
        limit: (request.query as { limit?: number }).limit ?? 100,
      });
      return { items };
    },
  );

  app.get(
    '/api/v1/staff/:id/permission-history',
    {
      schema: {
        tags: ['permissions'],
        summary: 'Every change of what this staff member may open: who, what, when, why',
        params: IdParams,
        querystring: historyQuery,
        response: { 200: History, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorise(actor, 'permission_check', 'read');
      const id = (request.params as { id: string }).id;
      await findVisibleStaff(context, actor, id);
      const items = await listPermissionHistory(context.pool, {
        municipalityId: actor.municipalityId,
        staffMemberId: id,
        limit: (request.query as { limit?: number }).limit ?? 100,
      });
      return { items };
    },
  );
}
