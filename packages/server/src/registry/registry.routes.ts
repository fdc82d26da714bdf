import { registryEntities, type EntityDefinition } from '@portvakt/core';
import { errorResponses } from '@portvakt/contract';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireActor, type AppContext } from '../platform/context';
import { createListCursors, type ListCursors } from '../platform/list-cursor';
import { IdParams } from '../platform/schemas';
import { createRegistryEntity } from './create-registry-entity';
import { deleteRegistryEntity } from './delete-registry-entity';
import { createBodySchema, listQuerySchema, pageSchema, rowSchema, updateBodySchema } from './entity-schemas';
import { listRegistryEntities } from './list-registry-entities';
import { readRegistryEntity } from './read-registry-entity';
import { updateRegistryEntity } from './update-registry-entity';

/** Registers list/create/read/update/delete for one registry entity. */
function registerEntityRoutes(
  app: FastifyInstance,
  context: AppContext,
  entity: EntityDefinition,
  cursors: ListCursors,
): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const base = `/api/v1/${entity.path}`;
  const item = rowSchema(entity);
  const tags = [entity.label];
  const db = context.pool;
  const { fieldCrypto } = context;

  typed.get(
    base,
    {
      schema: {
        tags,
        summary: `List ${entity.label}s`,
        querystring: listQuerySchema(entity),
        response: { 200: pageSchema(item), ...errorResponses },
      },
    },
    async (request) =>
      listRegistryEntities({
        db,
        actor: requireActor(request),
        entity,
        input: request.query,
        cursors,
        fieldCrypto,
      }),
  );

  typed.get(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: `Read a ${entity.label}`,
        params: IdParams,
        response: { 200: item, ...errorResponses },
      },
    },
    async (request) =>
      readRegistryEntity({ db, actor: requireActor(request), entity, input: request.params }),
  );

  typed.post(
    base,
    {
      schema: {
        tags,
        summary: `Create a ${entity.label}`,
        body: createBodySchema(entity),
        response: { 201: item, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const input = request.body;
      const created = await createRegistryEntity({
        db,
        actor,
        entity,
        input,
        fieldCrypto,
        requestId: request.id,
      });
      return reply.status(201).send(created);
    },
  );

  typed.patch(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: `Change a ${entity.label}`,
        params: IdParams,
        body: updateBodySchema(entity),
        response: { 200: item, ...errorResponses },
      },
    },
    async (request) =>
      updateRegistryEntity({
        db,
        actor: requireActor(request),
        entity,
        input: { id: request.params.id, values: request.body },
        fieldCrypto,
        requestId: request.id,
      }),
  );

  typed.delete(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: `Delete a ${entity.label}`,
        description: 'Refused with 409 still_referenced while anything refers to it.',
        params: IdParams,
        response: { 204: Type.Null({ description: 'Deleted.' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await deleteRegistryEntity({ db, actor, entity, input: request.params, requestId: request.id });
      return reply.status(204).send(null);
    },
  );
}

/** The registry API: one resource per entity of `registryEntities`. */
export function registerRegistryRoutes(app: FastifyInstance, context: AppContext): void {
  const cursors = createListCursors(context.masterKey);
  for (const entity of registryEntities) registerEntityRoutes(app, context, entity, cursors);
}
