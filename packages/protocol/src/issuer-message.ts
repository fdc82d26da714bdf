// What every message the issuer signs (ticket, block list, device certificate, issuer key set,
// time attestation) does the same way: the payload is decoded again before signing, so the issuer
// can never emit a message a receiver would refuse, and a receiver checks the COSE envelope
// before it reads the payload.
import type { DecodeOptions, FieldReader } from './cbor';
import { decodeFieldMap, encodeFieldMap } from './cbor';
import type { CoseSign1 } from './cose';
import { decodeCoseSign1, signCoseSign1, verifyCoseSign1 } from './cose';
import type { KeyRing } from './crypto';
import type { FieldEncoders, SignedMessage, SignedMessageEnvelope } from './signed-message';
import { createSignedMessage, toFieldEntries } from './signed-message';

/** The private half of an issuer key and its 8-byte kid. */
export interface IssuerSigningKey {
  privateKey: CryptoKey;
  kid: Uint8Array;
}

/** One kind of issuer-signed message: its envelope and how its payload is encoded and decoded. */
export interface IssuerMessageFormat<T, Name extends string> extends SignedMessageEnvelope<Name> {
  encodePayload(value: T): Uint8Array;
  decodePayload(payload: Uint8Array, options?: DecodeOptions): T;
}

/**
 * The sign, parse and verify functions of one issuer-signed message format: `sign` encodes the
 * value, checks that the payload decodes (so receivers accept it) and signs it; `verify` checks
 * the signature under the issuer keys.
 */
export type IssuerMessage<T, Name extends string> = SignedMessage<T, Name, IssuerSigningKey, KeyRing>;

/** Builds the sign, parse and verify functions for one issuer-signed message format. */
export function createIssuerMessage<T, Name extends string>(
  format: IssuerMessageFormat<T, Name>,
): IssuerMessage<T, Name> {
  return createSignedMessage(format.parsedAs, {
    sign: async (value, signer) => {
      const payload = format.encodePayload(value);
      format.decodePayload(payload, { isOwnEncoding: true });
      return signCoseSign1({ ...signer, contentType: format.contentType, payload });
    },
    decode: (bytes): { sign1: CoseSign1; value: T } => {
      const sign1 = decodeCoseSign1(bytes, format.contentType, format.maxBytes, format.what);
      return { sign1, value: format.decodePayload(sign1.payload) };
    },
    check: (sign1, issuerKeys) => verifyCoseSign1(sign1, issuerKeys, format.what),
  });
}

/** Every field-map message names its issuer in field 1, as text of at most 64 characters. */
const issuerKey = 1;
const maxIssuerLength = 64;

/**
 * An issuer-signed message whose payload is a map of numbered fields, one per property of T. Each
 * field's wire key is listed once, in `fieldKeys`: it gives the encoding and the only keys a
 * receiver accepts, so the two cannot drift apart.
 */
export interface FieldMapFormat<T extends { issuer: string }, Name extends string> extends Omit<
  IssuerMessageFormat<T, Name>,
  'encodePayload' | 'decodePayload'
> {
  /** The wire key of every field but the issuer; a field whose value is undefined is left out. */
  fieldKeys: { readonly [K in Exclude<keyof T, 'issuer'>]-?: number };
  /** How a field goes on the wire, where that is not its value as it is. */
  toWire?: FieldEncoders<T>;
  /** Reads and checks every field but the issuer; `what` names the message in errors. */
  readFields(fields: FieldReader, what: string): Omit<T, 'issuer'>;
}

/** Builds the sign, parse and verify functions for one field-map message format. */
export function createFieldMapMessage<T extends { issuer: string }, Name extends string>(
  format: FieldMapFormat<T, Name>,
): IssuerMessage<T, Name> {
  const allowed = [issuerKey, ...Object.values<number>(format.fieldKeys)];
  return createIssuerMessage<T, Name>({
    ...format,
    encodePayload(value) {
      return encodeFieldMap([
        [issuerKey, value.issuer],
        ...toFieldEntries(value, format.fieldKeys, format.toWire),
      ]);
    },
    decodePayload(payload) {
      const fields = decodeFieldMap(payload, format.maxBytes, format.what, allowed);
      const issuer = fields.text(issuerKey, 'issuer', maxIssuerLength);
      return { issuer, ...format.readFields(fields, format.what) } as T;
    },
  });
}
