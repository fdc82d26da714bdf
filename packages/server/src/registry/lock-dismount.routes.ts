// Dismounting a lock (taking it off its door) as a deliberate step: refused with 409
// `lock_on_access_path` while the door is on the way in of a customer with an ongoing service,
// unless forced with a reason; the forced dismount is audited with the reason and who lost access.
// A PATCH of the lock that has the same effect is refused alike (registry-hooks.ts).
import {
  findEntity as findEntityDefinition,
  lockStatuses,
  minimumDismountReasonLength,
} from '@portvakt/core';
import { findEntity, updateEntity } from '@portvakt/storage';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { recordChange } from '../audit/audit';
import { requireActor, type AppContext } from '../platform/context';
import { ApiError, notFound } from '../platform/errors';
import { applyRegistryHooks } from './registry-hooks';
import { authorise } from './registry.routes';
import { errorResponses, IdParams } from '../platform/schemas';
import { withTransaction } from '@portvakt/storage';

const lockEntity = findEntityDefinition('lock_device');

/** Route templates this file adds (role × scope in lock-dismount.test.ts). */
export const lockDismountRouteTemplates = ['POST /api/v1/locks/{id}/dismount'];

export function registerLockDismountRoutes(app: FastifyInstance, context: AppContext): void {
  app.post(
    '/api/v1/locks/:id/dismount',
    {
      schema: {
        tags: ['lock'],
        summary: 'Take a lock off its door',
        description:
          'Clears the lock’s door and sets its status (default `removed`). While the door is on the way in of a customer with an ongoing service the answer is 409 `lock_on_access_path` with `details` naming the door and who loses access (customer names for roles that read customers, otherwise only how many); send `force: true` and a `reason` to go ahead. The audit entry (`dismount`) carries the reason and the customers.',
        params: IdParams,
        body: Type.Object(
          {
            status: Type.Optional(
              Type.Enum(
                lockStatuses.filter((status) => status !== 'installed'),
                { default: 'removed' },
              ),
            ),
            force: Type.Optional(Type.Boolean()),
            reason: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const scope = authorise(actor, 'lock_device', 'update');
      const id = (request.params as { id: string }).id;
      const body = request.body as { status?: string; force?: boolean; reason?: string };
      const reason = body.reason?.trim() ?? '';
      if (body.force && reason.length < minimumDismountReasonLength)
        throw new ApiError(
          422,
          'reason_required',
          'Say why the lock is dismounted anyway (at least 3 characters); it goes into the audit trail.',
          { field: 'reason' },
        );
      return withTransaction(context.pool, async (client) => {
        const before = await findEntity(client, lockEntity, scope, id, { isForUpdate: true });
        if (!before) throw notFound(lockEntity.label);
        if (before.doorId === null)
          throw new ApiError(409, 'not_mounted', 'The lock is not mounted on a door.');
        const values = { status: body.status ?? 'removed', doorId: null, installedAt: null };
        await updateEntity(client, lockEntity, id, values);
        const after = (await findEntity(client, lockEntity, scope, id))!;
        const { accessLost, customerIdsLosingAccess } = await applyRegistryHooks(
          client,
          actor,
          lockEntity,
          before,
          after,
          request.id,
          body.force ? { dismountReason: reason } : {},
        );
        await recordChange(client, actor, {
          action: 'dismount',
          entity: 'lock_device',
          entityId: id,
          before,
          after: {
            ...after,
            ...(reason ? { dismountReason: reason } : {}),
            ...(accessLost
              ? {
                  dismountedDoorId: accessLost.door.id,
                  customersLosingAccess: accessLost.customerCount,
                  // Ids only: the audit trail names records, the registry holds the people.
                  customerIdsLosingAccess,
                }
              : {}),
          },
          requestId: request.id,
        });
        return { lock: after, accessLost: accessLost ?? null };
      });
    },
  );
}
