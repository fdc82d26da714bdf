// What every message the issuer signs (ticket, block list, device certificate, issuer key set,
// time attestation) does the same way: the payload is decoded again before signing, so the issuer
// can never emit a message a receiver would refuse, and a receiver checks the COSE envelope
// before it reads the payload.
import type { DecodeOptions, FieldReader } from './cbor';
import { decodeFieldMap, encodeFieldMap } from './cbor';
import type { ContentType, CoseSign1 } from './cose';
import { decodeCoseSign1, signCoseSign1, verifyCoseSign1 } from './cose';
import type { KeyRing } from './crypto';

/** The private half of an issuer key and its 8-byte kid. */
export interface IssuerSigningKey {
  privateKey: CryptoKey;
  kid: Uint8Array;
}

/** One kind of issuer-signed message: its content type, size limit, name in errors and payload. */
export interface IssuerMessageFormat<T, Name extends string> {
  what: string;
  contentType: ContentType;
  maxBytes: number;
  /** The name the payload goes by next to `sign1` in a parsed message (e.g. `list`). */
  parsedAs: Name;
  encodePayload(value: T): Uint8Array;
  decodePayload(payload: Uint8Array, options?: DecodeOptions): T;
}

/** A message parsed but not yet verified: its envelope, and its payload under the format's name. */
export type ParsedIssuerMessage<T, Name extends string> = { sign1: CoseSign1 } & { [K in Name]: T };

/** The sign, parse and verify functions of one issuer-signed message format. */
export interface IssuerMessage<T, Name extends string> {
  /** Encodes `value`, checks that the payload decodes (so receivers accept it), and signs it. */
  sign: (value: T, signer: IssuerSigningKey) => Promise<Uint8Array>;
  /** Parses the envelope and the payload without checking the signature. */
  parse: (bytes: Uint8Array) => ParsedIssuerMessage<T, Name>;
  /** Parses the message and verifies its signature under `issuerKeys`; returns the payload. */
  verify: (bytes: Uint8Array, issuerKeys: KeyRing) => Promise<T>;
}

/** Builds the sign, parse and verify functions for one issuer-signed message format. */
export function createIssuerMessage<T, Name extends string>(
  format: IssuerMessageFormat<T, Name>,
): IssuerMessage<T, Name> {
  const decode = (bytes: Uint8Array): { sign1: CoseSign1; value: T } => {
    const sign1 = decodeCoseSign1(bytes, format.contentType, format.maxBytes, format.what);
    return { sign1, value: format.decodePayload(sign1.payload) };
  };
  return {
    sign: async (value, signer) => {
      const payload = format.encodePayload(value);
      format.decodePayload(payload, { isOwnEncoding: true });
      return signCoseSign1({ ...signer, contentType: format.contentType, payload });
    },
    parse: (bytes) => {
      const { sign1, value } = decode(bytes);
      return { sign1, [format.parsedAs]: value } as ParsedIssuerMessage<T, Name>;
    },
    verify: async (bytes, issuerKeys) => {
      const { sign1, value } = decode(bytes);
      await verifyCoseSign1(sign1, issuerKeys, format.what);
      return value;
    },
  };
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
  toWire?: { readonly [K in keyof T]?: (value: NonNullable<T[K]>) => unknown };
  /** Reads and checks every field but the issuer; `what` names the message in errors. */
  readFields(fields: FieldReader, what: string): Omit<T, 'issuer'>;
}

/** Builds the sign, parse and verify functions for one field-map message format. */
export function createFieldMapMessage<T extends { issuer: string }, Name extends string>(
  format: FieldMapFormat<T, Name>,
): IssuerMessage<T, Name> {
  const keys = Object.entries<number>(format.fieldKeys);
  // Each function was checked against its own field's type above; here they are looked up by name.
  const toWire = (format.toWire ?? {}) as Partial<Record<string, (value: unknown) => unknown>>;
  const allowed = [issuerKey, ...keys.map(([, key]) => key)];
  return createIssuerMessage<T, Name>({
    ...format,
    encodePayload(value) {
      const entries: [number, unknown][] = [[issuerKey, value.issuer]];
      for (const [name, key] of keys) {
        const field: unknown = value[name as keyof T];
        const write = toWire[name];
        if (field !== undefined) entries.push([key, write ? write(field) : field]);
      }
      return encodeFieldMap(entries);
    },
    decodePayload(payload) {
      const fields = decodeFieldMap(payload, format.maxBytes, format.what, allowed);
      const issuer = fields.text(issuerKey, 'issuer', maxIssuerLength);
      return { issuer, ...format.readFields(fields, format.what) } as T;
    },
  });
}
