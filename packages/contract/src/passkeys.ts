// Passkeys (WebAuthn, docs/sign-in.md "Passkeys"): an account's passkeys, the ceremonies' options
// and answers as the browser's WebAuthn JSON spells them, and the municipality's setting.
import { Type, type Static } from 'typebox';
import { orNull, timestamp, uuid } from './schema-parts';

/** A passkey as its owner and administrators see it: never its key material. */
export const PasskeyRow = Type.Object({
  id: uuid(),
  name: Type.String(),
  deviceType: Type.Union([Type.Literal('singleDevice'), Type.Literal('multiDevice')]),
  isBackedUp: Type.Boolean(),
  createdAt: timestamp(),
  lastUsedAt: orNull(timestamp()),
});

/** An account's passkeys and whether its role must sign in with one. */
export const PasskeyList = Type.Object({
  items: Type.Array(PasskeyRow),
  isRequired: Type.Boolean({ description: 'The municipality requires a passkey of this account’s role.' }),
});

/**
 * A ceremony's start: the challenge's id (sent back with the answer) and the options to hand to
 * the browser's WebAuthn (`@simplewebauthn/browser`'s `startRegistration`/`startAuthentication`).
 */
export const PasskeyCeremony = Type.Object({
  challengeId: uuid(),
  options: Type.Record(Type.String(), Type.Unknown()),
});

/** A WebAuthn answer as the browser's JSON spells it; checked by the server's WebAuthn library. */
const webAuthnResponse = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 1400, pattern: '^[A-Za-z0-9_-]+$' }),
    rawId: Type.String({ minLength: 1, maxLength: 1400 }),
    type: Type.Literal('public-key'),
    response: Type.Record(Type.String(), Type.Unknown()),
    clientExtensionResults: Type.Record(Type.String(), Type.Unknown()),
    authenticatorAttachment: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);

/** Registering a passkey: the challenge answered, the attestation, and the owner's name for it. */
export const PasskeyRegistration = Type.Object(
  {
    challengeId: uuid(),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    response: webAuthnResponse,
  },
  { additionalProperties: false },
);

/** Starting a sign-in: with a username, only that account's passkeys may answer. */
export const PasskeySignInStart = Type.Object(
  { username: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) },
  { additionalProperties: false },
);

/** Signing in: the challenge answered and the assertion. */
export const PasskeySignIn = Type.Object(
  { challengeId: uuid(), response: webAuthnResponse },
  { additionalProperties: false },
);

/** An administrator's reset of another account's passkeys. */
export const PasskeyReset = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);

export const PasskeyResetResult = Type.Object({ removed: Type.Integer({ minimum: 0 }) });

/** The municipality setting (PATCH /api/v1/municipality `settings`). */
export const passkeySettingsProperties = {
  passkeysRequiredForAdmins: Type.Optional(
    Type.Boolean({
      description:
        'Municipality admins, lock managers, work leads and auditors must sign in with a passkey (default false).',
    }),
  ),
};

export type PasskeyRow = Static<typeof PasskeyRow>;
export type PasskeyList = Static<typeof PasskeyList>;
export type PasskeyCeremony = Static<typeof PasskeyCeremony>;
export type PasskeyRegistration = Static<typeof PasskeyRegistration>;
export type PasskeySignIn = Static<typeof PasskeySignIn>;
