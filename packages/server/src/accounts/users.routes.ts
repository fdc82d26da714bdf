import { roles, type Actor } from '@portvakt/core';
import {
  deleteUserSessions,
  findEntity,
  findUser,
  insertUser,
  listUsers,
  updateUser,
  type Queryable,
} from '@portvakt/storage';
import { findEntity as findEntityDefinition } from '@portvakt/core';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { recordChange } from '../audit/audit';
import { requireActor, type AppContext } from '../platform/context';
import { ApiError, notFound } from '../platform/errors';
import { checkPasswordStrength, hashPassword } from './passwords';
import { authorise } from '../registry/registry.routes';
import { errorResponses, IdParams } from '../platform/schemas';
import { withTransaction } from '@portvakt/storage';

const RoleSchema = Type.Enum([...roles]);
const NullableId = Type.Union([Type.String({ format: 'uuid' }), Type.Null()]);

const User = Type.Object({
  id: Type.String({ format: 'uuid' }),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  providerId: NullableId,
  staffMemberId: NullableId,
  propertyOwnerId: NullableId,
  isDisabled: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

const NewUser = Type.Object(
  {
    username: Type.String({
      pattern: '^[a-z0-9._-]{3,60}$',
      description: 'Lower-case letters, digits, . _ -',
    }),
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.String({ minLength: 12, maxLength: 200 }),
    role: RoleSchema,
    providerId: Type.Optional(NullableId),
    staffMemberId: Type.Optional(NullableId),
    propertyOwnerId: Type.Optional(NullableId),
  },
  { additionalProperties: false },
);

const UserPatch = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    isDisabled: Type.Optional(Type.Boolean()),
    password: Type.Optional(Type.String({ minLength: 12, maxLength: 200 })),
  },
  { additionalProperties: false, minProperties: 1 },
);

async function checkExists(
  db: Queryable,
  actor: Actor,
  resource: 'provider' | 'staff_member' | 'property_owner',
  id: string | null | undefined,
) {
  if (!id) return undefined;
  const row = await findEntity(
    db,
    findEntityDefinition(resource),
    { kind: 'municipality', municipalityId: actor.municipalityId },
    id,
  );
  if (!row) throw new ApiError(422, 'unknown_reference', `No ${resource.replace('_', ' ')} with id ${id}.`);
  return row;
}

/** User accounts of the municipality, managed by its administrators. */
export function registerUserRoutes(app: FastifyInstance, context: AppContext): void {
  app.get(
    '/api/v1/users',
    {
      schema: {
        tags: ['users'],
        summary: 'List user accounts',
        querystring: Type.Object(
          { role: Type.Optional(RoleSchema), providerId: Type.Optional(Type.String({ format: 'uuid' })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(User) }), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorise(actor, 'user_account', 'read');
      return {
        items: await listUsers(
          context.pool,
          actor.municipalityId,
          request.query as { role?: string; providerId?: string },
        ),
      };
    },
  );

  app.get(
    '/api/v1/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Read a user account',
        params: IdParams,
        response: { 200: User, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorise(actor, 'user_account', 'read');
      const user = await findUser(context.pool, actor.municipalityId, (request.params as { id: string }).id);
      if (!user) throw notFound('user');
      return user;
    },
  );

  app.post(
    '/api/v1/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a user account',
        body: NewUser,
        response: { 201: User, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorise(actor, 'user_account', 'create');
      const body = request.body as {
        username: string;
        displayName: string;
        password: string;
        role: (typeof roles)[number];
        providerId?: string | null;
        staffMemberId?: string | null;
        propertyOwnerId?: string | null;
      };
      const weakness = checkPasswordStrength(body.password);
      if (weakness) throw new ApiError(400, 'weak_password', weakness);
      const passwordHash = await hashPassword(body.password);
      const created = await withTransaction(context.pool, async (client) => {
        await checkExists(client, actor, 'provider', body.providerId);
        const staff = await checkExists(client, actor, 'staff_member', body.staffMemberId);
        await checkExists(client, actor, 'property_owner', body.propertyOwnerId);
        if ((body.role === 'work_lead' || body.role === 'staff') && !body.providerId) {
          throw new ApiError(
            422,
            'provider_required',
            'Work leads and staff act for one provider: give providerId.',
          );
        }
        if (body.role === 'staff' && (!staff || staff.providerId !== body.providerId)) {
          throw new ApiError(
            422,
            'staff_member_required',
            'A staff account needs the staff member of the same provider.',
          );
        }
        if (body.role === 'property_owner' && !body.propertyOwnerId) {
          throw new ApiError(
            422,
            'property_owner_required',
            'A property-owner account needs propertyOwnerId.',
          );
        }
        const id = await insertUser(client, { ...body, municipalityId: actor.municipalityId, passwordHash });
        const user = (await findUser(client, actor.municipalityId, id))!;
        await recordChange(client, actor, {
          action: 'create',
          entity: 'user_account',
          entityId: id,
          after: user,
          requestId: request.id,
        });
        return user;
      });
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Change, disable or reset the password of a user account',
        params: IdParams,
        body: UserPatch,
        response: { 200: User, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorise(actor, 'user_account', 'update');
      const id = (request.params as { id: string }).id;
      const body = request.body as { displayName?: string; isDisabled?: boolean; password?: string };
      if (body.password) {
        const weakness = checkPasswordStrength(body.password);
        if (weakness) throw new ApiError(400, 'weak_password', weakness);
      }
      if (id === actor.id && body.isDisabled)
        throw new ApiError(422, 'cannot_disable_self', 'You cannot disable your own account.');
      const passwordHash = body.password ? await hashPassword(body.password) : undefined;
      return withTransaction(context.pool, async (client) => {
        const before = await findUser(client, actor.municipalityId, id);
        if (!before) throw notFound('user');
        await updateUser(client, id, {
          displayName: body.displayName,
          isDisabled: body.isDisabled,
          passwordHash,
        });
        if (body.isDisabled || passwordHash) await deleteUserSessions(client, id);
        const after = (await findUser(client, actor.municipalityId, id))!;
        await recordChange(client, actor, {
          action: passwordHash ? 'reset_password' : 'update',
          entity: 'user_account',
          entityId: id,
          before,
          after,
          requestId: request.id,
        });
        return after;
      });
    },
  );
}
