import { randomBytes } from 'node:crypto';
import {
  checkRegistryRules,
  decideAccess,
  findEntity as findEntityDefinition,
  maxGrantDays,
  registryEntities,
  type Actor,
  type EntityDefinition,
  type Resource,
  type Scope,
} from '@portvakt/core';
import {
  listChosenProviderIds,
  deleteEntity,
  findEntity,
  findMunicipality,
  insertEntity,
  listEntities,
  updateEntity,
  type Queryable,
  type Row,
  type WriteValues,
} from '@portvakt/storage';
import type { FastifyInstance } from 'fastify';
import { recordChange } from '../audit/audit';
import { createListCursors, type ListCursors } from '../platform/list-cursor';
import { applyRegistryHooks, presentedSchema, presentRegistryRows } from './registry-hooks';
import { requireActor, type AppContext } from '../platform/context';
import { ApiError, forbidden, notFound } from '../platform/errors';
import { normaliseIdentityNumber } from '../platform/secrets';
import {
  createBodySchema,
  errorResponses,
  IdParams,
  listQuerySchema,
  pageSchema,
  responseSchema,
  updateBodySchema,
} from '../platform/schemas';
import { withTransaction } from '@portvakt/storage';

/** Decides access or throws 403: the route is closed to this role entirely. */
export function authorise(
  actor: Actor,
  resource: Resource,
  action: 'read' | 'create' | 'update' | 'delete',
): Scope {
  const scope = decideAccess(actor, resource, action);
  if (!scope) throw forbidden();
  return scope;
}

/**
 * Reference fields must point at rows the actor can see (or, for resources the role cannot read
 * at all, at rows of the actor's own municipality). Returns the referenced rows for rule checks.
 */
async function loadReferences(
  db: Queryable,
  actor: Actor,
  entity: EntityDefinition,
  candidate: Row,
): Promise<Record<string, Row | undefined>> {
  const related: Record<string, Row | undefined> = {};
  for (const [field, def] of Object.entries(entity.fields)) {
    if (def.kind.type !== 'uuid') continue;
    const id = candidate[field];
    if (typeof id !== 'string') continue;
    const target = findEntityDefinition(def.kind.references);
    const scope = decideAccess(actor, target.resource, 'read') ?? {
      kind: 'municipality' as const,
      municipalityId: actor.municipalityId,
    };
    const row = await findEntity(db, target, scope, id);
    if (!row) {
      throw new ApiError(422, 'unknown_reference', `No ${target.label} with id ${id}.`, { field });
    }
    related[field] = row;
  }
  // R3.2 rules need to know whom the customer has chosen, and area rules the team's provider.
  if (typeof candidate.customerId === 'string' && entity.resource !== 'customer_service') {
    related.customerProviders = { ids: await listChosenProviderIds(db, candidate.customerId) };
  }
  // The longest individual grant is the municipality's setting (maxGrantDays).
  if (entity.resource === 'access_grant') {
    const municipality = await findMunicipality(db, actor.municipalityId);
    related.grantPolicy = { maxDays: maxGrantDays(municipality?.settings) };
  }
  if (entity.resource === 'area_rule' && related.teamId) {
    related.teamProvider = await findEntity(
      db,
      findEntityDefinition('provider'),
      {
        kind: 'municipality',
        municipalityId: actor.municipalityId,
      },
      related.teamId.providerId as string,
    );
  }
  return related;
}

function checkRules(
  entity: EntityDefinition,
  candidate: Row,
  related: Record<string, Row | undefined>,
): void {
  const violations = checkRegistryRules(entity.resource, candidate, related);
  if (violations.length > 0) {
    throw new ApiError(422, violations[0]!.code, violations.map((v) => v.message).join(' '), violations);
  }
}

/** Moves a write-only identity number into its encrypted and lookup columns. */
function sealIdentityNumber(context: AppContext, values: WriteValues): void {
  if (!('identityNumber' in values)) return;
  const raw = values.identityNumber;
  delete values.identityNumber;
  if (raw === null) {
    values.identityNumberEncrypted = null;
    values.identityNumberLookup = null;
    return;
  }
  const normalised = typeof raw === 'string' ? normaliseIdentityNumber(raw) : undefined;
  if (!normalised) {
    throw new ApiError(400, 'invalid_identity_number', 'The identity number is not a valid personnummer.', {
      field: 'identityNumber',
    });
  }
  values.identityNumberEncrypted = context.fieldCrypto.encrypt(normalised);
  values.identityNumberLookup = context.fieldCrypto.lookupHash(normalised);
}

/** Values the system sets itself on create. */
function systemValues(entity: EntityDefinition, actor: Actor): WriteValues {
  if (entity.resource === 'staff_member') return { pseudonym: `ps-${randomBytes(8).toString('hex')}` };
  const values: WriteValues = {};
  if ('grantedBy' in entity.fields) values.grantedBy = actor.label;
  // Validity is kept in whole minutes and a start is never rounded earlier than given; "from
  // now" therefore means from the start of this minute, so a new grant works at once.
  if ('validFrom' in entity.fields) {
    values.validFrom = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
  }
  return values;
}

/** Registers list/create/read/update/delete for one registry entity. */
function registerEntityRoutes(
  app: FastifyInstance,
  context: AppContext,
  entity: EntityDefinition,
  cursors: ListCursors,
): void {
  const base = `/api/v1/${entity.path}`;
  const item = presentedSchema(entity, responseSchema(entity));
  const tags = [entity.label];

  app.get(
    base,
    {
      schema: {
        tags,
        summary: `List ${entity.label}s`,
        querystring: listQuerySchema(entity),
        response: { 200: pageSchema(item), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const scope = authorise(actor, entity.resource, 'read');
      const { q, sort, cursor, limit, identityNumber, ...filters } = request.query as Record<string, unknown>;
      if (identityNumber !== undefined) {
        const normalised =
          typeof identityNumber === 'string' ? normaliseIdentityNumber(identityNumber) : undefined;
        if (!normalised)
          throw new ApiError(
            400,
            'invalid_identity_number',
            'The identity number is not a valid personnummer.',
          );
        filters.identityNumberLookup = context.fieldCrypto.lookupHash(normalised);
      }
      const sortSpec = typeof sort === 'string' ? sort : entity.defaultSort;
      const isDescending = sortSpec.startsWith('-');
      const sortField = sortSpec.replace(/^-/, '');
      const pageSize = typeof limit === 'number' ? limit : 50;
      const binding = { resource: entity.resource, sort: sortSpec, scope };
      const page = await listEntities(context.pool, entity, scope, {
        filters,
        search: typeof q === 'string' ? q : undefined,
        sort: sortField,
        isDescending,
        limit: pageSize,
        after: typeof cursor === 'string' ? cursors.open(cursor, binding) : undefined,
      });
      const last = page.items.at(-1);
      return {
        items: await presentRegistryRows(context.pool, actor, entity, page.items),
        nextCursor:
          page.hasMore && last && page.lastSortKey !== undefined
            ? cursors.seal({ sortKey: page.lastSortKey, id: last.id as string }, binding)
            : null,
      };
    },
  );

  app.get(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: `Read a ${entity.label}`,
        params: IdParams,
        response: { 200: item, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const scope = authorise(actor, entity.resource, 'read');
      const row = await findEntity(context.pool, entity, scope, (request.params as { id: string }).id);
      if (!row) throw notFound(entity.label);
      return (await presentRegistryRows(context.pool, actor, entity, [row]))[0];
    },
  );

  app.post(
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
      const scope = authorise(actor, entity.resource, 'create');
      const values: WriteValues = { ...systemValues(entity, actor), ...(request.body as WriteValues) };
      sealIdentityNumber(context, values);
      const created = await withTransaction(context.pool, async (client) => {
        // Rules first, so the person gets the rule's own words rather than a constraint name.
        checkRules(entity, values, await loadReferences(client, actor, entity, values));
        const id = await insertEntity(client, entity, actor.municipalityId, values);
        // The new row must fall inside the scope the actor may create in (e.g. their provider).
        const row = await findEntity(client, entity, scope, id);
        if (!row) throw forbidden(`You may not create a ${entity.label} there.`);
        await applyRegistryHooks(client, actor, entity, undefined, row, request.id);
        await recordChange(client, actor, {
          action: 'create',
          entity: entity.resource,
          entityId: id,
          after: row,
          requestId: request.id,
        });
        return row;
      });
      return reply.status(201).send(created);
    },
  );

  app.patch(
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
    async (request) => {
      const actor = requireActor(request);
      const scope = authorise(actor, entity.resource, 'update');
      const id = (request.params as { id: string }).id;
      const values: WriteValues = { ...(request.body as WriteValues) };
      sealIdentityNumber(context, values);
      return withTransaction(context.pool, async (client) => {
        const before = await findEntity(client, entity, scope, id, { isForUpdate: true });
        if (!before) throw notFound(entity.label);
        const candidate = { ...before, ...values };
        checkRules(entity, candidate, await loadReferences(client, actor, entity, candidate));
        await updateEntity(client, entity, id, values);
        const after = await findEntity(client, entity, scope, id);
        if (!after) throw forbidden(`You may not move a ${entity.label} out of your scope.`);
        await applyRegistryHooks(client, actor, entity, before, after, request.id);
        await recordChange(client, actor, {
          action: 'update',
          entity: entity.resource,
          entityId: id,
          before,
          after,
          requestId: request.id,
        });
        return after;
      });
    },
  );

  app.delete(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: `Delete a ${entity.label}`,
        description: 'Refused with 409 still_referenced while anything refers to it.',
        params: IdParams,
        response: { 204: { type: 'null', description: 'Deleted.' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const scope = authorise(actor, entity.resource, 'delete');
      const id = (request.params as { id: string }).id;
      await withTransaction(context.pool, async (client) => {
        const before = await findEntity(client, entity, scope, id, { isForUpdate: true });
        if (!before) throw notFound(entity.label);
        await deleteEntity(client, entity, id);
        await recordChange(client, actor, {
          action: 'delete',
          entity: entity.resource,
          entityId: id,
          before,
          requestId: request.id,
        });
      });
      return reply.status(204).send();
    },
  );
}

/** The registry API: one resource per entity of `registryEntities`. */
export function registerRegistryRoutes(app: FastifyInstance, context: AppContext): void {
  const cursors = createListCursors(context.masterKey);
  for (const entity of registryEntities) registerEntityRoutes(app, context, entity, cursors);
}
