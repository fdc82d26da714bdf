import { registryEntities, type EntityDefinition } from '@portvakt/core';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { type AppContext } from '../platform/context';
import { declareRoutes } from '../platform/declare-routes';
import { createListCursors, type ListCursors } from '../platform/list-cursor';
import { IdParams } from '../platform/schemas';
import { createRegistryEntity } from './create-registry-entity';
import { deleteRegistryEntity } from './delete-registry-entity';
import { createBodySchema, listQuerySchema, pageSchema, rowSchema, updateBodySchema } from './entity-schemas';
import { listRegistryEntities } from './list-registry-entities';
import { readRegistryEntity } from './read-registry-entity';
import { updateRegistryEntity } from './update-registry-entity';

/** What a delete of these resources refuses besides references (core's removal rules). */
const deleteRefusals: Partial<Record<EntityDefinition['resource'], string>> = {
  access_grant: ' Refused with 409 already_started once the grant has begun: end it instead.',
  team_membership: ' Refused with 409 already_started once the membership has begun: end it instead.',
  customer_service:
    ' Refused with 409 already_started once the first day (startsOn) is before today (local): it records who served the customer, so end it instead.',
};

/** Registers list/create/read/update/delete for one registry entity. */
function registerEntityRoutes(
  app: FastifyInstance,
  context: AppContext,
  entity: EntityDefinition,
  cursors: ListCursors,
): void {
  const routes = declareRoutes(app, { tags: [entity.label], context });
  const base = `/api/v1/${entity.path}`;
  const item = rowSchema(entity);
  const { fieldCrypto } = context;

  routes.get(base, {
    summary: `List ${entity.label}s`,
    querystring: listQuerySchema(entity),
    response: pageSchema(item),
    handle: async ({ request, options }) =>
      listRegistryEntities({ ...options, entity, input: request.query, cursors, fieldCrypto }),
  });

  routes.get(`${base}/:id`, {
    summary: `Read a ${entity.label}`,
    params: IdParams,
    response: item,
    handle: async ({ request, options }) => readRegistryEntity({ ...options, entity, input: request.params }),
  });

  routes.post(base, {
    summary: `Create a ${entity.label}`,
    body: createBodySchema(entity),
    response: item,
    status: 201,
    handle: async ({ request, options }) =>
      createRegistryEntity({ ...options, entity, input: request.body, fieldCrypto }),
  });

  routes.patch(`${base}/:id`, {
    summary: `Change a ${entity.label}`,
    params: IdParams,
    body: updateBodySchema(entity),
    response: item,
    handle: async ({ request, options }) =>
      updateRegistryEntity({
        ...options,
        entity,
        input: { id: request.params.id, values: request.body },
        fieldCrypto,
      }),
  });

  routes.delete(`${base}/:id`, {
    summary: `Delete a ${entity.label}`,
    description: `Refused with 409 still_referenced while anything refers to it.${deleteRefusals[entity.resource] ?? ''}`,
    params: IdParams,
    response: Type.Null({ description: 'Deleted.' }),
    status: 204,
    handle: async ({ request, options }) =>
      deleteRegistryEntity({ ...options, entity, input: request.params }),
  });
}

/** The registry API: one resource per entity of `registryEntities`. */
export function registerRegistryRoutes(app: FastifyInstance, context: AppContext): void {
  const cursors = createListCursors(context.masterKey);
  for (const entity of registryEntities) registerEntityRoutes(app, context, entity, cursors);
}
