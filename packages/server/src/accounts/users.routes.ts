import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { errorResponses, UserAccount } from '@portvakt/contract';
import { roles } from '@portvakt/core';
import { findUser, listUsers } from '@portvakt/storage';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { authorise } from '../platform/authorise';
import { requireActor, type AppContext } from '../platform/context';
import { notFound } from '../platform/errors';
import { IdParams } from '../platform/schemas';
import { createUser } from './create-user';
import { updateUser } from './update-user';

const RoleSchema = Type.Enum([...roles]);
const NullableId = Type.Union([Type.String({ format: 'uuid' }), Type.Null()]);

const UserQuery = Type.Object(
  { role: Type.Optional(RoleSchema), providerId: Type.Optional(Type.String({ format: 'uuid' })) },
  { additionalProperties: false },
);

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

/** User accounts of the municipality, managed by its administrators. */
export function registerUserRoutes(app: FastifyInstance, context: AppContext): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();

  typed.get(
    '/api/v1/users',
    {
      schema: {
        tags: ['users'],
        summary: 'List user accounts',
        querystring: UserQuery,
        response: { 200: Type.Object({ items: Type.Array(UserAccount) }), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorise(actor, 'user_account', 'read');
      return { items: await listUsers(context.pool, actor.municipalityId, request.query) };
    },
  );

  typed.get(
    '/api/v1/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Read a user account',
        params: IdParams,
        response: { 200: UserAccount, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorise(actor, 'user_account', 'read');
      const user = await findUser(context.pool, actor.municipalityId, request.params.id);
      if (!user) throw notFound('user');
      return user;
    },
  );

  typed.post(
    '/api/v1/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a user account',
        body: NewUser,
        response: { 201: UserAccount, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorise(actor, 'user_account', 'create');
      const user = await createUser({ db: context.pool, actor, input: request.body, requestId: request.id });
      return reply.status(201).send(user);
    },
  );

  typed.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Change, disable or reset the password of a user account',
        params: IdParams,
        body: UserPatch,
        response: { 200: UserAccount, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorise(actor, 'user_account', 'update');
      return updateUser({
        db: context.pool,
        actor,
        input: { id: request.params.id, change: request.body },
        requestId: request.id,
      });
    },
  );
}
