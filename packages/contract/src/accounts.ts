// Accounts: who is logged in, user accounts and API tokens, as the API returns them. Roles are
// plain strings here; their list lives in core (`roles`, `tokenRoles`), which the server's
// request schemas and the console both use.
import { Type, type Static } from 'typebox';

const NullableText = Type.Union([Type.String(), Type.Null()]);
const NullableId = Type.Union([Type.String({ format: 'uuid' }), Type.Null()]);

/** The logged-in user, as login returns it. */
export const LoggedInUser = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  municipalityId: Type.String(),
  providerId: NullableText,
  staffMemberId: NullableText,
  propertyOwnerId: NullableText,
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
  role: Type.String(),
  municipalityId: Type.String(),
  providerId: NullableText,
  staffMemberId: NullableText,
  propertyOwnerId: NullableText,
  isReadOnly: Type.Boolean(),
});

export const UserAccount = Type.Object({
  id: Type.String({ format: 'uuid' }),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  providerId: NullableId,
  staffMemberId: NullableId,
  propertyOwnerId: NullableId,
  isDisabled: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const ApiTokenRow = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  tokenPrefix: Type.String(),
  role: Type.String(),
  providerId: NullableText,
  isReadOnly: Type.Boolean(),
  createdBy: Type.String(),
  createdAt: Type.String(),
  expiresAt: NullableText,
  revokedAt: NullableText,
  lastUsedAt: NullableText,
});

export const CreatedApiToken = Type.Object({
  token: Type.String({ description: 'The secret, shown only in this response.' }),
  apiToken: ApiTokenRow,
});

export type LoggedInUser = Static<typeof LoggedInUser>;
export type CurrentActor = Static<typeof CurrentActor>;
export type UserAccount = Static<typeof UserAccount>;
export type ApiTokenRow = Static<typeof ApiTokenRow>;
