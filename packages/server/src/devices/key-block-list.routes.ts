// Whether the locks have learnt that a key is blocked: for a blocked or lost key, how many of the
// locks that matter for it (on the ways in of its provider's customers) have reported a block-list
// version that contains it, and which lag. For work leads about their own provider's keys, whose
// console otherwise has no view of the block list.
import { decideAccess, findEntity as findEntityDefinition, policy } from '@portvakt/core';
import { findEntity, readKeyBlockListReach } from '@portvakt/storage';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireActor, type AppContext } from '../platform/context';
import { forbidden, notFound } from '../platform/errors';
import { authorise } from '../registry/registry.routes';
import { errorResponses, IdParams } from '../platform/schemas';

const keyEntity = findEntityDefinition('digital_key');

/** Route templates this file adds (role × scope in key-block-list.test.ts). */
export const keyBlockListRouteTemplates = ['GET /api/v1/keys/{id}/block-list-status'];

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export function registerKeyBlockListRoutes(app: FastifyInstance, context: AppContext): void {
  app.get(
    '/api/v1/keys/:id/block-list-status',
    {
      schema: {
        tags: ['devices'],
        summary: 'How far a blocked key’s block-list entry has reached the locks that matter for it',
        description:
          'Relevant locks: installed locks on the doors of the way in of customers the key’s provider serves (ongoing or agreed services). `confirmed` counts those that reported a version at or above the one the key entered in. Lock ids and serials only for roles that read locks; doors by label, kind and street address (as on the customer pages). For roles that read the block list, and for those who manage the key (work leads: their provider’s keys).',
        params: IdParams,
        response: {
          200: Type.Object({
            keyId: Type.String(),
            status: Type.String(),
            currentVersion: Type.Integer(),
            isOnBlockList: Type.Boolean(),
            addedInVersion: Type.Union([Type.Integer(), Type.Null()]),
            blockedAt: Nullable(Type.String({ format: 'date-time' })),
            reason: Nullable(Type.String()),
            relevantLocks: Type.Integer(),
            confirmed: Type.Integer(),
            lagging: Type.Array(
              Type.Object({
                lockId: Nullable(Type.String()),
                serial: Nullable(Type.String()),
                lockNumber: Type.Union([Type.Integer(), Type.Null()]),
                doorLabel: Type.String(),
                doorKind: Type.String(),
                streetAddress: Type.String(),
                reportedVersion: Type.Union([Type.Integer(), Type.Null()]),
                reportedAt: Nullable(Type.String({ format: 'date-time' })),
              }),
              {
                description:
                  'Relevant locks that have not reported the key’s version, most behind first (up to 200).',
              },
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const scope = authorise(actor, 'digital_key', 'read');
      // By role, so a read-only token reads what its role reads: the block list's readers, or
      // those who manage keys (a staff member reading their own key is neither).
      const readsList = decideAccess(actor, 'block_list', 'read') !== null;
      if (!readsList && policy.digital_key[actor.role]?.update === undefined)
        throw forbidden('Your role does not see how far the block list has reached.');
      const id = (request.params as { id: string }).id;
      // Scope first: a work lead asking about another provider's key learns nothing (404).
      const key = await findEntity(context.pool, keyEntity, scope, id);
      if (!key) throw notFound(keyEntity.label);
      const reach = await readKeyBlockListReach(context.pool, actor.municipalityId, {
        id,
        providerId: key.providerId as string,
      });
      const needed = reach.entry?.addedInVersion;
      const lagging =
        needed === undefined
          ? reach.locks
          : reach.locks.filter((lock) => (lock.reportedVersion ?? 0) < needed);
      const readsLocks = decideAccess(actor, 'lock_device', 'read')?.kind === 'municipality';
      return {
        keyId: id,
        status: key.status as string,
        currentVersion: reach.version,
        isOnBlockList: reach.entry !== undefined,
        addedInVersion: needed ?? null,
        blockedAt: reach.entry?.blockedAt ?? null,
        reason: reach.entry?.reason ?? null,
        relevantLocks: reach.locks.length,
        confirmed: reach.locks.length - lagging.length,
        lagging: lagging.slice(0, 200).map((lock) => ({
          ...lock,
          lockId: readsLocks ? lock.lockId : null,
          serial: readsLocks ? lock.serial : null,
        })),
      };
    },
  );
}
