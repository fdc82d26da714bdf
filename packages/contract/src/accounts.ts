// Accounts: who is logged in, user accounts and API tokens, as the API returns them. Roles are
// plain strings here; their list lives in core (`roles`, `tokenRoles`), which the server's
// request schemas and the console both use.
import { Type, type Static } from 'typebox';
import { orNull, timestamp, uuid } from './schema-parts';

/** What a user or token acts as: its role and what that role is bound to (its scope's ids). */
const actingAs = {
  role: Type.String(),
  municipalityId: Type.String(),
  providerId: orNull(Type.String()),
  staffMemberId: orNull(Type.String()),
  propertyOwnerId: orNull(Type.String()),
  locksmithCompanyId: Type.Optional(orNull(Type.String())),
};

/** The logged-in user, as login returns it. */
export const LoggedInUser = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  ...actingAs,
});

export const LoginResponse = Type.Object({
  user: LoggedInUser,
  csrfToken: Type.String({ description: 'Send as X-CSRF-Token on changes.' }),
});

/** Who is making the request: a user or an API token (GET /auth/me). */
export const CurrentActor = Type.Object({
  kind: Type.String(),
  id: Type.String(),
  label: Type.String(),
  displayName: orNull(
    Type.String({ description: "A user's name as people know them; null for a token or a blank name." }),
  ),
  ...actingAs,
  isReadOnly: Type.Boolean(),
});

export const UserAccount = Type.Object({
  id: uuid(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  providerId: orNull(uuid()),
  staffMemberId: orNull(uuid()),
  propertyOwnerId: orNull(uuid()),
  locksmithCompanyId: orNull(uuid()),
  isDisabled: Type.Boolean(),
  createdAt: timestamp(),
  updatedAt: timestamp(),
});

export const ApiTokenRow = Type.Object({
  id: uuid(),
  name: Type.String(),
  tokenPrefix: Type.String(),
  role: Type.String(),
  providerId: orNull(Type.String()),
  isReadOnly: Type.Boolean(),
  createdBy: Type.String(),
  createdAt: Type.String(),
  expiresAt: orNull(Type.String()),
  revokedAt: orNull(Type.String()),
  lastUsedAt: orNull(Type.String()),
});

export const CreatedApiToken = Type.Object({
  token: Type.String({ description: 'The secret, shown only in this response.' }),
  apiToken: ApiTokenRow,
});

export type LoggedInUser = Static<typeof LoggedInUser>;
export type CurrentActor = Static<typeof CurrentActor>;
export type UserAccount = Static<typeof UserAccount>;
export type ApiTokenRow = Static<typeof ApiTokenRow>;
