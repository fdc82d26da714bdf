// POST /api/v1/locks/{id}/dismount: the use case is dismount-lock.ts.
import { lockStatuses } from '@portvakt/core';
import { LockDismountResult } from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { type AppContext } from '../platform/context';
import { callUseCase, inputFrom } from '../platform/call-use-case';
import { declareRoutes } from '../platform/declare-routes';
import { dismountLock } from './dismount-lock';

/** Route templates this file adds (role × scope in lock-dismount.test.ts). */
export const lockDismountRouteTemplates = ['POST /api/v1/locks/{id}/dismount'];

export function registerLockDismountRoutes(app: FastifyInstance, context: AppContext): void {
  declareRoutes(app, { tags: ['lock'], context, pathParams: 'uuid' }).post('/api/v1/locks/:id/dismount', {
    summary: 'Take a lock off its door',
    description:
      'Clears the lock’s door and sets its status (default `removed`). While the door is on the way in of a customer with an ongoing service the answer is 409 `lock_on_access_path` with `details` naming the door and who loses access (customer names for roles that read customers, otherwise only how many); send `force: true` and a `reason` to go ahead. The audit entry (`dismount`) carries the reason and the customers.',
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
    response: LockDismountResult,
    handle: callUseCase(dismountLock, inputFrom.bodyWithId()),
  });
}
