// The device gateway's shapes: what activation boxes, sync stations and phones send and get.
import { Type } from 'typebox';
import { orNull, timestamp } from './schema-parts';

/** Bytes on the wire: unpadded base64url. */
export const Base64Url = (description: string, maxLength = 4096) =>
  Type.String({ pattern: '^[A-Za-z0-9_-]+$', maxLength, description });

/** A gateway refusal: `code` is a protocol reason devices act on (docs/protocol.md). */
/**
 * A device gateway refusal. `details` is what the general API error carries for the same code
 * (e.g. the fields a `validation_failed` names, the open visit of `visit_already_open`).
 */
export const DeviceRefusalBody = Type.Object({
  code: Type.String(),
  message: Type.String(),
  details: Type.Optional(Type.Unknown()),
});

/** A fresh ticket with the signed block list and issuer key set (activation, sync, phone login). */
export const CredentialsReply = Type.Object({
  ticket: Base64Url('COSE_Sign1 access ticket', 16_384),
  blockList: Base64Url('COSE_Sign1 signed block list', 65_536),
  issuerKeySet: Base64Url('COSE_Sign1 signed issuer key set', 16_384),
  expiresAt: Type.String({ format: 'date-time' }),
  lockCount: Type.Integer(),
});

export const ActivateBody = Type.Object(
  {
    request: Base64Url('credential request (purpose activation) signed by the key', 512),
    pin: Type.String({ maxLength: 16 }),
  },
  { additionalProperties: false },
);

export const SetPinBody = Type.Object(
  {
    request: Base64Url('credential request (purpose activation) signed by the key', 512),
    code: Type.String({ pattern: '^[0-9]{8}$' }),
    pin: Type.String({ maxLength: 16 }),
  },
  { additionalProperties: false },
);

export const SyncBody = Type.Object(
  { request: Base64Url('credential request (purpose sync) signed by the key', 512) },
  { additionalProperties: false },
);

export const PhoneLoginBody = Type.Object(
  {
    request: Base64Url('credential request (purpose login) signed by the phone’s key', 512),
    username: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

/**
 * A time attestation for a lock's challenge. The asking device names itself: a phone (or key) by
 * `request`, a credential request (purpose sync) it signed; a box or station by signing the HTTP
 * request (headers) and leaving `request` out. The lock is then looked up in that device's
 * municipality only (lock numbers are per municipality).
 */
export const TimeBody = Type.Object(
  {
    challenge: Base64Url('the lock’s challenge as sent', 256),
    request: Type.Optional(
      Base64Url('phones: credential request (purpose sync) signed by the phone’s key', 512),
    ),
  },
  { additionalProperties: false },
);

export const TimeReply = Type.Object({ attestation: Base64Url('COSE_Sign1 time attestation', 1024) });

/** A phone's check-in or check-out: the visit check it signed (docs/protocol.md §7.1). */
export const VisitCheckBody = Type.Object(
  { request: Base64Url('visit check signed by the phone’s key', 512) },
  { additionalProperties: false },
);

/** The visit a check-in opened or a check-out completed. */
export const VisitCheckReply = Type.Object({
  visitId: Type.String({ format: 'uuid' }),
  state: Type.Union([Type.Literal('incomplete'), Type.Literal('registered')]),
  arrival: timestamp(),
  departure: orNull(timestamp()),
});

/** The phone app asks which lock is which door (docs/phone-app.md), signing a sync request. */
export const PhoneDoorsBody = Type.Object(
  { request: Base64Url('credential request (purpose sync) signed by the phone’s key', 512) },
  { additionalProperties: false },
);

export const PhoneDoorsReply = Type.Object({
  doors: Type.Array(
    Type.Object({
      lockId: Type.String({ format: 'uuid', description: 'The lock’s registry id (also its device id).' }),
      lockNumber: Type.Integer({ description: 'The number tickets carry.' }),
      doorLabel: Type.String(),
      address: orNull(Type.String()),
    }),
  ),
});

export const RecordsBody = Type.Object(
  {
    batches: Type.Array(Base64Url('record batch', 2_000_000), { maxItems: 64 }),
    request: Type.Optional(Base64Url('phones: credential request (purpose sync) signed by the phone', 512)),
  },
  { additionalProperties: false },
);

export const RecordsReply = Type.Object({
  stored: Type.Integer(),
  duplicates: Type.Integer(),
  findings: Type.Array(Type.String()),
});

// ---- device administration (console and API tokens) ------------------------------------------

export const deviceKinds = ['lock', 'key', 'phone', 'activation_box', 'sync_station', 'key_cabinet'] as const;
export type DeviceKindName = (typeof deviceKinds)[number];

export const PublicJwk = Type.Object(
  {
    kty: Type.Literal('EC'),
    crv: Type.Literal('P-256'),
    x: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }),
    y: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }),
  },
  { additionalProperties: true },
);

export const Enrolment = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  lockDeviceId: orNull(Type.String()),
  digitalKeyId: orNull(Type.String()),
  label: orNull(Type.String()),
  publicJwk: Type.Object({ kty: Type.String(), crv: Type.String(), x: Type.String(), y: Type.String() }),
  enrolledBy: Type.String(),
  enrolledAt: Type.String(),
  revokedAt: orNull(Type.String()),
  lastSeenAt: orNull(Type.String()),
});

export const PublishedIssuerKey = Type.Object({
  kid: Type.String(),
  jwk: Type.Unknown(),
  createdAt: Type.String(),
  retiredAt: orNull(Type.String()),
  signedUntil: orNull(Type.String()),
});

export const EnrolBody = Type.Object(
  {
    kind: Type.Enum(deviceKinds),
    publicJwk: PublicJwk,
    lockId: Type.Optional(Type.String({ format: 'uuid' })),
    keyId: Type.Optional(Type.String({ format: 'uuid' })),
    keyCabinetId: Type.Optional(
      Type.String({ format: 'uuid', description: 'Key cabinets enrol under their registry id.' }),
    ),
    label: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);

/** Where a re-enrolled device's record chain starts (docs/event-log.md "Re-enrolment"). */
export const ChainStart = orNull(
  Type.Object(
    {
      afterSequence: Type.Integer({
        minimum: 1,
        description: 'The last record stored under the earlier key.',
      }),
      prevHash: Type.String({
        pattern: '^[0-9a-f]{64}$',
        description: 'That record’s SHA-256 hash in hex: the `prev` of the first new record.',
      }),
    },
    {
      description:
        'Null for a first enrolment (the device starts at 1). When the enrolment already holds records, the device continues the chain: its first record is afterSequence + 1 and links to prevHash; a device starting again at 1 is refused as a chain fork. Told only to a role that may read the device’s events: an installer enrolling again a device that holds records is refused (403 forbidden).',
    },
  ),
);

export const EnrolReply = Type.Object({
  enrolment: Enrolment,
  certificate: Type.String({ description: 'COSE_Sign1 enrolment certificate, base64url' }),
  lockNumber: orNull(Type.Integer()),
  chainStart: ChainStart,
  issuerKeys: Type.Array(PublishedIssuerKey),
});

export const DeviceListQuery = Type.Object(
  { kind: Type.Optional(Type.Enum(deviceKinds)) },
  { additionalProperties: false },
);

export const PinResetReply = Type.Object({
  code: Type.String({ description: '8 digits, shown once; give it to the staff member in person.' }),
  expiresAt: Type.String({ format: 'date-time' }),
});

export const KeyActivation = Type.Object({
  enrolledAt: orNull(Type.String()),
  lastSeenAt: orNull(Type.String()),
  hasPin: Type.Boolean(),
  isPinLocked: Type.Boolean(),
  lastActivationAt: orNull(Type.String()),
  ticketExpiresAt: orNull(Type.String()),
  ticketSequence: Type.Integer(),
  isActivatedNow: Type.Boolean({
    description: 'Activated within one shift and holding an unexpired ticket.',
  }),
});

export const BlockListExposure = Type.Object({
  version: Type.Integer(),
  entries: Type.Array(
    Type.Object({
      digitalKeyId: Type.String(),
      addedInVersion: Type.Integer(),
      reason: Type.String(),
      blockedAt: Type.String(),
    }),
  ),
  locks: Type.Array(
    Type.Object({
      lockId: Type.String(),
      serial: Type.String(),
      reportedVersion: orNull(Type.Integer()),
      reportedAt: orNull(Type.String()),
      isBehind: Type.Boolean(),
    }),
  ),
});

export const KeyBlockListStatus = Type.Object({
  keyId: Type.String(),
  status: Type.String(),
  currentVersion: Type.Integer(),
  isOnBlockList: Type.Boolean(),
  addedInVersion: orNull(Type.Integer()),
  blockedAt: orNull(timestamp()),
  reason: orNull(Type.String()),
  relevantLocks: Type.Integer(),
  confirmed: Type.Integer(),
  lagging: Type.Array(
    Type.Object({
      lockId: orNull(Type.String()),
      serial: orNull(Type.String()),
      lockNumber: orNull(Type.Integer()),
      doorLabel: Type.String(),
      doorKind: Type.String(),
      streetAddress: Type.String(),
      reportedVersion: orNull(Type.Integer()),
      reportedAt: orNull(timestamp()),
    }),
    {
      description: 'Relevant locks that have not reported the key’s version, most behind first (up to 200).',
    },
  ),
});
