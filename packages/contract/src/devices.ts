// The device gateway's shapes: what activation boxes, sync stations and phones send and get.
import { Type } from 'typebox';

/** Bytes on the wire: unpadded base64url. */
export const Base64Url = (description: string, maxLength = 4096) =>
  Type.String({ pattern: '^[A-Za-z0-9_-]+$', maxLength, description });

/** A gateway refusal: `code` is a protocol reason devices act on (docs/protocol.md). */
export const DeviceRefusalBody = Type.Object({ code: Type.String(), message: Type.String() });

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

export const TimeBody = Type.Object(
  { challenge: Base64Url('the lock’s challenge as sent', 256) },
  { additionalProperties: false },
);

export const TimeReply = Type.Object({ attestation: Base64Url('COSE_Sign1 time attestation', 1024) });

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
