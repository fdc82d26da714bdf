import { UserAccount } from '@portvakt/contract';
import { roles } from '@portvakt/core';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../platform/context';
import { declareResourceRoutes } from '../platform/declare-resource-routes';
import { declareRoutes } from '../platform/declare-routes';
import { listSchema } from '../platform/schemas';
import { callUseCase, inputFrom } from '../platform/call-use-case';
import { createUser } from './create-user';
import { listUsers } from './list-users';
import { readUser } from './read-user';
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
    locksmithCompanyId: Type.Optional(NullableId),
  },
  { additionalProperties: false },
);

const UserPatch = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    isDisabled: Type.Optional(Type.Boolean()),
    password: Type.Optional(Type.String({ minLength: 12, maxLength: 200 })),
    locksmithCompanyId: Type.Optional(NullableId),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** User accounts of the municipality, managed by its administrators. */
export function registerUserRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = declareRoutes(app, { tags: ['users'], context, pathParams: 'uuid' });

  routes.get('/api/v1/users', {
    summary: 'List user accounts',
    querystring: UserQuery,
    response: listSchema(UserAccount),
    handle: callUseCase(listUsers, inputFrom.query),
  });

  routes.get('/api/v1/users/:id', {
    summary: 'Read a user account',
    response: UserAccount,
    handle: callUseCase(readUser, inputFrom.params),
  });

  const users = declareResourceRoutes(routes, '/api/v1/users', 'user_account');

  users.create({
    summary: 'Create a user account',
    body: NewUser,
    response: UserAccount,
    useCase: createUser,
  });

  users.update({
    summary: 'Change, disable or reset the password of a user account',
    body: UserPatch,
    response: UserAccount,
    useCase: updateUser,
  });
}
