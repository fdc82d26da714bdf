// OpenID Connect sign-in through the municipality's identity provider (docs/oidc.md): the admin's
// configuration (the client secret goes in, never out), accounts' pre-set claim values, and the
// list the login page shows its buttons from.
import { Type, type Static } from 'typebox';
import { orNull, timestamp, uuid } from './schema-parts';

export const OidcConfigBody = Type.Object(
  {
    issuerUrl: Type.String({
      minLength: 1,
      maxLength: 500,
      description: 'https:// issuer; discovery is read from it.',
    }),
    clientId: Type.String({ minLength: 1, maxLength: 200 }),
    clientSecret: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 500,
        description: 'Required the first time; left out keeps the stored one.',
      }),
    ),
    matchClaim: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'The ID token claim matched against accounts: sub, email, employee_number, …',
    }),
    isEnabled: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type OidcConfigBody = Static<typeof OidcConfigBody>;

/** The configuration as an admin reads it: whether a secret is stored, never the secret. */
export const OidcConfigView = Type.Object({
  issuerUrl: Type.String(),
  clientId: Type.String(),
  hasClientSecret: Type.Boolean(),
  matchClaim: Type.String(),
  isEnabled: Type.Boolean(),
  redirectUri: Type.String({ description: 'Register this at the identity provider.' }),
  updatedAt: timestamp(),
});
export type OidcConfigView = Static<typeof OidcConfigView>;

export const OidcLinkBody = Type.Object(
  {
    claimValue: Type.String({
      minLength: 1,
      maxLength: 300,
      description: "The account's value of the configured claim; stored only as a keyed hash.",
    }),
  },
  { additionalProperties: false },
);

/** An account's link; the pre-set value is not returned (it may be a personal identity number). */
export const OidcLinkRow = Type.Object({
  userId: uuid(),
  isLinked: Type.Boolean({ description: 'Whether a sign-in has recorded the provider subject yet.' }),
  linkedAt: orNull(timestamp()),
  createdAt: timestamp(),
});
export type OidcLinkRow = Static<typeof OidcLinkRow>;

/** A municipality whose people can sign in through its identity provider (public, for the login page). */
export const OidcMunicipality = Type.Object({ code: Type.String(), name: Type.String() });
export type OidcMunicipality = Static<typeof OidcMunicipality>;
