import { checkAccessPath, findEntity as findEntityDefinition } from '@portvakt/core';
import { findEntity, readAccessPath, replaceAccessPath } from '@portvakt/storage';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { recordChange } from '../audit/audit';
import { requireActor, type AppContext } from '../platform/context';
import { ApiError, notFound } from '../platform/errors';
import { authorise } from '../registry/registry.routes';
import { errorResponses, IdParams } from '../platform/schemas';
import { withTransaction } from '@portvakt/storage';

const Step = Type.Object({
  position: Type.Integer(),
  doorId: Type.String({ format: 'uuid' }),
  kind: Type.String(),
  label: Type.String(),
  propertyId: Type.String({ format: 'uuid' }),
  lockId: Type.Union([Type.String(), Type.Null()]),
  lockSerial: Type.Union([Type.String(), Type.Null()]),
});
const AccessPath = Type.Object({ customerId: Type.String({ format: 'uuid' }), doors: Type.Array(Step) });

const customerEntity = findEntityDefinition('customer');
const doorEntity = findEntityDefinition('door');

/** A customer's access path: the entrances, key safe and apartment door on the way in (R3.4). */
export function registerAccessPathRoutes(app: FastifyInstance, context: AppContext): void {
  app.get(
    '/api/v1/customers/:id/access-path',
    {
      schema: {
        tags: ['customer'],
        summary: 'The doors on the way in to a customer',
        params: IdParams,
        response: { 200: AccessPath, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const scope = authorise(actor, 'access_path', 'read');
      const id = (request.params as { id: string }).id;
      if (!(await findEntity(context.pool, customerEntity, scope, id))) throw notFound('customer');
      return { customerId: id, doors: await readAccessPath(context.pool, id) };
    },
  );

  app.put(
    '/api/v1/customers/:id/access-path',
    {
      schema: {
        tags: ['customer'],
        summary: 'Replace the doors on the way in to a customer, in order',
        params: IdParams,
        body: Type.Object(
          { doorIds: Type.Array(Type.String({ format: 'uuid' }), { maxItems: 20 }) },
          { additionalProperties: false },
        ),
        response: { 200: AccessPath, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const scope = authorise(actor, 'access_path', 'update');
      const id = (request.params as { id: string }).id;
      const { doorIds } = request.body as { doorIds: string[] };
      return withTransaction(context.pool, async (client) => {
        const customer = await findEntity(client, customerEntity, scope, id, { isForUpdate: true });
        if (!customer) throw notFound('customer');
        const doors = [];
        for (const doorId of doorIds) {
          const door = await findEntity(
            client,
            doorEntity,
            { kind: 'municipality', municipalityId: actor.municipalityId },
            doorId,
          );
          if (!door)
            throw new ApiError(422, 'unknown_reference', `No door with id ${doorId}.`, { field: 'doorIds' });
          doors.push({ id: doorId, kind: door.kind as string, propertyId: door.propertyId as string });
        }
        const violations = checkAccessPath(doors, {
          apartmentDoorId: (customer.apartmentDoorId as string | null) ?? null,
          residencePropertyId: (customer.residencePropertyId as string | null) ?? null,
          hasRefusedLock: customer.hasRefusedLock as boolean,
        });
        if (violations.length > 0)
          throw new ApiError(422, violations[0]!.code, violations[0]!.message, violations);
        const before = await readAccessPath(client, id);
        await replaceAccessPath(client, id, doorIds);
        const after = await readAccessPath(client, id);
        await recordChange(client, actor, {
          action: 'update',
          entity: 'access_path',
          entityId: id,
          before: before.map((step) => step.doorId),
          after: after.map((step) => step.doorId),
          requestId: request.id,
        });
        return { customerId: id, doors: after };
      });
    },
  );
}
